package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.forge.ForgeResource;
import org.callbackgateway.callbacks.forge.GitHubVerifier;
import org.callbackgateway.callbacks.forge.GitLabVerifier;
import org.callbackgateway.callbacks.forge.GiteaVerifier;
import org.callbackgateway.callbacks.sources.SourceResource;
import org.callbackgateway.callbacks.sources.SourceService;
import org.callbackgateway.callbacks.standard.StandardWebhookResource;
import org.callbackgateway.callbacks.standard.StandardWebhookVerifier;
import org.callbackgateway.callbacks.tux.TuxKeyFetcher;
import org.callbackgateway.callbacks.tux.TuxSuiteProcessor;
import org.callbackgateway.callbacks.tux.TuxSuiteResource;
import org.callbackgateway.callbacks.tux.TuxSuiteVerifier;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.config.SignedCallbackConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.db.Transactions;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the signed callbacks (TuxSuite, forges, Standard Webhooks), the sources admin and the deliveries
 * inspection API, so that the application class needs only to register {@link #resources()}.
 */
public final class SignedCallbackModule {
    private final SourceService sources;
    private final List<Object> resources;

    public SignedCallbackModule(Jdbi jdbi, Transactions transactions, GatewayConfig config, ObjectMapper mapper,
                                Clock clock, JobStatusService jobStatus) {
        SignedCallbackConfig settings = config.signedCallbacks();
        TuxKeyFetcher tuxKeys = new TuxKeyFetcher(mapper, clock, Duration.ofSeconds(settings.keysRefetchSeconds()));
        Map<String, SignatureVerifier> verifiers = verifiers(mapper, tuxKeys);
        this.sources = new SourceService(jdbi, config.encryption().map(SecretBox::new), clock, verifiers);
        SourceRegistry registry = new SourceRegistry(sources, verifiers, clock,
                Duration.ofSeconds(settings.sourceCacheSeconds()), settings.toleranceSeconds());
        SignedCallbackService service = new SignedCallbackService(jdbi, transactions,
                new DeliveryBatch(jobStatus, DeliveryBatch.BatchListener.NONE), registry,
                Map.of(TuxSuiteVerifier.TYPE, new TuxSuiteProcessor(mapper)), mapper, clock,
                config.maxBodyBytes());
        SignedEndpoint endpoint = new SignedEndpoint(service);
        this.resources = List.of(new ForgeResource(endpoint), new TuxSuiteResource(endpoint),
                new StandardWebhookResource(endpoint), new SourceResource(sources),
                new DeliveriesResource(new DeliveryQueryService(jdbi)));
    }

    /** Every verifier by source type; the only types a source can have. */
    public static Map<String, SignatureVerifier> verifiers(ObjectMapper mapper, TuxKeyFetcher tuxKeys) {
        JsonFields json = new JsonFields(mapper.getFactory());
        return Map.of(
                GitHubVerifier.TYPE, new GitHubVerifier(json),
                GiteaVerifier.TYPE, new GiteaVerifier(json),
                GitLabVerifier.TYPE, new GitLabVerifier(json),
                TuxSuiteVerifier.TYPE, new TuxSuiteVerifier(json, mapper, tuxKeys),
                StandardWebhookVerifier.TYPE, new StandardWebhookVerifier(json));
    }

    /** A sources service of its own, for tools and tests that register sources straight in the database. */
    public static SourceService sourceService(Jdbi jdbi, Optional<SecretBox> box, ObjectMapper mapper, Clock clock) {
        return new SourceService(jdbi, box, clock,
                verifiers(mapper, new TuxKeyFetcher(mapper, clock, Duration.ofMinutes(1))));
    }

    public SourceService sources() {
        return sources;
    }

    public List<Object> resources() {
        return resources;
    }
}
