package org.callbackgateway.callbacks.standard;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Map;
import org.callbackgateway.callbacks.SignedEndpoint;

/**
 * {@code POST /callbacks/webhooks/{source}}: any sender of Standard Webhooks registered under that name.
 */
@Path("/callbacks/webhooks/{source}")
@Produces(MediaType.APPLICATION_JSON)
public final class StandardWebhookResource {
    private final SignedEndpoint endpoint;

    public StandardWebhookResource(SignedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @POST
    public Map<String, Object> receive(@PathParam("source") String source, InputStream body,
                                       @Context HttpHeaders headers) {
        // An unknown or malformed name is refused (401) and recorded under a bounded, printable form.
        String name = source.length() > 63 ? source.substring(0, 63) : source;
        return endpoint.receive(name.replaceAll("\\p{Cntrl}", "?"), StandardWebhookVerifier.TYPE, body, headers);
    }
}
