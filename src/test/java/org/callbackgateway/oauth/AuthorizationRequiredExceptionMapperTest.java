package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.Test;

class AuthorizationRequiredExceptionMapperTest {

    @Test
    void answers401WithTheEnvelopeAndTheAuthorizationUrl() throws Exception {
        URI url = URI.create("https://agave.example.org/oauth2/authorize?response_type=code&state=s");

        Response response = new AuthorizationRequiredExceptionMapper()
                .toResponse(new AuthorizationRequiredException("agave", "snow-dog", url));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(Json.newMapper().writeValueAsString(response.getEntity())).isEqualTo(
                "{\"error_code\":\"ERR_UNAUTHORIZED\",\"message\":\"authorization for agave is required\","
                        + "\"success\":false,\"api_name\":\"agave\",\"authorization_url\":\"" + url + "\"}");
    }
}
