package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import org.callbackgateway.auth.BearerAuthFilter;
import org.callbackgateway.auth.ClientAdminResource;
import org.callbackgateway.auth.ClientKeys;
import org.callbackgateway.auth.ClientService;
import org.callbackgateway.auth.LoginThrottle;
import org.callbackgateway.auth.SigningKeys;
import org.callbackgateway.auth.TokenIssuer;
import org.callbackgateway.auth.TokenResource;
import org.callbackgateway.auth.TokenVerifier;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.notification.NotificationResource;
import org.callbackgateway.callbacks.notification.NotificationService;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.db.DataSources;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.db.Migrations;
import org.callbackgateway.jobs.CallbackUrls;
import org.callbackgateway.jobs.JobResource;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.oauth.AuthorizationRequestService;
import org.callbackgateway.oauth.AuthorizationRequiredExceptionMapper;
import org.callbackgateway.oauth.CodeExchangeService;
import org.callbackgateway.oauth.ExpiredStateCleaner;
import org.callbackgateway.oauth.OAuthAdminResource;
import org.callbackgateway.oauth.OAuthApis;
import org.callbackgateway.oauth.OAuthCallbackServlet;
import org.callbackgateway.oauth.OAuthResource;
import org.callbackgateway.oauth.OAuthTokenService;
import org.callbackgateway.oauth.TokenEndpointClient;
import org.callbackgateway.oauth.TokenStore;
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
    private final OAuthApis oauthApis;
    private final AuthorizationRequestService authorizationRequests;
    private final TokenStore oauthTokenStore;
    private final CodeExchangeService codeExchange;
    private final OAuthTokenService oauthTokens;
    private final ExpiredStateCleaner expiredStateCleaner;
    private final TokenEndpointClient tokenEndpoint;

    private GatewayApplication(GatewayConfig config, DataSources.Resolved dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        this.jdbi = JdbiFactory.create(dataSource.dataSource());
        this.migrations = new Migrations(dataSource.dataSource());
        this.mapper = Json.newMapper();
        this.clientKeys = new ClientKeys(config.auth().bcryptCost());
        this.loginThrottle = new LoginThrottle(clock);
        this.oauthApis = new OAuthApis(config.oauth());
        this.authorizationRequests = new AuthorizationRequestService(jdbi, config.oauth().stateTtl(), clock);
        this.oauthTokenStore = new TokenStore(jdbi, config.encryption().map(SecretBox::new));
        // Bounded, because a refresh holds the token row's lock while it waits for the provider.
        this.tokenEndpoint = new TokenEndpointClient(Duration.ofSeconds(5), Duration.ofSeconds(15), mapper);
        this.codeExchange = new CodeExchangeService(authorizationRequests, tokenEndpoint, oauthTokenStore, clock);
        this.oauthTokens = new OAuthTokenService(oauthApis, oauthTokenStore, tokenEndpoint, authorizationRequests,
                config.oauth().refreshMargin(), clock);
        this.expiredStateCleaner = new ExpiredStateCleaner(authorizationRequests, Duration.ofMinutes(1));
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
            application.expiredStateCleaner.start();
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        return application;
    }

    /** The Jersey application with every resource and the error mappers. */
    public ResourceConfig resourceConfig() {
        DeliveryInbox inbox = new DeliveryInbox(jdbi);
        JobStatusService jobStatus = new JobStatusService(jdbi, clock);
        NotificationService notifications = new NotificationService(jdbi, inbox, jobStatus, mapper);

        SigningKeys signingKeys = SigningKeys.from(config.auth());
        TokenIssuer tokenIssuer = new TokenIssuer(signingKeys, config.auth().issuer(), config.auth().audience(),
                config.auth().ttlSeconds(), clock);
        TokenVerifier tokenVerifier = new TokenVerifier(signingKeys, config.auth());
        ClientService clients = clients();
        JobService jobs = new JobService(jdbi, clock);

        ResourceConfig resources = new ResourceConfig();
        resources.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        resources.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        resources.register(JacksonFeature.withoutExceptionMappers());
        resources.register(new ObjectMapperProvider(mapper));
        resources.register(new ApiExceptionMapper());
        resources.register(new WebApplicationExceptionMapper());
        resources.register(new JsonProcessingExceptionMapper());
        resources.register(new CatchAllExceptionMapper(config.retryAfterSeconds()));
        resources.register(new HealthResource(jdbi, migrations, config.retryAfterSeconds()));
        resources.register(new BearerAuthFilter(tokenVerifier));
        resources.register(new NotificationResource(notifications, inbox, clock, config.maxBodyBytes()));
        resources.register(new TokenResource(clients, tokenIssuer));
        resources.register(new ClientAdminResource(clients));
        resources.register(new JobResource(jobs, jobStatus, new CallbackUrls(config.publicBaseUrl())));
        resources.register(new AuthorizationRequiredExceptionMapper());
        resources.register(new OAuthResource(oauthApis, authorizationRequests, codeExchange, oauthTokens,
                oauthTokenStore));
        resources.register(new OAuthAdminResource(oauthApis, oauthTokenStore));
        return resources;
    }

    /** The browser side of the OAuth flow, for {@code /oauth/callback/*}. */
    public HttpServlet oauthCallbackServlet() {
        return new OAuthCallbackServlet(oauthApis, codeExchange, mapper);
    }

    /** Valid access tokens for (API, user), for the features that call APIs on a user's behalf. */
    public OAuthTokenService oauthTokens() {
        return oauthTokens;
    }

    private ClientService clients() {
        return new ClientService(jdbi, clientKeys, loginThrottle, mapper, clock);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        expiredStateCleaner.close();
        tokenEndpoint.close();
        if (dataSource.owned() && dataSource.dataSource() instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
