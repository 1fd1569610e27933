package org.callbackgateway.callbacks.forge.whck.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code whck} program a web validator runs, as the forge endpoints spec orders it: the {@code WHCK}
 * environment variable, then {@code ./bin/whck} (a local override, never in version control), then
 * {@code whck} on the {@code PATH}.
 */
final class WhckPrograms {
    static final String WHCK = "WHCK";

    private WhckPrograms() {
    }

    /**
     * The program, or empty when none of the three gives one.
     *
     * @param workingDirectory where {@code ./bin/whck} is looked for
     * @throws ServerStartException (exit 3) when {@code WHCK} is set but names no executable file
     */
    static Optional<Path> locate(Map<String, String> env, Path workingDirectory) {
        String named = env.get(WHCK);
        if (named != null && !named.isEmpty()) {
            Optional<Path> program = named.indexOf('/') >= 0 ? executable(workingDirectory.resolve(named))
                    : onPath(env, named);
            return Optional.of(program.orElseThrow(() -> new ServerStartException(ServerStartException.NO_SECRETS,
                    WHCK + " is '" + named + "', which is not an executable file")));
        }
        return executable(workingDirectory.resolve("bin").resolve("whck")).or(() -> onPath(env, "whck"));
    }

    private static Optional<Path> onPath(Map<String, String> env, String name) {
        String path = env.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Optional<Path> found = executable(Path.of(directory, name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        try {
            Path absolute = candidate.toAbsolutePath().normalize();
            return Files.isRegularFile(absolute) && Files.isExecutable(absolute) ? Optional.of(absolute) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
