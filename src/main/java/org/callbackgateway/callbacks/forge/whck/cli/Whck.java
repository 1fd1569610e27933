package org.callbackgateway.callbacks.forge.whck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.forge.whck.ClaimKind;
import org.callbackgateway.callbacks.forge.whck.Identifiers;
import org.callbackgateway.callbacks.forge.whck.SecretsDirectory;
import org.callbackgateway.callbacks.forge.whck.WhckException;
import org.callbackgateway.callbacks.forge.whck.WhckExit;

/**
 * {@code whck KIND IDENTIFIER CLAIM < BODY}: the forge endpoints spec's command-line validator. Exits 0 when the
 * claim is valid, else with a {@link WhckExit} code and one line on standard error.
 *
 * <p>A plain {@code main} with nothing but the JDK and the gateway's verifiers on its path: no logging, no JSON,
 * no database, so that it starts fast enough to run once per webhook.
 */
public final class Whck {
    /** The launcher's path as invoked, and as resolved, for the discovery rule of the executable's owner. */
    static final String INVOKED_PROPERTY = "whck.invoked";
    static final String RESOLVED_PROPERTY = "whck.resolved";
    static final String USAGE = "usage: whck hmac-sha256|token IDENTIFIER CLAIM < BODY";

    private Whck() {
    }

    public static void main(String[] args) {
        List<Path> executables = new ArrayList<>();
        for (String property : new String[] {INVOKED_PROPERTY, RESOLVED_PROPERTY}) {
            String path = System.getProperty(property);
            if (path != null && !path.isEmpty()) {
                executables.add(Path.of(path));
            }
        }
        System.exit(run(args, System.getenv(), executables, System.in, System.err).code());
    }

    static WhckExit run(String[] args, Map<String, String> env, List<Path> executables, InputStream stdin,
                        PrintStream err) {
        try {
            if (args.length != 3) {
                throw new WhckException(WhckExit.USAGE, "expected 3 arguments, got " + args.length);
            }
            Optional<ClaimKind> kind = ClaimKind.parse(args[0]);
            if (kind.isEmpty()) {
                throw new WhckException(WhckExit.USAGE, "unknown KIND '" + args[0] + "'");
            }
            if (!Identifiers.valid(args[1])) {
                throw new WhckException(WhckExit.USAGE, Identifiers.RULE);
            }
            SecretsDirectory directory = SecretsDirectory.discover(env, executables);
            new ClaimCheck(directory).verify(kind.get(), args[1], args[2], () -> readAll(stdin));
            return WhckExit.VALID;
        } catch (WhckException failed) {
            err.println("whck: " + failed.getMessage());
            if (failed.exit() == WhckExit.USAGE) {
                err.println(USAGE);
            }
            return failed.exit();
        }
    }

    private static byte[] readAll(InputStream stdin) {
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw new WhckException(WhckExit.INVALID_CLAIM, "cannot read the body from standard input", e);
        }
    }
}
