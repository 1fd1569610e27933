package org.callbackgateway.callbacks.nextflow;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.web.CappedBody;
import org.callbackgateway.callbacks.InboundDelivery;

/**
 * {@code POST /callbacks/nextflow/{job id}}: the URL to give {@code nextflow run -with-weblog}.
 */
@Path("/callbacks/nextflow")
@Produces(MediaType.APPLICATION_JSON)
public final class NextflowResource {
    private final NextflowService service;
    private final Clock clock;
    private final int maxBodyBytes;

    public NextflowResource(NextflowService service, Clock clock, int maxBodyBytes) {
        this.service = service;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    @POST
    @Path("{jobId}")
    public Map<String, Object> receive(@PathParam("jobId") String jobId, InputStream body,
                                       @Context HttpHeaders headers) {
        byte[] bytes = CappedBody.read(body, headers.getLength(), maxBodyBytes);
        InboundDelivery delivery = new InboundDelivery(NextflowService.SOURCE, Optional.empty(), Optional.empty(),
                Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_TYPE)), Optional.of(bytes), bytes.length,
                clock.instant());
        boolean duplicate = service.receive(jobId, delivery,
                Optional.ofNullable(headers.getHeaderString(HttpHeaders.AUTHORIZATION)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        if (duplicate) {
            answer.put("duplicate", true);
        }
        return answer;
    }
}
