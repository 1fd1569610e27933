package org.callbackgateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the cluster harness starts, so that none outlives the test JVM: each is ended when its owner
 * closes it, and whatever is still alive when the JVM exits (a failed test, an interrupted run) is killed by a
 * shutdown hook.
 */
final class ChildProcesses {
    private static final List<ProcessHandle> STARTED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "cluster-child-reaper"));
    }

    private ChildProcesses() {
    }

    /** Starts {@code builder}'s process and remembers it. */
    static Process start(ProcessBuilder builder) {
        try {
            Process process = builder.start();
            STARTED.add(process.toHandle());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + builder.command(), e);
        }
    }

    /** Remembers a process started by another tool (a daemon such as PostgreSQL's postmaster). */
    static void adopt(long pid) {
        ProcessHandle.of(pid).ifPresent(STARTED::add);
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds}; waits until the process is gone. */
    static void stop(ProcessHandle process, int graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().join();
    }

    private static void killAll() {
        for (ProcessHandle process : STARTED) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to {@code seconds} until something accepts connections on 127.0.0.1:{@code port}. */
    static void awaitPort(int port, int seconds, Process process, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(what + " did not listen on port " + port + " within " + seconds + " s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
