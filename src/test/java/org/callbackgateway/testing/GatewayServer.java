package org.callbackgateway.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The real webapp ({@code webapp/WEB-INF/web.xml} and the compiled classes) served by embedded Jetty 12.
 * Settings are passed as servlet context parameters, as an operator could in a container.
 */
public final class GatewayServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private GatewayServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts on {@code host:port} (port 0 picks a free one); fails if the webapp does not start. */
    public static GatewayServer start(String host, int port, Map<String, String> settings) throws Exception {
        return start(host, port, settings, new ContextHandler[0]);
    }

    /**
     * As {@link #start(String, int, Map)}, with further contexts on the same server, connector and thread pool
     * beside the webapp (which keeps {@code /}); the benchmark mounts its plain-servlet ceiling this way.
     */
    public static GatewayServer start(String host, int port, Map<String, String> settings, ContextHandler... siblings)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(webappDirectory());
        // Classes come from the build's classpath, as they would from WEB-INF/classes and lib in the WAR.
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        settings.forEach(webapp::setInitParameter);
        if (siblings.length == 0) {
            server.setHandler(webapp);
        } else {
            ContextHandlerCollection contexts = new ContextHandlerCollection(webapp);
            for (ContextHandler sibling : siblings) {
                contexts.addHandler(sibling);
            }
            server.setHandler(contexts);
        }
        server.setErrorHandler(new JsonServerErrorHandler());
        server.start();
        return new GatewayServer(server, connector);
    }

    /** Starts on a free loopback port. */
    public static GatewayServer start(Map<String, String> settings) throws Exception {
        return start("127.0.0.1", 0, settings);
    }

    private static Path webappDirectory() {
        Path here = Path.of("webapp");
        if (!Files.isDirectory(here.resolve("WEB-INF"))) {
            throw new IllegalStateException("run from the project root: no webapp/WEB-INF in " + here.toAbsolutePath());
        }
        return here.toAbsolutePath();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + host + ":" + port());
    }

    public URI uri(String path) {
        return baseUri().resolve(path);
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
