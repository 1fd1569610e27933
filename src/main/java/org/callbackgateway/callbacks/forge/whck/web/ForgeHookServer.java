package org.callbackgateway.callbacks.forge.whck.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.forge.whck.SecretsDirectory;
import org.callbackgateway.callbacks.forge.whck.WhckException;

/**
 * The forge endpoints spec's web validator: on 127.0.0.1 at {@code FORGEHOOKPORT} (or the first argument), it
 * answers Gitea, GitHub and GitLab webhooks 200 when their claim is valid. It runs without a database, on the
 * JDK's own HTTP server, with the gateway's verifiers and Jackson's streaming parser as its only code.
 *
 * <p>Claims are checked by the {@code whck} program the spec's order finds ({@code WHCK}, {@code ./bin/whck},
 * {@code whck} on the {@code PATH}); without one, in this process against the secrets directory {@code whck}
 * would discover.
 */
public final class ForgeHookServer {
    static final String MAX_BODY_BYTES = "GATEWAY_MAX_BODY_BYTES";
    private static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    private static final long PROGRAM_TIMEOUT_MILLIS = 10_000;
    private static final int THREADS = 8;

    private ForgeHookServer() {
    }

    public static void main(String[] args) {
        List<Path> executables = new ArrayList<>();
        for (String property : new String[] {"whck.invoked", "whck.resolved"}) {
            String path = System.getProperty(property);
            if (path != null && !path.isEmpty()) {
                executables.add(Path.of(path));
            }
        }
        try {
            HttpServer server = start(System.getenv(), args, executables, Path.of("").toAbsolutePath(), System.err);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1), "forgehook-stop"));
        } catch (ServerStartException failed) {
            System.err.println("forgehook: " + failed.getMessage());
            System.exit(failed.exitCode());
        }
    }

    /** Starts listening; the returned server runs until stopped. */
    static HttpServer start(Map<String, String> env, String[] args, List<Path> executables, Path workingDirectory,
                            PrintStream log) {
        int port = ServerPort.resolve(env, args);
        ClaimChecker checker = checker(env, executables, workingDirectory);
        int maxBodyBytes = maxBodyBytes(env);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new ServerStartException(ServerStartException.CANNOT_LISTEN, "cannot listen on 127.0.0.1:" + port
                    + ": " + e.getMessage());
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        server.setExecutor(executor);
        server.createContext("/", new ValidationHandler(checker, new JsonFields(new JsonFactory()), maxBodyBytes, log));
        server.start();
        log.println("forgehook: listening on http://127.0.0.1:" + port + "/ with the " + checker.describe());
        return server;
    }

    private static ClaimChecker checker(Map<String, String> env, List<Path> executables, Path workingDirectory) {
        Optional<Path> program = WhckPrograms.locate(env, workingDirectory);
        if (program.isPresent()) {
            return new ProgramClaimChecker(program.get(), PROGRAM_TIMEOUT_MILLIS);
        }
        try {
            return new DirectoryClaimChecker(SecretsDirectory.discover(env, executables));
        } catch (WhckException none) {
            throw new ServerStartException(ServerStartException.NO_SECRETS, "no whck program (WHCK, ./bin/whck, "
                    + "whck on the PATH) and " + none.getMessage());
        }
    }

    private static int maxBodyBytes(Map<String, String> env) {
        String value = env.get(MAX_BODY_BYTES);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_BODY_BYTES;
        }
        try {
            int bytes = Integer.parseInt(value.trim());
            if (bytes >= 1024 && bytes <= 64 * 1024 * 1024) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerStartException(ServerStartException.USAGE, MAX_BODY_BYTES
                + " must be a whole number from 1024 to 67108864, got '" + value + "'");
    }
}
