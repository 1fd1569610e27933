package org.callbackgateway.testing;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.web.GatewayApplication;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The gateway wired as the webapp wires it, on a clock the test chooses, over real HTTP on embedded Jetty:
 * for tests of what happens as days pass. {@link #application()} gives the modules for running rounds by hand.
 */
public final class ClockedGateway implements AutoCloseable {
    private final GatewayApplication application;
    private final Server server;
    private final ServerConnector connector;

    private ClockedGateway(GatewayApplication application, Server server, ServerConnector connector) {
        this.application = application;
        this.server = server;
        this.connector = connector;
    }

    public static ClockedGateway start(Map<String, String> settings, Clock clock) throws Exception {
        GatewayApplication application = GatewayApplication.start(GatewayConfig.load(ConfigSource.of(settings)), clock);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ServletContainer(application.resourceConfig())), "/*");
        application.servlets().forEach((pattern, servlet) -> context.addServlet(new ServletHolder(servlet), pattern));
        server.setHandler(context);
        server.setErrorHandler(new JsonServerErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            application.close();
            throw e;
        }
        return new ClockedGateway(application, server, connector);
    }

    public GatewayApplication application() {
        return application;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            application.close();
        }
    }
}
