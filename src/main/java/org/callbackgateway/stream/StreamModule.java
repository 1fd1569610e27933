package org.callbackgateway.stream;

import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import org.callbackgateway.auth.AuthModule;
import org.callbackgateway.events.EventsModule;
import org.callbackgateway.forwarding.ForwardingModule;
import org.callbackgateway.web.FeatureModule;
import org.callbackgateway.web.Foundation;

/**
 * The live event stream, wired: {@code GET /secured/events} and the hub that feeds this instance's streams from
 * the event log. Nothing is cached beyond one batch per stream: every instance reads the log itself.
 */
public final class StreamModule implements FeatureModule {
    private final StreamHub hub;
    private final StreamServlet servlet;
    private final TicketResource tickets;

    public StreamModule(Foundation foundation, AuthModule auth, EventsModule events, ForwardingModule forwarding) {
        this.hub = new StreamHub(events.log(), forwarding.envelopes(), foundation.config().stream(),
                foundation.clock());
        StreamTickets streamTickets = new StreamTickets(foundation.jdbi(), foundation.clock());
        this.tickets = new TicketResource(auth.requests(), streamTickets);
        this.servlet = new StreamServlet(auth.requests(), hub, streamTickets, events.log(), foundation.mapper(), foundation.clock(),
                foundation.config().retryAfterSeconds());
    }

    @Override
    public java.util.List<Object> resources() {
        return java.util.List.of(tickets);
    }

    @Override
    public Map<String, HttpServlet> servlets() {
        return Map.of("/secured/events", servlet);
    }

    @Override
    public void start() {
        hub.start();
    }

    @Override
    public void close() {
        hub.close();
    }
}
