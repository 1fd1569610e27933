package org.callbackgateway.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbackgateway.testing.TestSettings;

/**
 * Several gateway instances (JVMs of their own on loopback ports) on one database, optionally through
 * PgBouncer in transaction pooling mode, behind HAProxy. Closing it ends every process it started, in the
 * order that keeps the rest quiet: the balancer, the instances, then the pooler.
 */
public final class Cluster implements AutoCloseable {
    /** Lean JVMs: the tests start several on two cores. */
    public static final List<String> TEST_JVM = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final List<GatewayNode> nodes;
    private final PgBouncer pgBouncer;
    private final Haproxy haproxy;

    private Cluster(List<GatewayNode> nodes, PgBouncer pgBouncer, Haproxy haproxy) {
        this.nodes = nodes;
        this.pgBouncer = pgBouncer;
        this.haproxy = haproxy;
    }

    /** How to start a cluster. */
    public static final class Builder {
        private final Path folder;
        private final String databaseUrl;
        private int instances = 2;
        private boolean pooled = true;
        private boolean listenDirect = true;
        private int pgBouncerConnections = 10;
        private List<String> jvm = TEST_JVM;
        private final Map<String, String> settings = new HashMap<>();

        private Builder(Path folder, String databaseUrl) {
            this.folder = folder;
            this.databaseUrl = databaseUrl;
        }

        public Builder instances(int count) {
            this.instances = count;
            return this;
        }

        /** Through PgBouncer (the default), or straight to {@code databaseUrl}. */
        public Builder throughPgBouncer(boolean pooled, int serverConnections) {
            this.pooled = pooled;
            this.pgBouncerConnections = serverConnections;
            return this;
        }

        /**
         * Through PgBouncer, whether each instance listens for the event log's notifications on a direct
         * connection ({@code GATEWAY_DB_LISTEN_URL}, the default), or (false) has only the pooled connections.
         */
        public Builder listenDirect(boolean direct) {
            this.listenDirect = direct;
            return this;
        }

        public Builder jvm(List<String> options) {
            this.jvm = List.copyOf(options);
            return this;
        }

        /** Gateway settings of every instance (pairs of name and value), on top of the test defaults. */
        public Builder settings(String... pairs) {
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                settings.put(pairs[i], pairs[i + 1]);
            }
            return this;
        }

        /** Starts everything; anything started is ended again if a later step fails. */
        public Cluster start() {
            List<AutoCloseable> started = new ArrayList<>();
            try {
                String url = databaseUrl;
                PgBouncer bouncer = null;
                if (pooled) {
                    JdbcAddress address = JdbcAddress.parse(databaseUrl);
                    bouncer = PgBouncer.start(folder, address.port(), address.database(), pgBouncerConnections);
                    started.add(bouncer);
                    url = bouncer.jdbcUrl(address.database());
                }
                Map<String, String> all = TestSettings.gatewayWithAdmin(url);
                all.put("GATEWAY_DB_POOL_SIZE", "5");
                if (pooled && listenDirect) {
                    // LISTEN cannot go through a transaction pooler: straight to PostgreSQL.
                    all.put("GATEWAY_DB_LISTEN_URL", databaseUrl);
                }
                all.putAll(settings);
                List<GatewayNode> nodes = new ArrayList<>();
                for (int i = 1; i <= instances; i++) {
                    GatewayNode node = new GatewayNode("node" + i, folder, all, jvm);
                    nodes.add(node);
                    started.add(node);
                }
                nodes.forEach(GatewayNode::launch);
                nodes.forEach(GatewayNode::awaitReady);
                Haproxy haproxy = Haproxy.start(folder, nodes);
                started.add(haproxy);
                for (GatewayNode node : nodes) {
                    haproxy.awaitUp(node, 60);
                }
                return new Cluster(List.copyOf(nodes), bouncer, haproxy);
            } catch (RuntimeException e) {
                java.util.Collections.reverse(started);
                closeAll(started);
                throw e;
            }
        }
    }

    /** A cluster on the database of {@code databaseUrl} (a direct JDBC URL), with its files in {@code folder}. */
    public static Builder on(Path folder, String databaseUrl) {
        return new Builder(folder, databaseUrl);
    }

    public URI balancer() {
        return haproxy.baseUri();
    }

    public Haproxy haproxy() {
        return haproxy;
    }

    public List<GatewayNode> nodes() {
        return nodes;
    }

    public GatewayNode node(int index) {
        return nodes.get(index);
    }

    /** Starts {@code node} again after a stop or kill, and waits until HAProxy sends it requests. */
    public void restart(GatewayNode node) {
        node.start();
        haproxy.awaitUp(node, 60);
    }

    /** The last lines of every instance's log, for a failure message. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        nodes.forEach(node -> logs.append("---- ").append(node.name()).append('\n').append(node.tail()).append('\n'));
        return logs.toString();
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(haproxy);
        all.addAll(nodes);
        if (pgBouncer != null) {
            all.add(pgBouncer);
        }
        closeAll(all);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        RuntimeException first = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not stop " + resource, e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
