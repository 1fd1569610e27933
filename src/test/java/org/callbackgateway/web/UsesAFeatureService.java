package org.callbackgateway.web;

import org.callbackgateway.jobs.JobService;

/** Breaks the bootstrap package's rule on purpose, so that the architecture test shows the rule can fail. */
final class UsesAFeatureService {
    private UsesAFeatureService() {
    }

    static Object peek(JobService jobs) {
        return jobs;
    }
}
