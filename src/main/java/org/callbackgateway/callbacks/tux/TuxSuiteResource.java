package org.callbackgateway.callbacks.tux;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Map;
import org.callbackgateway.callbacks.SignedEndpoint;

/**
 * {@code POST /callbacks/tuxsuite}: build, oebuild, test and plan results signed by TuxSuite.
 */
@Path("/callbacks/tuxsuite")
@Produces(MediaType.APPLICATION_JSON)
public final class TuxSuiteResource {
    private final SignedEndpoint endpoint;

    public TuxSuiteResource(SignedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @POST
    public Map<String, Object> receive(InputStream body, @Context HttpHeaders headers) {
        return endpoint.receive(TuxSuiteVerifier.TYPE, TuxSuiteVerifier.TYPE, body, headers);
    }
}
