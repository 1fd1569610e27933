package org.callbackgateway.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Prepares what {@code bench/run} sends, so that {@code wrk} only replays bytes:
 * <ul>
 *   <li>{@code setup <work> <jobs>}: makes the run's signing secrets and registers a pool of jobs through
 *       {@code POST /secured/jobs} as the bench admin (the external ids go to {@code jobs.txt});</li>
 *   <li>{@code jobs <work> <jobs> [<owners>]}: registers a fresh pool of jobs in place of the one in
 *       {@code jobs.txt}, spread over {@code owners} users when given;</li>
 *   <li>{@code generate <work> <kind> <count> <files> <prefix> [<first sequence>]}: writes {@code count} requests of
 *       one kind ({@code notification}, {@code notification-warmup}, {@code github}, {@code tuxsuite},
 *       {@code standard}), dealt round-robin into
 *       {@code files} files {@code <prefix>.0}, {@code <prefix>.1}, ... (one per wrk thread).</li>
 * </ul>
 * A request file holds records {@code <length>\n<header lines>\r\n\r\n<body>}; {@code bench/wrk/replay.lua}
 * puts the request line and Host in front.
 */
public final class BenchRequests {
    private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /** The users the stream scenario's jobs belong to: bench-user-0, bench-user-1, ... */
    static final String BENCH_USER = "bench-user-";

