package org.callbackgateway.callbacks.notification;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.web.CappedBody;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.callbacks.Verification;
import org.callbackgateway.web.ApiException;

/**
 * {@code POST /callbacks/notification}: messages from the DE notification agent (unsecured, as the DE documents).
 */
@Path("/callbacks/notification")
@Produces(MediaType.APPLICATION_JSON)
public final class NotificationResource {
    private final NotificationService service;
    private final DeliveryInbox inbox;
    private final Clock clock;
    private final int maxBodyBytes;

    public NotificationResource(NotificationService service, DeliveryInbox inbox, Clock clock, int maxBodyBytes) {
        this.service = service;
        this.inbox = inbox;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @POST
    public Map<String, Object> receive(InputStream body, @Context HttpHeaders headers) {
        Optional<String> contentType = Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        byte[] bytes;
        try {
            bytes = CappedBody.read(body, headers.getLength(), maxBodyBytes);
        } catch (ApiException refused) {
            if (refused.status() == 413) {
                inbox.recordSettled(new InboundDelivery(NotificationService.SOURCE, Optional.empty(), Optional.empty(),
                                contentType, Optional.empty(), declaredOrOverCap(headers.getLength()), clock.instant()),
                        Verification.UNSIGNED, Processing.TOO_LARGE, refused.getMessage());
            }
            throw refused;
        }
        service.receive(new InboundDelivery(NotificationService.SOURCE, Optional.empty(), Optional.empty(),
                contentType, Optional.of(bytes), bytes.length, clock.instant()));
        return Map.of("success", true);
    }

    /** The declared length, or for a chunked body just past the cap (all that was read). */
    private int declaredOrOverCap(int declaredLength) {
        return declaredLength > 0 ? declaredLength : maxBodyBytes + 1;
    }
}
