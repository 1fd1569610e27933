package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.forge.ForgeResource;
import org.callbackgateway.callbacks.forge.ForgeSecretsDirectory;
import org.callbackgateway.callbacks.forge.GitHubVerifier;
import org.callbackgateway.callbacks.forge.GitLabVerifier;
import org.callbackgateway.callbacks.forge.GiteaVerifier;
import org.callbackgateway.callbacks.sources.SourceDao;
import org.callbackgateway.callbacks.sources.SourceMaterials;
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
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored deliveries and the signed callbacks: the delivery inbox every callback is recorded in, the TuxSuite,
 * forge and Standard Webhooks endpoints with their verifiers, the sources admin and the deliveries API.
 */
public final class SignedCallbackModule implements FeatureModule {
    private static final Logger LOG = LoggerFactory.getLogger(SignedCallbackModule.class);
    private final DeliveryInbox inbox;
    private final DeliveryBatch deliveryBatch;
    private final SourceService sources;
    private final SignedReplayer replayer;
    private final List<Object> resources;

    public SignedCallbackModule(Foundation foundation, JobStatusService jobStatus) {
        this(foundation, jobStatus, AcceptedDeliveryListener.NONE);
    }

    /** @param accepted told of every accepted delivery, signed or not, in its transaction (the event log's append) */
    public SignedCallbackModule(Foundation foundation, JobStatusService jobStatus, AcceptedDeliveryListener accepted) {
        Jdbi jdbi = foundation.jdbi();
        GatewayConfig config = foundation.config();
        ObjectMapper mapper = foundation.mapper();
        Clock clock = foundation.clock();
        JdbiFactory.precomputeSqlObjects(jdbi, List.of(DeliveryDao.class, SignedDeliveryDao.class,
                DeliveryQueryDao.class, DeliverySummaryDao.class, SourceDao.class));
        this.inbox = new DeliveryInbox(jdbi, accepted);
        this.deliveryBatch = new DeliveryBatch(jobStatus, accepted);
        SignedCallbackConfig settings = config.signedCallbacks();
        TuxKeyFetcher tuxKeys = new TuxKeyFetcher(mapper, clock, Duration.ofSeconds(settings.keysRefetchSeconds()));
        Map<String, SignatureVerifier> verifiers = verifiers(mapper, tuxKeys);
        this.sources = new SourceService(jdbi, config.encryption().map(SecretBox::new), clock, verifiers);
        SourceRegistry registry = new SourceRegistry(sources, materials(sources, settings), verifiers, clock,
                Duration.ofSeconds(settings.sourceCacheSeconds()), settings.toleranceSeconds());
        Map<String, PayloadProcessor<?>> processors = Map.of(TuxSuiteVerifier.TYPE, new TuxSuiteProcessor(mapper));
        SignedCallbackService service = new SignedCallbackService(jdbi, foundation.transactions(), deliveryBatch,
                registry, processors, mapper, clock, config.maxBodyBytes());
        this.replayer = new SignedReplayer(jdbi, foundation.transactions(), registry, processors, mapper, clock,
                deliveryBatch);
        SignedEndpoint endpoint = new SignedEndpoint(service);
        this.resources = List.of(new ForgeResource(endpoint), new TuxSuiteResource(endpoint),
                new StandardWebhookResource(endpoint), new SourceResource(sources),
                new DeliveriesResource(new DeliveryQueryService(jdbi), mapper),
                new DeliverySummaryResource(new DeliverySummaryService(jdbi, clock)));
    }

    /** The database, with the forge sources' secrets taken from a whck directory when one is configured. */
    private static SourceMaterials materials(SourceService sources, SignedCallbackConfig settings) {
        return settings.forgeSecretsDir().<SourceMaterials>map(directory -> {
            LOG.info("forge secrets are read from {}, not from the database", directory);
            return new ForgeSecretsDirectory(sources, directory);
        }).orElse(sources);
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

    /** Where every callback, signed or not, is recorded as it arrived. */
    public DeliveryInbox inbox() {
        return inbox;
    }

    /** Replays of stored signed deliveries, for the replay feature. */
    public SignedReplayer replayer() {
        return replayer;
    }

    /** How every callback's delivery is stored and applied in the group commit, set-wise with the others. */
    public DeliveryBatch deliveryBatch() {
        return deliveryBatch;
    }

    public SourceService sources() {
        return sources;
    }

    @Override
    public List<Object> resources() {
        return resources;
    }
}
