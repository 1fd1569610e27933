package org.callbackgateway.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.callbackgateway.auth.RequestAuthenticator;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.events.EventQuery;
import org.callbackgateway.web.ApiException;

/**
 * {@code GET /secured/events}: the event log as Server-Sent Events. The request thread only checks the caller
 * and hands the response to {@link StreamHub}; the stream then costs memory, not a thread (jakarta.servlet 6
 * async and non-blocking output only, so Jetty and Tomcat serve it alike).
 */
final class StreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient RequestAuthenticator authenticator;
    private final transient StreamHub hub;
    private final transient StreamTickets tickets;
    private final transient EventLog log;
    private final transient ObjectMapper mapper;
    private final transient Clock clock;
    private final int retryAfterSeconds;

    StreamServlet(RequestAuthenticator authenticator, StreamHub hub, StreamTickets tickets, EventLog log, ObjectMapper mapper, Clock clock,
                  int retryAfterSeconds) {
        this.authenticator = authenticator;
        this.hub = hub;
        this.tickets = tickets;
        this.log = log;
        this.mapper = mapper;
        this.clock = clock;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            RequestAuthenticator.Authenticated caller = authenticate(request);
            EventQuery filter = StreamFilters.of(caller.principal(), request);
            OptionalLong after = StreamFilters.resumeAfter(request);
            String subject = caller.principal().caller().subject();
            if (!hub.admit(subject)) {
                throw ApiException.unavailable("too many open event streams; retry later", retryAfterSeconds, null);
            }
            try {
                open(request, response, filter, subject, after.isPresent() ? after.getAsLong() : log.head(), caller);
            } catch (RuntimeException | IOException e) {
                hub.release(subject);
                throw e;
            }
        } catch (ApiException e) {
            refuse(response, e);
        }
    }

    private void open(HttpServletRequest request, HttpServletResponse response, EventQuery filter, String subject,
                      long after, RequestAuthenticator.Authenticated caller) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        EventStream stream = new EventStream(async, response.getOutputStream(), filter, subject, after,
                caller.expiresAt(), caller.standing(), clock.instant(), hub::remove);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                stream.end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.end();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.end();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        response.getOutputStream().setWriteListener(stream);
        stream.comment("open after " + after, clock.instant());
        hub.add(stream);
    }

    /** A bearer token, or (for browsers) a ticket from {@code POST /secured/events/tickets}. */
    private RequestAuthenticator.Authenticated authenticate(HttpServletRequest request) {
        String ticket = request.getParameter("ticket");
        if (ticket == null || request.getHeader("Authorization") != null) {
            return authenticator.authenticate(Collections.list(request.getHeaders("Authorization")),
                    parameter(request, "user"));
        }
        if (request.getParameter("user") != null) {
            throw ApiException.badRequest("a ticket already names the user; leave out user");
        }
        return tickets.redeem(ticket).orElseThrow(() -> new ApiException(401,
                org.callbackgateway.web.ErrorCode.ERR_UNAUTHORIZED, "the ticket is unknown, used or expired"));
    }

    private void refuse(HttpServletResponse response, ApiException error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        error.headers().forEach(response::setHeader);
        response.getOutputStream().write(mapper.writeValueAsBytes(error.body()));
    }

    private static List<String> parameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }
}
