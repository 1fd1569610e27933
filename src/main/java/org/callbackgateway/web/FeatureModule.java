package org.callbackgateway.web;

import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Map;

/**
 * One feature of the gateway, wired: it builds its services from what it is given and hands out what the web
 * application serves and runs. {@link GatewayApplication} lists the modules in dependency order.
 */
public interface FeatureModule extends AutoCloseable {

    /** The feature's Jersey resources, filters and exception mappers. */
    default List<Object> resources() {
        return List.of();
    }

    /** Plain servlets by URL pattern, for what Jersey does not serve. */
    default Map<String, HttpServlet> servlets() {
        return Map.of();
    }

    /** Starts the feature's background work; called in list order, after the database is migrated. */
    default void start() {
    }

    /** Stops the feature's background work; called in reverse list order. */
    @Override
    default void close() {
    }
}
