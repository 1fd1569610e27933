package org.callbackgateway.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A gateway instance in a JVM of its own on a fixed loopback port, which a test can kill (SIGKILL), stop
 * (SIGTERM) and start again on the same port, as an operator or a crash would. Its output goes to
 * {@code <name>.log} in the cluster's folder, one file across restarts.
 */
public final class GatewayNode implements AutoCloseable {
    /** How long a start may take: minutes, not seconds, when the machine is shared with busy neighbours. */
    private static final int START_SECONDS = Integer.getInteger("cluster.startSeconds", 240);

    private final String name;
    private final int port;
    private final Path settingsFile;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;
    /** How many times the instance was stopped or killed: its log has one ready line per start. */
    private int restarts;

    GatewayNode(String name, Path folder, Map<String, String> settings, List<String> jvmOptions) {
        this.name = name;
        this.port = ChildProcesses.freePort();
        this.settingsFile = folder.resolve(name + ".properties");
        this.log = folder.resolve(name + ".log");
        this.jvmOptions = List.copyOf(jvmOptions);
        writeSettings(settings);
    }

    private void writeSettings(Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        try {
            Files.createFile(settingsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(settingsFile)) {
                properties.store(out, "settings of gateway instance " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM without waiting; {@link #awaitReady()} waits for it. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(),
                Integer.toString(port), settingsFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GATEWAY_"));
        builder.environment().put("GATEWAY_LOG_LEVEL", "INFO");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = ChildProcesses.start(builder);
    }

    /** Waits until the instance printed its ready line since its latest launch. */
    public void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        String ready = ClusterNodeMain.READY + port;
        while (System.nanoTime() < deadline) {
            Process current = current();
            if (!current.isAlive()) {
                throw new IllegalStateException(name + " exited with " + current.exitValue() + "; its log ends:\n" + tail());
            }
            if (readyLines(ready) > restarts) {
                return;
            }
            ChildProcesses.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + START_SECONDS + " s; its log ends:\n" + tail());
    }

    private long readyLines(String ready) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.equals(ready)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    public void start() {
        launch();
        awaitReady();
    }

    /** SIGKILL: no shutdown hook, no answer for requests in flight, connections left to the database to notice. */
    public synchronized void kill() {
        ChildProcesses.kill(current().toHandle());
        restarts++;
    }

    /** SIGTERM, as an operator's restart; SIGKILL if it has not stopped within 30 s. */
    public synchronized void stop() {
        ChildProcesses.stop(current().toHandle(), 30);
        restarts++;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private synchronized Process current() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    /** The last lines of the instance's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            ChildProcesses.stop(process.toHandle(), 20);
        }
    }
}
