package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * The benchmark's view of a search: {@code EXPLAIN (ANALYZE, BUFFERS)} of the very statement
 * {@code GET /secured/deliveries?<query>} runs (built by {@link DeliveryQueryService#page}, run the same way),
 * against the bench server's database. Test sources: nothing of it ships.
 *
 * <pre>SearchPlans &lt;work folder&gt; &lt;query string&gt;</pre>
 */
public final class SearchPlans {
    private SearchPlans() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SearchPlans <work folder> <query string>");
            System.exit(2);
        }
        Properties ready = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0], "ready.properties"))) {
            ready.load(in);
        }
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        for (String pair : args[1].split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                parameters.add(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        DeliveryFilter filter = new DeliveryFilters(new ObjectMapper()).fromQuery(parameters);
        int limit = DeliveryFilters.number(parameters.getFirst("limit"), 50, "limit");
        DeliveryQuery query = new DeliveryQuery(filter, limit, Optional.ofNullable(parameters.getFirst("cursor")),
                "true".equals(parameters.getFirst("body")));
        Jdbi jdbi = Jdbi.create("jdbc:postgresql://127.0.0.1:" + ready.getProperty("pg_port") + "/"
                + ready.getProperty("pg_database") + "?user=" + ready.getProperty("pg_user"));
        jdbi.useHandle(handle -> {
            int[] statements = {0};
            long started = System.nanoTime();
            List<Long> rows = DeliveryQueryService.page(query, handle, (statement, wanted) -> {
                System.out.println("-- statement " + ++statements[0] + ": "
                        + statement.sql().replaceAll("\\s+", " ").trim());
                System.out.println("-- bindings " + statement.bindings());
                handle.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql()).bindMap(statement.bindings())
                        .mapTo(String.class).forEach(System.out::println);
                return statement.query(handle).map((rs, ctx) -> rs.getLong("id")).list();
            });
            System.out.println("-- " + statements[0] + " statement(s), " + rows.size() + " row(s) (the page and the "
                    + "one after), " + (System.nanoTime() - started) / 1_000_000 + " ms with the EXPLAINs");
        });
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
