package org.callbackgateway.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 primary (the suite's embedded binaries) with a streaming replica in synchronous replication:
 * a commit returns only once the replica has flushed it, so that promoting the replica after the primary died
 * loses nothing a client was told is committed. The replica starts as a cold copy of the primary's data
 * folder (the embedded binaries have no {@code pg_basebackup}).
 */
public final class ReplicatedPostgres implements AutoCloseable {
    private static final String REPLICA_NAME = "replica";

    private final String database;
    private final Path primaryDir;
    private final EmbeddedPostgres primary;
    private final EmbeddedPostgres replica;

    private ReplicatedPostgres(String database, Path primaryDir, EmbeddedPostgres primary, EmbeddedPostgres replica) {
        this.database = database;
        this.primaryDir = primaryDir;
        this.primary = primary;
        this.replica = replica;
    }

    public static ReplicatedPostgres start(Path folder, String database) throws Exception {
        Path primaryDir = folder.resolve("primary");
        Path replicaDir = folder.resolve("replica");
        int primaryPort = ChildProcesses.freePort();
        int replicaPort = ChildProcesses.freePort();
        // First without a synchronous standby, or creating the database would wait for one.
        try (EmbeddedPostgres seed = server(primaryDir, primaryPort).start();
             Connection connection = DriverManager.getConnection(seed.getJdbcUrl("postgres", "postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        copyData(primaryDir, replicaDir);
        Files.createFile(replicaDir.resolve("standby.signal"));
        // In the replica's own configuration: the embedded server's start-up options cannot hold spaces.
        Files.writeString(replicaDir.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
                + primaryPort + " user=postgres application_name=" + REPLICA_NAME + "'\n");
        EmbeddedPostgres primary = server(primaryDir, primaryPort)
                .setServerConfig("synchronous_standby_names", REPLICA_NAME)
                .start();
        try {
            EmbeddedPostgres replica = server(replicaDir, replicaPort).start();
            ReplicatedPostgres replicated = new ReplicatedPostgres(database, primaryDir, primary, replica);
            replicated.awaitSynchronous();
            return replicated;
        } catch (Exception e) {
            primary.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder server(Path dir, int port) {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".log").toFile()))
                // The embedded default turns synchronous_commit off: a commit would not wait for its WAL flush,
                // nor for the replica.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("hot_standby", "on")
                .setServerConfig("listen_addresses", "127.0.0.1");
    }

    private static void copyData(Path from, Path to) throws IOException {
        List<String> skipped = List.of("postmaster.pid", "postmaster.opts", "epg-lock");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                if (skipped.contains(source.getFileName().toString())) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data folder others may read.
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private void awaitSynchronous() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection(primary.getJdbcUrl("postgres", "postgres"));
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_stat_replication WHERE application_name = '"
                         + REPLICA_NAME + "' AND sync_state = 'sync' AND state = 'streaming'")) {
                if (rows.next()) {
                    return;
                }
            }
            ChildProcesses.sleep(100);
        }
        throw new IllegalStateException("the replica did not become a synchronous standby within 30 s");
    }

    /**
     * The URL an instance connects with: both servers, and only the one that is primary now. Host states are
     * re-checked every 2 s, so a promoted replica is found within seconds.
     */
    public String gatewayUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primary.getPort() + ",127.0.0.1:" + replica.getPort() + "/" + database
                + "?user=postgres&targetServerType=primary&hostRecheckSeconds=2";
    }

    /** The replica's URL (the primary after {@link #promoteReplica}), for reading what was stored. */
    public String replicaUrl() {
        return replica.getJdbcUrl("postgres", database);
    }

    /** The primary dies as in a crash: an immediate shutdown, no checkpoint, every connection cut. */
    public void crashPrimary() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(primaryDir.resolve("postmaster.pid")).get(0).trim());
        Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            try {
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                ChildProcesses.kill(postmaster);
            }
        });
    }

    /** Promotes the replica to primary and waits until it accepts writes. */
    public void promoteReplica() throws SQLException {
        try (Connection connection = DriverManager.getConnection(replica.getJdbcUrl("postgres", "postgres"));
             Statement statement = connection.createStatement();
             ResultSet promoted = statement.executeQuery("SELECT pg_promote(true, 30)")) {
            if (!promoted.next() || !promoted.getBoolean(1)) {
                throw new IllegalStateException("the replica was not promoted within 30 s");
            }
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres server : List.of(replica, primary)) {
            try {
                server.close();
            } catch (IOException | RuntimeException stoppedAlready) {
                // the crashed primary is gone already
            }
        }
    }
}
