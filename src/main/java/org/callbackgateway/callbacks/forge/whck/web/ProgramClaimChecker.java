package org.callbackgateway.callbacks.forge.whck.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.callbacks.forge.whck.ClaimKind;

/**
 * Checks claims by running a {@code whck} program, as the forge endpoints spec's web validators do: the secrets
 * stay readable only by whoever the program runs as, and the validator learns nothing but its exit code.
 */
final class ProgramClaimChecker implements ClaimChecker {
    private final Path program;
    private final long timeoutMillis;

    ProgramClaimChecker(Path program, long timeoutMillis) {
        this.program = program;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Result check(ClaimKind kind, String identifier, String claim, byte[] body) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(program.toString(), kind.argument(), identifier, claim))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            return new Result(Status.UNAVAILABLE, program + " could not be run: " + e.getMessage());
        }
        try (OutputStream stdin = process.getOutputStream()) {
            if (kind == ClaimKind.HMAC_SHA256) {
                stdin.write(body);
            }
        } catch (IOException e) {
            // The program may exit without reading the whole body; its exit code still says what it decided.
        }
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(Status.UNAVAILABLE, program + " did not answer within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(Status.UNAVAILABLE, "interrupted while waiting for " + program);
        }
        int exit = process.exitValue();
        return exit == 0 ? new Result(Status.VALID, program + " exited 0")
                : new Result(Status.REFUSED, program + " exited " + exit);
    }

    @Override
    public String describe() {
        return "whck program " + program;
    }
}
