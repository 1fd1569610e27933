package org.callbackgateway.hpc;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.web.CappedBody;
import org.callbackgateway.callbacks.InboundDelivery;

/**
 * The HPC job callbacks (unsecured, as the DE documents them): Agave's "something changed" and Tapis' event.
 */
@Path("/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public final class HpcCallbackResource {
    private final HpcCallbackService agave;
    private final TapisCallbackService tapis;
    private final Clock clock;
    private final int maxBodyBytes;

    public HpcCallbackResource(HpcCallbackService agave, TapisCallbackService tapis, Clock clock, int maxBodyBytes) {
        this.agave = agave;
        this.tapis = tapis;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The body (Agave v2 posts the job as JSON) is kept, whatever its type; the status is pulled. */
    @POST
    @Path("agave-job/{uuid}")
    public Map<String, Object> agaveJob(@PathParam("uuid") String uuid, InputStream body, @Context HttpHeaders headers) {
        agave.receive(uuid, delivery(HpcCallbackService.SOURCE, body, headers));
        return Map.of("success", true);
    }

    @POST
    @Path("tapis-job/{uuid}")
    public Map<String, Object> tapisJob(@PathParam("uuid") String uuid, InputStream body, @Context HttpHeaders headers) {
        tapis.receive(uuid, delivery(TapisCallbackService.SOURCE, body, headers));
        return Map.of("success", true);
    }

    private InboundDelivery delivery(String source, InputStream body, HttpHeaders headers) {
        byte[] bytes = CappedBody.read(body, headers.getLength(), maxBodyBytes);
        return new InboundDelivery(source, Optional.empty(), Optional.empty(),
                Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_TYPE)), Optional.of(bytes), bytes.length,
                clock.instant());
    }
}
