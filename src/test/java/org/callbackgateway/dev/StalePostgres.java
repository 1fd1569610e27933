package org.callbackgateway.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops a PostgreSQL server left running on the development data folder by a development server that was killed
 * (kill -9 gives it no chance to stop its database), so that the next start can take the folder over.
 */
final class StalePostgres {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StalePostgres() {
    }

    static void stopIfRunning(Path dataDir) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        System.out.println("Stopping the PostgreSQL server (pid " + pid + ") a previous run left behind");
        // SIGTERM is PostgreSQL's "smart" shutdown: it waits for clients, and the killed server had the only ones.
        postmaster.get().destroy();
        Instant deadline = Instant.now().plus(WAIT);
        while (postmaster.get().isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        if (postmaster.get().isAlive()) {
            throw new IllegalStateException("PostgreSQL pid " + pid + " on " + dataDir + " did not stop; stop it by hand");
        }
    }
}
