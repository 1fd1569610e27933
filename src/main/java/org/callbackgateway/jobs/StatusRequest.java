package org.callbackgateway.jobs;

/** One status change for the job {@code job} names, to be applied with others in one batch. */
public record StatusRequest(JobRef job, StatusChange change) {
}
