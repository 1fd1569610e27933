package org.callbackgateway.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.net.URI;
import org.callbackgateway.web.ErrorCode;

/**
 * Answers {@link AuthorizationRequiredException} with 401 {@code ERR_UNAUTHORIZED}: the envelope plus the API and
 * the URL that starts its authorization.
 */
public final class AuthorizationRequiredExceptionMapper implements ExceptionMapper<AuthorizationRequiredException> {

    /** The error envelope with the two fields a caller needs to send the user to the provider. */
    @JsonPropertyOrder({"error_code", "message", "success", "api_name", "authorization_url"})
    public record Body(
            @JsonProperty("error_code") ErrorCode errorCode,
            @JsonProperty("message") String message,
            @JsonProperty("success") boolean success,
            @JsonProperty("api_name") String apiName,
            @JsonProperty("authorization_url") URI authorizationUrl) {
    }

    @Override
    public Response toResponse(AuthorizationRequiredException exception) {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(new Body(ErrorCode.ERR_UNAUTHORIZED, exception.getMessage(), false, exception.apiName(),
                        exception.authorizationUrl()))
                .build();
    }
}
