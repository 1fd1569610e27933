package org.callbackgateway.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The HAProxy configuration of the test cluster, which is also the one README's "Running several instances"
 * recommends.
 */
final class HaproxyConfig {
    private HaproxyConfig() {
    }

    static String render(int port, Path socket, Path dir, List<GatewayNode> nodes) {
        StringBuilder servers = new StringBuilder();
        for (GatewayNode node : nodes) {
            servers.append("    server ").append(node.name()).append(" 127.0.0.1:").append(node.port()).append(" check\n");
        }
        return """
                global
                    maxconn 4000
                    stats socket %s mode 600 level admin
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    timeout http-request 10s
                    timeout http-keep-alive 10s
                    # A busy instance may take a while to answer its probe; that alone must not take it out.
                    timeout check 3s
                    # A request whose connection to an instance failed never reached it: send it to another one.
                    # Nothing else is retried (a callback need not be idempotent).
                    retries 2
                    option redispatch 1
                    retry-on conn-failure
                    errorfile 502 %s/502.http
                    errorfile 503 %s/503.http
                    errorfile 504 %s/504.http
                frontend callbacks
                    bind 127.0.0.1:%d
                    default_backend %s
                backend %s
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /readyz
                    http-check expect status 200
                    default-server inter 1s fastinter 500ms downinter 500ms fall 2 rise 2
                %s""".formatted(socket, dir, dir, dir, port, Haproxy.BACKEND, Haproxy.BACKEND, servers);
    }

    /** HAProxy's own answers in the gateway's error envelope; 503 with the Retry-After a sender should honour. */
    static void writeErrorFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("502.http"), answer("502 Bad Gateway", "ERR_BAD_GATEWAY",
                "the gateway instance did not answer", ""));
        Files.writeString(dir.resolve("503.http"), answer("503 Service Unavailable", "ERR_UNAVAILABLE",
                "no gateway instance is ready", "Retry-After: 5\r\n"));
        Files.writeString(dir.resolve("504.http"), answer("504 Gateway Timeout", "ERR_GATEWAY_TIMEOUT",
                "the gateway instance did not answer in time", ""));
    }

    private static String answer(String status, String code, String message, String extraHeaders) {
        String body = "{\"error_code\":\"" + code + "\",\"message\":\"" + message + "\",\"success\":false}";
        return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\n"
                + extraHeaders + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }
}
