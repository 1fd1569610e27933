package org.callbackgateway.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host, port and database of a single-host PostgreSQL JDBC URL. */
public record JdbcAddress(String host, int port, String database) {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    public static JdbcAddress parse(String url) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a single-host PostgreSQL JDBC URL: " + url.split("\\?")[0]);
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return new JdbcAddress(matcher.group(1), port, matcher.group(3));
    }
}
