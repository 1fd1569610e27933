package org.callbackgateway.forwarding;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * POSTs to subscribers without holding a thread while they answer (a slow subscriber costs a connection, not a
 * thread), never following redirects, connecting only to addresses the {@link AddressPolicy} allows, and keeping
 * only the first bytes of each answer.
 */
final class HttpForwarder implements AutoCloseable {
    static final int RESPONSE_HEAD_BYTES = 512;
    private final HttpClient client;
    private final QueuedThreadPool threads;

    HttpForwarder(AddressPolicy policy, int connectionsPerTarget) {
        this.threads = new QueuedThreadPool(32, 2);
        threads.setName("forwarding-http");
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setSslContextFactory(new SslContextFactory.Client());
        this.client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setSocketAddressResolver(new GuardedResolver(policy, threads));
        client.setFollowRedirects(false);
        client.setConnectTimeout(10_000);
        client.setMaxConnectionsPerDestination(connectionsPerTarget);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "callback-gateway"));
    }

    void start() {
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the forwarding HTTP client did not start", e);
        }
    }

    CompletableFuture<AttemptResult> post(URI url, Map<String, String> headers, String body, Duration timeout) {
        CompletableFuture<AttemptResult> outcome = new CompletableFuture<>();
        long started = System.nanoTime();
        Request request = client.newRequest(url).method(HttpMethod.POST)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> headers.forEach(fields::put))
                .body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8));
        ByteBuffer head = ByteBuffer.allocate(RESPONSE_HEAD_BYTES);
        request.send(new Response.Listener() {
            @Override
            public void onContent(Response response, ByteBuffer content) {
                while (head.hasRemaining() && content.hasRemaining()) {
                    head.put(content.get());
                }
                content.position(content.limit());
            }

            @Override
            public void onComplete(Result result) {
                int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
                outcome.complete(result.isFailed() && result.getResponse().getStatus() <= 0
                        ? failed(result.getFailure(), latency)
                        : answered(result, latency, head));
            }
        });
        return outcome;
    }

    private static AttemptResult answered(Result result, int latency, ByteBuffer head) {
        int status = result.getResponse().getStatus();
        if (result.isFailed() && result.getFailure() instanceof TimeoutException) {
            return new AttemptResult(AttemptResult.TIMEOUT, status, latency, null);
        }
        String text = new String(head.array(), 0, head.position(), StandardCharsets.UTF_8);
        String outcome = status >= 200 && status < 300 ? AttemptResult.DELIVERED
                : status == 410 ? AttemptResult.GONE : AttemptResult.FAILED;
        return new AttemptResult(outcome, status, latency, text.isEmpty() ? null : text);
    }

    private static AttemptResult failed(Throwable failure, int latency) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof TimeoutException) {
                return new AttemptResult(AttemptResult.TIMEOUT, null, latency, "no answer in time");
            }
            if (cause instanceof GuardedResolver.RefusedAddressException refused) {
                return new AttemptResult(AttemptResult.REFUSED_ADDRESS, null, latency, refused.getMessage());
            }
            cause = cause.getCause();
        }
        return new AttemptResult(AttemptResult.UNREACHABLE, null, latency, failure.getClass().getSimpleName());
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the forwarding HTTP client did not stop", e);
        }
    }
}
