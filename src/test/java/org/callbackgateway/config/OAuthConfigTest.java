package org.callbackgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbackgateway.config.OAuthApiConfig.ClientAuth;
import org.callbackgateway.config.OAuthApiConfig.TokenStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthConfigTest {
    private static final String ENCRYPTION_KEYS = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    /** A complete configuration of the API {@code agave}, with {@code more} added or replacing (null removes). */
    private static GatewayConfig load(String... more) {
        Map<String, String> values = new HashMap<>();
        values.put("GATEWAY_JWT_SIGNING_KEY", "0123456789abcdef0123456789abcdef");
        values.put("GATEWAY_ENCRYPTION_KEYS", ENCRYPTION_KEYS);
        values.put("GATEWAY_OAUTH_APIS", "agave");
        values.put("GATEWAY_OAUTH_AGAVE_AUTHORIZE_URL", "https://agave.example.org/oauth2/authorize");
        values.put("GATEWAY_OAUTH_AGAVE_TOKEN_URL", "https://agave.example.org/oauth2/token");
        values.put("GATEWAY_OAUTH_AGAVE_CLIENT_ID", "de-client");
        values.put("GATEWAY_OAUTH_AGAVE_CLIENT_SECRET", "agave-client-secret");
        values.put("GATEWAY_OAUTH_AGAVE_REDIRECT_URI", "https://de.example.org/oauth/callback/agave");
        values.put("GATEWAY_OAUTH_AGAVE_UI_URL", "https://de.example.org/de/");
        for (int i = 0; i + 1 < more.length; i += 2) {
            if (more[i + 1] == null) {
                values.remove(more[i]);
            } else {
                values.put(more[i], more[i + 1]);
            }
        }
        return GatewayConfig.load(ConfigSource.of(values));
    }

    @Test
    void loadReadsAnApiWithItsDefaults() {
        OAuthConfig oauth = load().oauth();

        OAuthApiConfig agave = oauth.api("agave").orElseThrow();
        assertThat(agave.authorizeUrl()).isEqualTo(URI.create("https://agave.example.org/oauth2/authorize"));
        assertThat(agave.tokenUrl()).isEqualTo(URI.create("https://agave.example.org/oauth2/token"));
        assertThat(agave.clientId()).isEqualTo("de-client");
        assertThat(agave.clientSecret().reveal()).isEqualTo("agave-client-secret");
        assertThat(agave.redirectUri()).isEqualTo(URI.create("https://de.example.org/oauth/callback/agave"));
        assertThat(agave.uiUrl()).isEqualTo(URI.create("https://de.example.org/de/"));
        assertThat(agave.scopes()).isEmpty();
        assertThat(agave.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_BASIC);
        assertThat(agave.tokenStyle()).isEqualTo(TokenStyle.STANDARD);
        assertThat(oauth.stateTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(oauth.refreshMargin()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void loadReadsSeveralApisWithEveryOption() {
        OAuthConfig oauth = load(
                "GATEWAY_OAUTH_APIS", "agave, Tapis",
                "GATEWAY_OAUTH_AGAVE_SCOPES", "PRODUCTION openid,profile",
                "GATEWAY_OAUTH_TAPIS_AUTHORIZE_URL", "https://tacc.tapis.io/v3/oauth2/authorize",
                "GATEWAY_OAUTH_TAPIS_TOKEN_URL", "https://tacc.tapis.io/v3/oauth2/tokens",
                "GATEWAY_OAUTH_TAPIS_CLIENT_ID", "de-tapis",
                "GATEWAY_OAUTH_TAPIS_CLIENT_SECRET", "tapis-secret",
                "GATEWAY_OAUTH_TAPIS_REDIRECT_URI", "https://de.example.org/oauth/callback/tapis",
                "GATEWAY_OAUTH_TAPIS_UI_URL", "https://de.example.org/de/",
                "GATEWAY_OAUTH_TAPIS_CLIENT_AUTH", "client_secret_post",
                "GATEWAY_OAUTH_TAPIS_TOKEN_STYLE", "tapis",
                "GATEWAY_OAUTH_STATE_TTL_SECONDS", "120",
                "GATEWAY_OAUTH_REFRESH_MARGIN_SECONDS", "60").oauth();

        assertThat(oauth.apis().keySet()).containsExactly("agave", "tapis");
        assertThat(oauth.api("agave").orElseThrow().scopes()).containsExactly("PRODUCTION", "openid", "profile");
        OAuthApiConfig tapis = oauth.api("tapis").orElseThrow();
        assertThat(tapis.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_POST);
        assertThat(tapis.tokenStyle()).isEqualTo(TokenStyle.TAPIS);
        assertThat(oauth.stateTtl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(oauth.refreshMargin()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void noApisIsFineWithoutEncryptionKeys() {
        OAuthConfig oauth = load("GATEWAY_OAUTH_APIS", null, "GATEWAY_ENCRYPTION_KEYS", null).oauth();

        assertThat(oauth.apis()).isEmpty();
    }

    @Test
    void loadFailsWithoutEncryptionKeysWhenApisAreConfigured() {
        assertThatThrownBy(() -> load("GATEWAY_ENCRYPTION_KEYS", null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_ENCRYPTION_KEYS: not set, but OAuth tokens are stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTHORIZE_URL", "TOKEN_URL", "CLIENT_ID", "CLIENT_SECRET", "REDIRECT_URI", "UI_URL"})
    void loadFailsNamingAMissingApiSetting(String suffix) {
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_AGAVE_" + suffix, null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_OAUTH_AGAVE_" + suffix + ": not set");
    }

    @Test
    void loadFailsOnAnUnknownClientAuthentication() {
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_AGAVE_CLIENT_AUTH", "private_key_jwt"))
                .hasMessage("GATEWAY_OAUTH_AGAVE_CLIENT_AUTH: must be one of client_secret_basic, client_secret_post,"
                        + " got 'private_key_jwt'");
    }

    @Test
    void loadFailsOnAnUnknownTokenStyle() {
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_AGAVE_TOKEN_STYLE", "nested"))
                .hasMessageStartingWith("GATEWAY_OAUTH_AGAVE_TOKEN_STYLE: must be one of standard, tapis");
    }

    @Test
    void loadFailsOnARedirectUriThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_AGAVE_REDIRECT_URI", "/oauth/callback/agave"))
                .hasMessageStartingWith("GATEWAY_OAUTH_AGAVE_REDIRECT_URI: must be an absolute http(s) URL");
    }

    @Test
    void loadFailsOnABadOrRepeatedApiName() {
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_APIS", "agave,my-api"))
                .hasMessageStartingWith("GATEWAY_OAUTH_APIS: API names are a letter then");
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_APIS", "agave,AGAVE"))
                .hasMessage("GATEWAY_OAUTH_APIS: API agave is named twice");
    }

    @Test
    void loadFailsOnAStateLifetimeOutOfRange() {
        assertThatThrownBy(() -> load("GATEWAY_OAUTH_STATE_TTL_SECONDS", "0"))
                .hasMessageStartingWith("GATEWAY_OAUTH_STATE_TTL_SECONDS: must be between 1 and 86400");
    }

    @Test
    void theClientSecretIsNeverPrinted() {
        GatewayConfig config = load();

        assertThat(config.toString()).contains("de-client").doesNotContain("agave-client-secret");
    }

    @Test
    void scopesAreSplitOnSpacesAndCommas() {
        assertThat(load("GATEWAY_OAUTH_AGAVE_SCOPES", " a,b  c ,").oauth().api("agave").orElseThrow().scopes())
                .isEqualTo(List.of("a", "b", "c"));
    }
}
