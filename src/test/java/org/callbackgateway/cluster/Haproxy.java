package org.callbackgateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of the gateway instances: round robin, nothing sticky, each instance checked on
 * {@code /readyz} every second (3 s to answer) and taken out after two failed checks. Requests whose connection to an
 * instance failed are sent to another one (the request never reached the first); nothing else is retried,
 * since a callback may not be idempotent. With no instance ready HAProxy answers 503 with {@code Retry-After}
 * in the gateway's error envelope. The admin socket drains and readies instances for a rolling restart.
 */
public final class Haproxy implements AutoCloseable {
    static final String BACKEND = "gateways";

    private final int port;
    private final Path socket;
    private final Process process;

    private Haproxy(int port, Path socket, Process process) {
        this.port = port;
        this.socket = socket;
        this.process = process;
    }

    public static Haproxy start(Path folder, List<GatewayNode> nodes) {
        int port = ChildProcesses.freePort();
        try {
            Path dir = Files.createDirectories(folder.resolve("haproxy"));
            Path socket = dir.resolve("admin.sock");
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, HaproxyConfig.render(port, socket, dir, nodes));
            HaproxyConfig.writeErrorFiles(dir);
            ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", config.toString());
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile()));
            Process process = ChildProcesses.start(builder);
            ChildProcesses.awaitPort(port, 20, process, "haproxy");
            return new Haproxy(port, socket, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Sends no new requests to {@code node}; requests it is serving finish. */
    public void drain(GatewayNode node) {
        command("set server " + BACKEND + "/" + node.name() + " state drain");
    }

    /** Lets {@code node} take requests again once its health check passes. */
    public void ready(GatewayNode node) {
        command("set server " + BACKEND + "/" + node.name() + " state ready");
    }

    /** The node's status as HAProxy sees it: UP, DOWN, DRAIN, MAINT, or a transition such as "UP 1/2". */
    public String status(GatewayNode node) {
        return stat(node).get("status");
    }

    /** Requests the node is serving now. */
    public int current(GatewayNode node) {
        return Integer.parseInt(stat(node).get("scur"));
    }

    /** Requests HAProxy has sent to the node so far. */
    public long sent(GatewayNode node) {
        return Long.parseLong(stat(node).get("stot"));
    }

    /** Waits until HAProxy's health check sees {@code node} up (and not draining). */
    public void awaitUp(GatewayNode node, int seconds) {
        awaitStatus(node, "UP", seconds);
    }

    public void awaitStatus(GatewayNode node, String status, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = status(node);
            if (seen.equals(status)) {
                return;
            }
            ChildProcesses.sleep(100);
        }
        throw new IllegalStateException(node.name() + " was not " + status + " within " + seconds + " s, but " + seen);
    }

    /** Waits until the node serves no request, as after {@link #drain} before it is stopped. */
    public void awaitIdle(GatewayNode node, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (current(node) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.name() + " still served requests " + seconds + " s after draining");
            }
            ChildProcesses.sleep(50);
        }
    }

    private Map<String, String> stat(GatewayNode node) {
        String[] lines = command("show stat").split("\n");
        List<String> header = Arrays.asList(lines[0].replaceFirst("^# ", "").split(","));
        for (String line : lines) {
            String[] fields = line.split(",", -1);
            if (fields.length > 1 && fields[0].equals(BACKEND) && fields[1].equals(node.name())) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size() && i < fields.length; i++) {
                    row.put(header.get(i), fields[i]);
                }
                return row;
            }
        }
        throw new IllegalStateException("HAProxy does not know " + node.name());
    }

    /** One command on the admin socket; returns HAProxy's answer. */
    String command(String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            StringBuilder answer = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(16384);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy admin socket: " + command, e);
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle(), 10);
    }
}
