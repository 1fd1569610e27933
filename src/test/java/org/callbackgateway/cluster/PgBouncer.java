package org.callbackgateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Debian's PgBouncer in transaction pooling mode on a loopback port, in front of one PostgreSQL server: every
 * transaction of a client may run on another server connection, so nothing may rely on session state.
 *
 * <p>PgBouncer refuses to run as root; as root it runs in a user namespace of its own ({@code unshare -U}), where
 * it is an unprivileged user (as zonky's embedded PostgreSQL does with its server).
 */
public final class PgBouncer implements AutoCloseable {
    private final int port;
    private final Process process;

    private PgBouncer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts PgBouncer for database {@code database} of the server on {@code postgresPort}, with at most
     * {@code serverConnections} connections to it, however many clients connect.
     */
    public static PgBouncer start(Path folder, int postgresPort, String database, int serverConnections) {
        int port = ChildProcesses.freePort();
        try {
            Path dir = Files.createDirectories(folder.resolve("pgbouncer"));
            // The unprivileged user of the namespace writes nothing but must read both files.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path users = dir.resolve("userlist.txt");
            Files.writeString(users, "\"postgres\" \"\"\n");
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(ini, config(port, postgresPort, database, serverConnections, users));
            ProcessBuilder builder = new ProcessBuilder(command(ini));
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pgbouncer.log").toFile()));
            Process process = ChildProcesses.start(builder);
            ChildProcesses.awaitPort(port, 20, process, "pgbouncer");
            return new PgBouncer(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String config(int port, int postgresPort, String database, int serverConnections, Path users) {
        return """
                [databases]
                %s = host=127.0.0.1 port=%d dbname=%s
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = trust
                auth_file = %s
                pool_mode = transaction
                default_pool_size = %d
                max_client_conn = 500
                ; PgJDBC sends extra_float_digits at start-up; PgBouncer 1.18 does not track it.
                ignore_startup_parameters = extra_float_digits
                server_check_delay = 1
                server_connect_timeout = 3
                log_connections = 0
                log_disconnections = 0
                """.formatted(database, postgresPort, database, port, users, serverConnections);
    }

    private static List<String> command(Path ini) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? List.of("unshare", "-U", "pgbouncer", ini.toString()) : List.of("pgbouncer", ini.toString());
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} through PgBouncer: server-side prepared statements off, as it needs. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&prepareThreshold=0";
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle(), 10);
    }
}
