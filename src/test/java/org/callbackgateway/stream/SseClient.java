package org.callbackgateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callbackgateway.testing.Http;

/**
 * A Server-Sent Events reader as a browser's EventSource parses the wire format: fields up to a blank line make
 * one event; comment lines (starting with {@code :}) are kept apart. Each event keeps when it arrived
 * ({@link System#nanoTime()}), for latency checks.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public record Frame(long id, String event, JsonNode data, long arrivedNanos) {
    }

    public final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final List<String> comments = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch ended = new CountDownLatch(1);

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    public static SseClient open(URI uri, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private void read() {
        try (Stream<String> lines = response.body()) {
            Long id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        frames.add(new Frame(id, event, Http.json(data.toString()), System.nanoTime()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (RuntimeException closed) {
            // The client closed the stream.
        } finally {
            ended.countDown();
        }
    }

    /** The next {@code n} events, failing when they do not come within {@code limit}. */
    public List<Frame> take(int n, Duration limit) throws InterruptedException {
        List<Frame> taken = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (taken.size() < n) {
            Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("only " + taken.size() + " of " + n + " events within " + limit + ": " + taken);
            }
            taken.add(frame);
        }
        return taken;
    }

    /** Events that arrive within {@code quiet}: none is expected. */
    public List<Frame> more(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        List<Frame> rest = new ArrayList<>();
        frames.drainTo(rest);
        return rest;
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean endsWithin(Duration limit) throws InterruptedException {
        return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
