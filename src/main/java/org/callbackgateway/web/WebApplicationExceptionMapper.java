package org.callbackgateway.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Puts Jersey's own errors (unknown path, wrong method, unsupported media type, ...) into the envelope.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            // A server error Jersey raised: hide the details like any other unexpected failure.
            return new CatchAllExceptionMapper.Unexpected().toResponse(exception);
        }
        String reason = original.getStatusInfo().getReasonPhrase();
        String message = reason == null ? "request refused" : reason.toLowerCase(Locale.ROOT);
        Response response = ErrorResponses.of(new ApiException(status, ErrorResponses.codeFor(status), message));
        Response.ResponseBuilder builder = Response.fromResponse(response);
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }
}
