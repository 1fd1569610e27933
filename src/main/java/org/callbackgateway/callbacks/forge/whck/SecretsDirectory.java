package org.callbackgateway.callbacks.forge.whck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory of secrets, a file per repository identifier, found as the forge endpoints spec orders it:
 * {@code WHCK_DIR}; {@code XDG_CONFIG_HOME/whck}; {@code HOME/.config/whck}; {@code /home/<user>/.config/whck}
 * when the executable is under {@code /home/<user>/}.
 *
 * <p>{@code WHCK_DIR}, when set, is the directory: if it is missing, discovery fails rather than fall back to a
 * user's real secrets. Each of the other rules is skipped when its directory does not exist, so that a web
 * server whose {@code HOME} is its own (say {@code /var/www}) still reaches the rule of the executable's owner.
 */
public final class SecretsDirectory {
    public static final String WHCK_DIR = "WHCK_DIR";
    public static final String XDG_CONFIG_HOME = "XDG_CONFIG_HOME";
    public static final String HOME = "HOME";
    private static final Path HOMES = Path.of("/home");

    private final Path path;

    public SecretsDirectory(Path path) {
        this.path = path;
    }

    /** Discovers the directory from the environment and the executable's paths, under {@code /home}. */
    public static SecretsDirectory discover(Map<String, String> env, List<Path> executables) {
        return discover(env, executables, HOMES);
    }

    /**
     * As {@link #discover(Map, List)}, with the folder of home directories given.
     *
     * @param executables the executable as invoked, then as resolved (symlinks followed)
     * @throws WhckException {@link WhckExit#NO_SECRETS_DIRECTORY} when no rule gives an existing directory
     */
    static SecretsDirectory discover(Map<String, String> env, List<Path> executables, Path homes) {
        Optional<String> explicit = value(env, WHCK_DIR);
        if (explicit.isPresent()) {
            Path directory = Path.of(explicit.get()).toAbsolutePath();
            if (!Files.isDirectory(directory)) {
                throw new WhckException(WhckExit.NO_SECRETS_DIRECTORY, WHCK_DIR + " is " + directory
                        + ", which is not a directory");
            }
            return new SecretsDirectory(directory);
        }
        List<Path> tried = new ArrayList<>();
        value(env, XDG_CONFIG_HOME).ifPresent(config -> tried.add(Path.of(config, "whck")));
        value(env, HOME).ifPresent(home -> tried.add(Path.of(home, ".config", "whck")));
        for (Path executable : executables) {
            ownerHome(executable.toAbsolutePath().normalize(), homes)
                    .ifPresent(home -> tried.add(home.resolve(".config").resolve("whck")));
        }
        for (Path candidate : tried) {
            if (Files.isDirectory(candidate)) {
                return new SecretsDirectory(candidate.toAbsolutePath());
            }
        }
        throw new WhckException(WhckExit.NO_SECRETS_DIRECTORY, "no secrets directory: set " + WHCK_DIR
                + ", or create one of " + (tried.isEmpty() ? "$XDG_CONFIG_HOME/whck, $HOME/.config/whck" : tried));
    }

    /** {@code /home/<user>} when {@code executable} is inside it. */
    static Optional<Path> ownerHome(Path executable, Path homes) {
        if (!executable.startsWith(homes) || executable.getNameCount() < homes.getNameCount() + 2) {
            return Optional.empty();
        }
        return Optional.of(homes.resolve(executable.getName(homes.getNameCount())));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isEmpty());
    }

    public Path path() {
        return path;
    }

    /**
     * The secret of {@code identifier}.
     *
     * @throws WhckException {@link WhckExit#USAGE} for an identifier that is no file name of this directory,
     *         {@link WhckExit#UNKNOWN_IDENTIFIER} or {@link WhckExit#UNUSABLE_SECRET} as {@link SecretFiles#read}
     */
    public byte[] secret(String identifier) {
        if (!Identifiers.valid(identifier)) {
            throw new WhckException(WhckExit.USAGE, Identifiers.RULE);
        }
        return SecretFiles.read(path.resolve(identifier));
    }
}
