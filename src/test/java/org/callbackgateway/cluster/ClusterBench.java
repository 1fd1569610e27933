package org.callbackgateway.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run --cluster}: unsigned notifications (each stored as a delivery) driven by wrk through HAProxy
 * at 1, 2 and 3 instances on PgBouncer in transaction pooling mode, and one instance (still behind HAProxy)
 * straight to PostgreSQL with and without server-side prepared statements (what {@code prepareThreshold=0} costs). PostgreSQL 15 with fsync
 * and synchronous_commit on, a fresh database per row. Prints a Markdown table.
 *
 * <p>Usage: {@code ClusterBench <work folder> <seconds per row> <connections>}
 */
public final class ClusterBench {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    private ClusterBench() {
    }

    private record Row(String setup, int instances, boolean pooled, boolean serverPrepared) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int seconds = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        Path script = work.resolve("notification.lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = '{"type":"data","payload":{"action":"share","bench":"cluster"}}'
                """);
        List<Row> rows = List.of(
                new Row("1 instance via HAProxy, no PgBouncer, PgJDBC default (server-side prepared statements)", 1, false, true),
                new Row("1 instance via HAProxy, no PgBouncer, prepareThreshold=0", 1, false, false),
                new Row("1 instance via HAProxy + PgBouncer", 1, true, false),
                new Row("2 instances via HAProxy + PgBouncer", 2, true, false),
                new Row("3 instances via HAProxy + PgBouncer", 3, true, false));
        List<String> table = new ArrayList<>();
        table.add("| setup | req/s | p50 ms | p99 ms | requests | non-2xx | stored |");
        table.add("|---|---:|---:|---:|---:|---:|---:|");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            int n = 0;
            for (Row row : rows) {
                String database = "cluster_bench_" + (++n);
                execute(postgres, "CREATE DATABASE " + database);
                String url = postgres.getJdbcUrl("postgres", database) + (row.serverPrepared() ? "" : "&prepareThreshold=0");
                Path folder = Files.createDirectories(work.resolve("cluster-" + n));
                System.out.println("bench: " + row.setup());
                try (Cluster cluster = Cluster.on(folder, url).instances(row.instances())
                        .throughPgBouncer(row.pooled(), 20)
                        .jvm(List.of("-Xms512m", "-Xmx512m", "-DGATEWAY_LOG_LEVEL=WARN"))
                        .settings("GATEWAY_DB_POOL_SIZE", "10").start()) {
                    String target = cluster.balancer() + "/callbacks/notification";
                    wrk(script, target, 5, connections); // warm-up
                    long before = count(postgres, database);
                    String output = wrk(script, target, seconds, connections);
                    Files.writeString(folder.resolve("wrk.txt"), output);
                    long stored = count(postgres, database) - before;
                    table.add("| " + row.setup() + " | " + number(RATE, output) + " | " + millis(P50, output) + " | "
                            + millis(P99, output) + " | " + number(REQUESTS, output) + " | " + number(NON_2XX, output).replace("—", "0") + " | " + stored + " |");
                } catch (IllegalStateException failed) {
                    // A row that could not run (an instance that did not start in time) is said so; the rest go on.
                    System.out.println("bench: " + failed.getMessage());
                    table.add("| " + row.setup() + " | did not run: " + failed.getMessage().lines().findFirst().orElse("")
                            + " | | | | | |");
                }
            }
        }
        String markdown = String.join("\n", table) + "\n";
        Files.writeString(work.resolve("cluster.md"), markdown);
        System.out.print(markdown);
    }

    private static String wrk(Path script, String target, int seconds, int connections) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), target).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return output;
    }

    private static String number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? matcher.group(1) : "—";
    }

    private static String millis(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            return "—";
        }
        double value = Double.parseDouble(matcher.group(1));
        double ms = switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        return String.format(java.util.Locale.ROOT, "%.1f", ms);
    }

    private static void execute(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(EmbeddedPostgres postgres, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", database));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM deliveries WHERE source = 'notification'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
