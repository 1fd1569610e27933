package org.callbackgateway.cluster;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.callbackgateway.testing.GatewayServer;

/**
 * One gateway instance of a test cluster, in a JVM of its own: the real webapp on embedded Jetty on
 * 127.0.0.1:{@code port}, with the settings of a properties file (kept out of the command line, which any
 * local user can read). Prints {@link #READY} once it serves; SIGTERM stops it through the webapp's shutdown.
 *
 * <p>Usage: {@code ClusterNodeMain <port> <settings.properties>}
 */
public final class ClusterNodeMain {
    static final String READY = "cluster node ready on port ";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            properties.load(in);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        GatewayServer gateway = GatewayServer.start("127.0.0.1", port, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "cluster-node-shutdown"));
        System.out.println(READY + gateway.port());
        gateway.join();
    }
}
