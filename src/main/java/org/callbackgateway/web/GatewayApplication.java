package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import org.callbackgateway.auth.BearerAuthFilter;
import org.callbackgateway.auth.ClientAdminResource;
import org.callbackgateway.auth.ClientKeys;
import org.callbackgateway.auth.ClientService;
import org.callbackgateway.auth.LoginThrottle;
import org.callbackgateway.auth.SigningKeys;
import org.callbackgateway.auth.TokenIssuer;
import org.callbackgateway.auth.TokenResource;
import org.callbackgateway.auth.TokenVerifier;
import org.callbackgateway.auth.ClientDao;
import org.callbackgateway.callbacks.DeliveryDao;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.DeliveryQueryDao;
import org.callbackgateway.callbacks.SignedDeliveryDao;
import org.callbackgateway.callbacks.sources.SourceDao;
import org.callbackgateway.hpc.HpcRetryDao;
import org.callbackgateway.jobs.JobDao;
import org.callbackgateway.notifications.OutboxDao;
import org.callbackgateway.oauth.AccessTokenDao;
import org.callbackgateway.oauth.AuthorizationRequestDao;
import org.callbackgateway.callbacks.SignedCallbackModule;
import org.callbackgateway.callbacks.notification.NotificationResource;
import org.callbackgateway.callbacks.notification.NotificationService;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.db.DataSources;
import org.callbackgateway.db.GroupCommitter;
import org.callbackgateway.db.Transactions;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.db.Migrations;
import org.callbackgateway.hpc.HpcCallbackResource;
import org.callbackgateway.hpc.HpcCallbackService;
import org.callbackgateway.hpc.HpcLookup;
import org.callbackgateway.hpc.HpcRetryScheduler;
import org.callbackgateway.hpc.HpcStatusService;
import org.callbackgateway.hpc.HpcTokens;
import org.callbackgateway.hpc.TapisCallbackService;
import org.callbackgateway.jobs.CallbackUrls;
import org.callbackgateway.jobs.JobResource;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.StatusChangeListener;
import org.callbackgateway.notifications.AgentNotifier;
import org.callbackgateway.notifications.OutboxSender;
import org.callbackgateway.oauth.OAuthModule;
import org.callbackgateway.oauth.OAuthTokenService;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the whole gateway by hand from its configuration: data source, migrations, services, resources.
 */
