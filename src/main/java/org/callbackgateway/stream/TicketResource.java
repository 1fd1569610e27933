package org.callbackgateway.stream;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.callbackgateway.auth.RequestAuthenticator;

/**
 * {@code POST /secured/events/tickets}: a single-use ticket for one stream, valid for a minute, for browsers
 * ({@code new EventSource("/secured/events?ticket=...")}). The bearer filter has already checked the caller;
 * the token is read once more here for its expiry, which the stream inherits.
 */
@Path("/secured/events/tickets")
@Produces(MediaType.APPLICATION_JSON)
public final class TicketResource {
    private final RequestAuthenticator authenticator;
    private final StreamTickets tickets;

    TicketResource(RequestAuthenticator authenticator, StreamTickets tickets) {
        this.authenticator = authenticator;
        this.tickets = tickets;
    }

    @POST
    public Response issue(@HeaderParam("Authorization") String authorization, @QueryParam("user") List<String> user) {
        StreamTickets.Issued issued = tickets.issue(authenticator.authenticate(List.of(authorization), user));
        return Response.status(201).header("Cache-Control", "no-store").entity(Map.of(
                "ticket", issued.ticket(), "expires_at", issued.expiresAt().toString(),
                "stream", "/secured/events?ticket=" + issued.ticket())).build();
    }
}
