package org.callbackgateway.hpc;

import java.util.List;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.config.HpcConfig;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.jobs.JobsModule;
import org.callbackgateway.oauth.OAuthTokenService;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * HPC jobs on Agave v2 and Tapis v3: their callbacks, the status read back from the API with the owner's token,
 * and the cluster-safe retries of lookups that failed.
 */
public final class HpcModule implements FeatureModule {
    private final Foundation foundation;
    private final JobsModule jobs;
    private final HpcLookup lookup;
    private final HpcStatusService status;
    private final List<Object> resources;
    private HpcRetryScheduler retries;

    public HpcModule(Foundation foundation, DeliveryInbox inbox, JobsModule jobs, OAuthTokenService tokens) {
        this.foundation = foundation;
        this.jobs = jobs;
        HpcConfig config = foundation.config().hpc();
        JdbiFactory.precomputeSqlObjects(foundation.jdbi(), List.of(HpcRetryDao.class));
        this.lookup = new HpcLookup(config, ownersTokens(tokens), foundation.mapper());
        this.status = new HpcStatusService(foundation.jdbi(), lookup, jobs.statuses(), config, foundation.clock());
        this.resources = List.of(new HpcCallbackResource(
                new HpcCallbackService(inbox, jobs.jobs(), status, foundation.mapper()),
                new TapisCallbackService(foundation.jdbi(), inbox, jobs.jobs(), jobs.statuses(), status,
                        config.tapisTrustEventBody(), foundation.mapper()),
                foundation.clock(), foundation.config().maxBodyBytes()));
    }

    /** Lookups use the job owner's token from the OAuth token store, refreshed before use. */
    private static HpcTokens ownersTokens(OAuthTokenService tokens) {
        return new HpcTokens() {
            @Override
            public String validAccessToken(String api, String username) {
                return tokens.validAccessToken(api, username).value();
            }

            @Override
            public String refreshAfterRejection(String api, String username, String rejectedToken) {
                return tokens.refreshAfterRejection(api, username, rejectedToken).value();
            }
        };
    }

    @Override
    public List<Object> resources() {
        return resources;
    }

    @Override
    public void start() {
        retries = new HpcRetryScheduler(foundation.jdbi(), jobs.jobs(), status, foundation.config().hpc(),
                foundation.clock());
        retries.start();
    }

    @Override
    public void close() {
        if (retries != null) {
            retries.close();
        }
        lookup.close();
    }
}
