package org.callbackgateway.config;

import java.util.Optional;

/**
 * The direct (non-pooled) connection each instance holds for PostgreSQL {@code LISTEN}, for when the main pool
 * goes through a transaction pooler such as PgBouncer, which cannot carry a session's {@code LISTEN}.
 *
 * @param url a JDBC URL straight to PostgreSQL (several hosts with {@code targetServerType=primary} are fine)
 * @param user the user, {@code GATEWAY_DB_USER} when not set (or in the URL)
 * @param password the password, {@code GATEWAY_DB_PASSWORD} when not set (or in the URL)
 */
public record ListenConfig(String url, Optional<String> user, Optional<Secret> password) {
    public static final String URL = "GATEWAY_DB_LISTEN_URL";
    public static final String USER = "GATEWAY_DB_LISTEN_USER";
    public static final String PASSWORD = "GATEWAY_DB_LISTEN_PASSWORD";

    static Optional<ListenConfig> load(Settings settings, Optional<String> mainUser, Optional<Secret> mainPassword) {
        Optional<String> url = settings.string(URL);
        if (url.isEmpty()) {
            for (String credential : new String[] {USER, PASSWORD}) {
                if (settings.string(credential).isPresent()) {
                    throw new ConfigException(credential, "is only read with " + URL + ", which is not set");
                }
            }
            return Optional.empty();
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(URL, "must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");
        }
        Optional<String> user = settings.string(USER).or(() -> mainUser);
        Optional<Secret> password = settings.secret(PASSWORD).or(() -> mainPassword);
        return Optional.of(new ListenConfig(url.get(), user, password));
    }

    /** The URL without its query, which may carry a password. */
    public String redactedUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?********";
    }

    @Override
    public String toString() {
        return "ListenConfig[url=" + redactedUrl() + ", user=" + user.orElse("<unset>")
                + ", password=" + password.map(Secret::toString).orElse("<unset>") + "]";
    }
}