    private BenchRequests() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("setup")) {
            BenchSecrets secrets = BenchSecrets.create();
            secrets.store(Path.of(args[1]).resolve("secrets.properties"));
            registerJobs(Path.of(args[1]), Integer.parseInt(args[2]), 0);
            registerSources(Path.of(args[1]), secrets);
        } else if (args.length >= 3 && args[0].equals("jobs")) {
            registerJobs(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
        } else if (args.length >= 6 && args[0].equals("generate")) {
            long first = args.length > 6 ? Long.parseLong(args[6]) : 0;
            generate(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]),
                    first);
        } else {
            System.err.println("usage: BenchRequests setup <work> <jobs> | jobs <work> <jobs> [<owners>]"
                    + " | generate <work> <kind> <count> <files> <prefix> [<first>]");
            System.exit(2);
        }
    }

    /**
     * Registers {@code jobs} new jobs, all Submitted, and writes their external ids to {@code jobs.txt}. With
     * {@code owners} > 0 job {@code i} belongs to user {@code bench-user-<i % owners>} (the admin acts for them),
     * else to the admin. Four requests at a time: a pool of ten thousand takes seconds, not minutes.
     */
    private static void registerJobs(Path work, int jobs, int owners) throws Exception {
        Properties ready = properties(work.resolve("ready.properties"));
        URI base = URI.create(ready.getProperty("gateway_url"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        base.resolve("/v1/authenticate/token/" + ready.getProperty("admin_id")))
                .header("client-key", ready.getProperty("admin_key")).GET().build(), HttpResponse.BodyHandlers.ofString());
        require(token, 200, "admin token");
        String[] externalIds = new String[jobs];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> registered = new ArrayList<>();
            for (int job = 0; job < jobs; job++) {
                int index = job;
                registered.add(pool.submit(() -> {
                    externalIds[index] = registerJob(http, base, token.body().trim(), index, owners);
                    return null;
                }));
            }
            for (Future<?> done : registered) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        Files.write(work.resolve("jobs.txt"), List.of(externalIds), StandardCharsets.US_ASCII);
        System.out.println("registered " + jobs + " jobs" + (owners > 0 ? " of " + owners + " users" : ""));
    }

    private static String registerJob(HttpClient http, URI base, String token, int job, int owners) throws Exception {
        String externalId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        String body = "{\"source\":\"de\",\"name\":\"wc_%d\",\"app_id\":\"wc\",\"external_id\":\"%s\"}"
                .formatted(10081655 + job, externalId);
        String path = owners > 0 ? "/secured/jobs?user=" + BENCH_USER + (job % owners) : "/secured/jobs";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        require(created, 201, "job registration");
        if (!JOB_ID.matcher(created.body()).find()) {
            throw new IllegalStateException("no job id in " + created.body());
        }
        return externalId;
    }

    /** Registers the signed sources of scenarios (b)-(d) with this run's secrets, through the admin API. */
    private static void registerSources(Path work, BenchSecrets secrets) throws Exception {
        Properties ready = properties(work.resolve("ready.properties"));
        URI base = URI.create(ready.getProperty("gateway_url"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        base.resolve("/v1/authenticate/token/" + ready.getProperty("admin_id")))
                .header("client-key", ready.getProperty("admin_key")).GET().build(), HttpResponse.BodyHandlers.ofString());
        require(token, 200, "admin token");
        String bearer = "Bearer " + token.body().trim();
        String[][] sources = {
                {"github", "{\"value\":" + quoted(secrets.githubSecret()) + "}"},
                {"tuxsuite", "{\"scope\":\"tuxsuite\",\"kind\":\"public_key\",\"value\":"
                        + quoted(secrets.tuxPublicKeySsh()) + "}"},
                {"bench", "{\"value\":" + quoted(secrets.standardSecret()) + "}"}};
        for (String[] source : sources) {
            require(http.send(HttpRequest.newBuilder(base.resolve("/admin/sources"))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + source[0] + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()), 201, "source " + source[0]);
            require(http.send(HttpRequest.newBuilder(base.resolve("/admin/sources/" + source[0] + "/secrets"))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(source[1])).build(),
                    HttpResponse.BodyHandlers.ofString()), 201, "secret of " + source[0]);
        }
        System.out.println("registered sources github, tuxsuite and bench");
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void generate(Path work, String kind, int count, int files, Path prefix, long first)
            throws Exception {
        BenchSecrets secrets = BenchSecrets.load(work.resolve("secrets.properties"));
        Path jobsFile = work.resolve("jobs.txt");
        List<String> jobIds = Files.exists(jobsFile) ? Files.readAllLines(jobsFile) : List.of();
        BenchDeliveries deliveries = new BenchDeliveries(secrets, jobIds, Instant.now().getEpochSecond());
        Files.createDirectories(prefix.toAbsolutePath().getParent());
        // One writer per file, in parallel: signing (ECDSA above all) is what takes the time.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(files, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (int file = 0; file < files; file++) {
                int index = file;
                written.add(pool.submit(() -> writeFile(deliveries, kind, prefix.resolveSibling(
                        prefix.getFileName() + "." + index), first, count, files, index)));
            }
            long bytes = 0;
            for (Future<Long> result : written) {
                bytes += result.get();
            }
            System.out.printf("%s: %d requests in %d files, %.1f MB, %d bytes of body on average%n",
                    kind, count, files, bytes / 1e6, count == 0 ? 0 : bodyBytes(deliveries, kind, first));
        } finally {
            pool.shutdown();
        }
    }

    private static long writeFile(BenchDeliveries deliveries, String kind, Path file, long first, int count, int files,
                                  int index) throws Exception {
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long sequence = first + index; sequence < first + count; sequence += files) {
                BenchDeliveries.Request request = make(deliveries, kind, sequence, first);
                byte[] head = (String.join("\r\n", request.headers()) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                int length = head.length + request.body().length;
                out.write((length + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(head);
                out.write(request.body());
                bytes += length;
            }
        }
        return bytes;
    }

    private static BenchDeliveries.Request make(BenchDeliveries deliveries, String kind, long sequence, long first)
            throws Exception {
        return switch (kind) {
            case "notification" -> deliveries.notification(sequence, visit(deliveries, sequence, first), false);
            case "notification-warmup" -> deliveries.notification(sequence, 0, true);
            case "github" -> deliveries.github(sequence);
            case "tuxsuite" -> deliveries.tuxsuite(sequence);
            case "standard" -> deliveries.standard(sequence);
            default -> throw new IllegalArgumentException("unknown request kind " + kind);
        };
    }

    private static int bodyBytes(BenchDeliveries deliveries, String kind, long sequence) throws Exception {
        return make(deliveries, kind, sequence, sequence).body().length;
    }

    /** How many requests of this file went to the same job before this one (jobs are dealt round-robin). */
    private static long visit(BenchDeliveries deliveries, long sequence, long first) {
        return (sequence - first) / deliveries.jobCount();
    }

    private static void require(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}
