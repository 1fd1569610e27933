package org.callbackgateway.web;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.callbackgateway.db.DatabaseFailures;
import org.jdbi.v3.core.JdbiException;

/**
 * A one-line description of a failure that is safe to log: the chain of exception types, an SQLState where there
 * is one, and the first place in the gateway's own code. Messages are left out where they may carry data: Jdbi's
 * (they list the statement's bound values) and the database's own errors (their text quotes the values they
 * refused); connection failures keep theirs. Other messages keep their first line, with URLs cut before their
 * query and without user information.
 */
final class FailureSummary {
    private static final String OWN_CODE = "org.callbackgateway.";
    private static final int MAX_MESSAGE = 300;
    private static final Pattern USER_INFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^\\s/?#@]*@");
    private static final Pattern QUERY = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?#]*)[?#][^\\s]*");

    private FailureSummary() {
    }

    static String of(Throwable failure) {
        StringBuilder summary = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (!summary.isEmpty()) {
                summary.append(" <- ");
            }
            summary.append(cause.getClass().getSimpleName());
            String message = safeMessage(cause);
            if (!message.isEmpty()) {
                summary.append(": ").append(message);
            }
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith(OWN_CODE)
                    && !frame.getClassName().equals(BackgroundLoop.class.getName())) {
                summary.append(" (at ").append(frame).append(')');
                break;
            }
        }
        return summary.toString();
    }

    private static String safeMessage(Throwable cause) {
        if (cause instanceof JdbiException) {
            return "";
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : "SQLState " + sql.getSQLState();
            return DatabaseFailures.isUnavailable(sql) ? join(state, firstLine(sql.getMessage())) : state;
        }
        return firstLine(cause.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        line = QUERY.matcher(USER_INFO.matcher(line).replaceAll("$1")).replaceAll("$1");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + " " + second;
    }
}
