package org.callbackgateway.web;

import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.Map;
import org.callbackgateway.auth.AuthModule;
import org.callbackgateway.callbacks.SignedCallbackModule;
import org.callbackgateway.callbacks.nextflow.NextflowModule;
import org.callbackgateway.callbacks.retention.RetentionModule;
import org.callbackgateway.callbacks.notification.NotificationCallbackModule;
import org.callbackgateway.callbacks.protection.SourceProtectionModule;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.console.ConsoleModule;
import org.callbackgateway.db.DatabaseModule;
import org.callbackgateway.hpc.HpcModule;
import org.callbackgateway.jobs.JobsModule;
import org.callbackgateway.events.EventsModule;
import org.callbackgateway.forwarding.ForwardingModule;
import org.callbackgateway.oauth.OAuthModule;
import org.callbackgateway.replay.ReplayModule;
import org.callbackgateway.stream.StreamModule;
import org.callbackgateway.web.operations.OperationsModule;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The gateway: its modules in dependency order, each owning one feature. Reading {@link #start} is reading the
 * architecture.
 */
public final class GatewayApplication implements AutoCloseable {
    private final Foundation foundation;
    private final ModuleList modules;
    private final OAuthModule oauth;

    private GatewayApplication(Foundation foundation, ModuleList modules, OAuthModule oauth) {
        this.foundation = foundation;
        this.modules = modules;
        this.oauth = oauth;
    }

    /** Connects to the database, migrates it (unless turned off) and starts every module's background work. */
    public static GatewayApplication start(GatewayConfig config, Clock clock) {
        ModuleList modules = new ModuleList();
        try {
            DatabaseModule database = modules.add(DatabaseModule.connect(config.database()));
            Foundation foundation = new Foundation(config, database.jdbi(), database.transactions(),
                    Json.newMapper(), clock);
            OperationsModule operations = modules.add(new OperationsModule(foundation, database));
            AuthModule auth = modules.add(new AuthModule(foundation));
            EventsModule events = modules.add(new EventsModule(foundation, database));
            JobsModule jobs = modules.add(new JobsModule(foundation, events.statusChanges()));
            SignedCallbackModule callbacks = modules.add(new SignedCallbackModule(foundation, jobs.statuses(),
                    events.acceptedDeliveries()));
            modules.add(new RetentionModule(foundation, operations.metrics()));
            NotificationCallbackModule notificationCallbacks = modules.add(
                    new NotificationCallbackModule(foundation, callbacks.inbox(), callbacks.deliveryBatch()));
            modules.add(new ReplayModule(foundation, callbacks.inbox(), notificationCallbacks.service(),
                    callbacks.replayer()));
            modules.add(new SourceProtectionModule(foundation, callbacks.inbox(), operations.metrics()));
            OAuthModule oauth = modules.add(new OAuthModule(foundation));
            modules.add(new HpcModule(foundation, callbacks.inbox(), jobs, oauth.tokens()));
            modules.add(new NextflowModule(foundation, callbacks.inbox(), jobs));
            ForwardingModule forwarding = modules.add(new ForwardingModule(foundation, events, callbacks,
                    operations.metrics()));
            modules.add(new StreamModule(foundation, auth, events, forwarding));
            modules.add(new ConsoleModule(auth.consoleConnectOrigins()));
            modules.startAll();
            return new GatewayApplication(foundation, modules, oauth);
        } catch (RuntimeException e) {
            modules.close();
            throw e;
        }
    }

    /** The Jersey application with every module's resources and the error mappers. */
    public ResourceConfig resourceConfig() {
        return JerseyResources.of(foundation, modules.resources());
    }

    /** The plain servlets of the modules, by URL pattern. */
    public Map<String, HttpServlet> servlets() {
        return modules.servlets();
    }

    /** The OAuth feature, whose token service other programs on the same database may use. */
    public OAuthModule oauth() {
        return oauth;
    }

    /** The running module of that class (a tool's or test's way to a feature's services). */
    public <M extends FeatureModule> M module(Class<M> type) {
        return modules.find(type);
    }

    @Override
    public void close() {
        modules.close();
    }
}
