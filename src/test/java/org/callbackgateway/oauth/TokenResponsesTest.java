package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.callbackgateway.config.OAuthApiConfig.TokenStyle;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenResponsesTest {
    private static final ObjectMapper MAPPER = Json.newMapper();

    private static TokenGrant parse(String body, TokenStyle style) throws TokenResponses.UnreadableException {
        return TokenResponses.parse(body.getBytes(StandardCharsets.UTF_8), style, MAPPER);
    }

    @Test
    void parseReadsAStandardResponse() throws Exception {
        TokenGrant grant = parse("""
                {"access_token":"at-1","token_type":"bearer","expires_in":3600,"refresh_token":"rt-1",
                 "scope":"PRODUCTION"}""", TokenStyle.STANDARD);

        assertThat(grant.accessToken()).isEqualTo("at-1");
        assertThat(grant.tokenType()).isEqualTo("bearer");
        assertThat(grant.expiresIn()).contains(Duration.ofHours(1));
        assertThat(grant.refreshToken()).contains("rt-1");
        assertThat(grant.scope()).contains("PRODUCTION");
    }

    @Test
    void parseDefaultsTheTypeAndLeavesOutWhatIsMissing() throws Exception {
        TokenGrant grant = parse("{\"access_token\":\"at-1\",\"expires_in\":\"120\"}", TokenStyle.STANDARD);

        assertThat(grant.tokenType()).isEqualTo("Bearer");
        assertThat(grant.expiresIn()).contains(Duration.ofSeconds(120));
        assertThat(grant.refreshToken()).isEmpty();
        assertThat(grant.scope()).isEmpty();
    }

    @Test
    void parseReadsTheTapisNestedShape() throws Exception {
        TokenGrant grant = parse("""
                {"message":"Token created successfully.","status":"success","version":"dev",
                 "result":{"access_token":{"access_token":"tapis-at","expires_at":"2026-01-01T00:00:00+00:00",
                                           "expires_in":14400,"jti":"x"},
                           "refresh_token":{"refresh_token":"tapis-rt","expires_in":31536000}}}""", TokenStyle.TAPIS);

        assertThat(grant.accessToken()).isEqualTo("tapis-at");
        assertThat(grant.refreshToken()).contains("tapis-rt");
        assertThat(grant.expiresIn()).contains(Duration.ofSeconds(14400));
        assertThat(grant.tokenType()).isEqualTo("Bearer");
    }

    @Test
    void aStandardResponseIsNotATapisOne() {
        assertThatThrownBy(() -> parse("{\"access_token\":\"at-1\"}", TokenStyle.TAPIS))
                .hasMessage("no access_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>oops</html>", "[]", "{\"token\":\"x\"}", "{\"access_token\":\"\"}",
            "{\"access_token\":\"at\",\"expires_in\":\"soon\"}", "{\"access_token\":\"at\",\"expires_in\":-5}"})
    void parseRefusesWhatIsNotATokenResponseWithoutQuotingIt(String body) {
        assertThatThrownBy(() -> parse(body, TokenStyle.STANDARD))
                .isInstanceOf(TokenResponses.UnreadableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("oops").doesNotContain("soon"));
    }

    @Test
    void errorCodeIsReadOnlyWhenWellFormed() {
        assertThat(TokenResponses.errorCode("{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8), MAPPER))
                .contains("invalid_grant");
        assertThat(TokenResponses.errorCode("{\"error\":\"<script>\"}".getBytes(StandardCharsets.UTF_8), MAPPER))
                .isEqualTo(Optional.empty());
        assertThat(TokenResponses.errorCode("garbage".getBytes(StandardCharsets.UTF_8), MAPPER)).isEmpty();
    }

    @Test
    void aGrantNeverPrintsItsTokens() throws Exception {
        TokenGrant grant = parse("{\"access_token\":\"at-secret\",\"refresh_token\":\"rt-secret\"}",
                TokenStyle.STANDARD);

        assertThat(grant.toString()).doesNotContain("at-secret").doesNotContain("rt-secret");
    }
}
