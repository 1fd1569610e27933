package org.callbackgateway.callbacks.forge.whck.web;

import java.util.Map;

/**
 * The port the web validator listens on, as the forge endpoints spec orders it: {@code FORGEHOOKPORT}, else the
 * first argument.
 */
final class ServerPort {
    static final String FORGEHOOKPORT = "FORGEHOOKPORT";

    private ServerPort() {
    }

    /**
     * The port, 1 to 65535.
     *
     * @throws ServerStartException (exit 2) when neither gives one, when the one given is not a port, or when
     *         there are more arguments than the port
     */
    static int resolve(Map<String, String> env, String[] args) {
        if (args.length > 1) {
            throw new ServerStartException(ServerStartException.USAGE, "expected at most one argument, the port; got "
                    + args.length);
        }
        String fromEnv = env.get(FORGEHOOKPORT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(FORGEHOOKPORT, fromEnv);
        }
        if (args.length == 1) {
            return parse("the port argument", args[0]);
        }
        throw new ServerStartException(ServerStartException.USAGE, "no port: set " + FORGEHOOKPORT
                + " or give the port as the first argument");
    }

    private static int parse(String what, String value) {
        String trimmed = value.trim();
        int port;
        try {
            port = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ServerStartException(ServerStartException.USAGE, what + " must be a port number from 1 to 65535, got '"
                    + value + "'");
        }
        return port;
    }
}