public final class GatewayApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);

    private final GatewayConfig config;
    private final DataSources.Resolved dataSource;
    private final Jdbi jdbi;
    private final Migrations migrations;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ClientKeys clientKeys;
    private final LoginThrottle loginThrottle;
    private final DeliveryInbox inbox;
    private final JobService jobs;
    private final JobStatusService jobStatus;
    private final HpcStatusService hpcStatus;
    private final Transactions transactions;
    private final List<AutoCloseable> backgroundTasks = new ArrayList<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OAuthModule oauth;

    private GatewayApplication(GatewayConfig config, DataSources.Resolved dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        bindJvmMetrics();
        if (dataSource.dataSource() instanceof HikariDataSource pool) {
            pool.setMetricRegistry(metrics);
        }
        this.jdbi = JdbiFactory.create(dataSource.dataSource());
        JdbiFactory.precomputeSqlObjects(jdbi, List.of(JobDao.class, DeliveryDao.class, SignedDeliveryDao.class,
                DeliveryQueryDao.class, SourceDao.class, ClientDao.class, HpcRetryDao.class, OutboxDao.class,
                AccessTokenDao.class, AuthorizationRequestDao.class));
        this.migrations = new Migrations(dataSource.dataSource());
        this.mapper = Json.newMapper();
        this.clientKeys = new ClientKeys(config.auth().bcryptCost());
        this.loginThrottle = new LoginThrottle(clock);
        this.inbox = new DeliveryInbox(jdbi);
        this.transactions = transactions(config.database().groupCommitMaxBatch(),
                config.database().groupCommitWriters());
        this.jobs = new JobService(jdbi, clock);
        this.jobStatus = new JobStatusService(jdbi, clock, config.hpc().notificationAgentUrl().isPresent()
                ? new AgentNotifier(mapper, clock) : StatusChangeListener.NONE);
        this.oauth = new OAuthModule(jdbi, config, mapper, clock);
        this.hpcStatus = new HpcStatusService(jdbi, new HpcLookup(config.hpc(), hpcTokens(), mapper), jobStatus,
                config.hpc(), clock);
    }

    /** Group commit for the callbacks' short transactions, unless turned off with a batch of 1. */
    private Transactions transactions(int maxBatch, int writers) {
        if (maxBatch <= 1) {
            return Transactions.direct(jdbi);
        }
        GroupCommitter committer = new GroupCommitter(jdbi, maxBatch, writers);
        metrics.more().counter("gateway.group.commit.units", List.of(), committer, GroupCommitter::units);
        metrics.more().counter("gateway.group.commit.commits", List.of(), committer, GroupCommitter::commits);
        backgroundTasks.add(committer);
        return committer;
    }

    private void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        backgroundTasks.add(gc);
    }

    /** HPC lookups use the job owner's token from the OAuth token store, refreshed before use. */
    private HpcTokens hpcTokens() {
        return new HpcTokens() {
            @Override
            public String validAccessToken(String api, String username) {
                return oauth.tokens().validAccessToken(api, username).value();
            }

            @Override
            public String refreshAfterRejection(String api, String username, String rejectedToken) {
                return oauth.tokens().refreshAfterRejection(api, username, rejectedToken).value();
            }
        };
    }

    /** Starts the cluster-safe background work: HPC lookup retries and the notification outbox. */
    private void startBackgroundTasks() {
        HpcRetryScheduler retries = new HpcRetryScheduler(jdbi, jobs, hpcStatus, config.hpc(), clock);
        retries.start();
        backgroundTasks.add(retries);
        config.hpc().notificationAgentUrl().ifPresent(url -> {
            OutboxSender sender = new OutboxSender(jdbi, url, clock, config.hpc().pollSeconds());
            sender.start();
            backgroundTasks.add(sender);
        });
    }

    /** Connects to the database and migrates it (unless turned off). */
    public static GatewayApplication start(GatewayConfig config, Clock clock) {
        DataSources.Resolved dataSource = DataSources.resolve(config.database());
        LOG.info("database: {}", dataSource.description());
        GatewayApplication application = new GatewayApplication(config, dataSource, clock);
        try {
            if (config.database().migrate()) {
                int applied = application.migrations.migrate();
                LOG.info("database migrations: {} applied", applied);
            }
            config.auth().bootstrapAdmin().ifPresent(admin -> application.clients().ensureBootstrapAdmin(admin));
            application.startBackgroundTasks();
            application.oauth.start();
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        return application;
    }

    /** The Jersey application with every resource and the error mappers. */
    public ResourceConfig resourceConfig() {
        NotificationService notifications = new NotificationService(transactions, inbox, jobStatus, mapper);

        SigningKeys signingKeys = SigningKeys.from(config.auth());
        TokenIssuer tokenIssuer = new TokenIssuer(signingKeys, config.auth().issuer(), config.auth().audience(),
                config.auth().ttlSeconds(), clock);
        TokenVerifier tokenVerifier = new TokenVerifier(signingKeys, config.auth());
        ClientService clients = clients();

        ResourceConfig resources = new ResourceConfig();
        resources.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        resources.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        resources.register(JacksonFeature.withoutExceptionMappers());
        resources.register(new ObjectMapperProvider(mapper));
        resources.register(new ApiExceptionMapper());
        resources.register(new WebApplicationExceptionMapper());
        resources.register(new JsonProcessingExceptionMapper());
        CatchAllExceptionMapper catchAll = new CatchAllExceptionMapper(config.retryAfterSeconds());
        resources.register(catchAll);
        resources.register(new IOExceptionMapper(catchAll));
        resources.register(new InboundTextFilter());
        resources.register(new HealthResource(jdbi, migrations, config.retryAfterSeconds()));
        resources.register(new RequestMetricsFilter(metrics));
        resources.register(new MetricsResource(metrics));
        resources.register(new OpenApiResource());
        resources.register(new BodyCapFilter(config.maxBodyBytes()));
        resources.register(new BearerAuthFilter(tokenVerifier));
        resources.register(new NotificationResource(notifications, inbox, clock, config.maxBodyBytes()));
        resources.register(new TokenResource(clients, tokenIssuer));
        resources.register(new ClientAdminResource(clients));
        resources.register(new JobResource(jobs, jobStatus, new CallbackUrls(config.publicBaseUrl())));
        resources.register(new HpcCallbackResource(new HpcCallbackService(inbox, jobs, hpcStatus),
                new TapisCallbackService(jdbi, inbox, jobs, jobStatus, mapper), clock, config.maxBodyBytes()));
        new SignedCallbackModule(jdbi, transactions, config, mapper, clock, jobStatus).resources().forEach(resources::register);
        oauth.resources().forEach(resources::register);
        return resources;
    }

    /** The browser side of the OAuth flow, for {@code /oauth/callback/*}. */
    public HttpServlet oauthCallbackServlet() {
        return oauth.callbackServlet();
    }

    /** Valid access tokens for (API, user), for the features that call APIs on a user's behalf. */
    public OAuthTokenService oauthTokens() {
        return oauth.tokens();
    }

    private ClientService clients() {
        return new ClientService(jdbi, clientKeys, loginThrottle, mapper, clock);
    }

    @Override
    public void close() {
        for (AutoCloseable task : backgroundTasks) {
            try {
                task.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", task.getClass().getSimpleName(), e.toString());
            }
        }
        metrics.close();
        oauth.close();
        if (dataSource.owned() && dataSource.dataSource() instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
