package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.SignedCallbackModule;
import org.callbackgateway.callbacks.notification.NotificationResource;
import org.callbackgateway.callbacks.notification.NotificationService;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.db.DataSources;
import org.callbackgateway.db.JdbiFactory;
import org.callbackgateway.db.Migrations;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatusService;
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

    private GatewayApplication(GatewayConfig config, DataSources.Resolved dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        this.jdbi = JdbiFactory.create(dataSource.dataSource());
        this.migrations = new Migrations(dataSource.dataSource());
        this.mapper = Json.newMapper();
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
        resources.register(new NotificationResource(notifications, inbox, clock, config.maxBodyBytes()));
        new SignedCallbackModule(jdbi, config, mapper, clock, jobStatus).resources().forEach(resources::register);
        return resources;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public JobService jobs() {
        return new JobService(jdbi, clock);
    }

    @Override
    public void close() {
        if (dataSource.owned() && dataSource.dataSource() instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
