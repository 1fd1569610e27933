package org.callbackgateway.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One OAuth API the gateway obtains user tokens for, read from {@code GATEWAY_OAUTH_<NAME>_*}.
 *
 * @param name the API's name in paths and rows, e.g. {@code agave}
 * @param authorizeUrl the provider's authorization endpoint
 * @param tokenUrl the provider's token endpoint
 * @param clientId the gateway's client id at the provider
 * @param clientSecret the gateway's client secret at the provider
 * @param redirectUri the gateway's callback as registered at the provider; a constant, never taken from a request
 * @param scopes the scopes asked for; none means the {@code scope} parameter is left out
 * @param clientAuth how the gateway authenticates at the token endpoint
 * @param tokenStyle the shape of the token endpoint's answers
 * @param uiUrl where the browser is sent when the flow ends
 */
public record OAuthApiConfig(
        String name,
        URI authorizeUrl,
        URI tokenUrl,
        String clientId,
        Secret clientSecret,
        URI redirectUri,
        List<String> scopes,
        ClientAuth clientAuth,
        TokenStyle tokenStyle,
        URI uiUrl) {

    public static final String NAME_PATTERN = "^[a-z][a-z0-9_]{0,31}$";

    public OAuthApiConfig {
        scopes = List.copyOf(scopes);
    }

    /** Client authentication at the token endpoint (RFC 6749 section 2.3.1). */
    public enum ClientAuth {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST
    }

    /** The token endpoint's answer: RFC 6749 section 5.1, or Tapis v3's {@code result.access_token.access_token}. */
    public enum TokenStyle {
        STANDARD, TAPIS
    }

    /** The setting {@code GATEWAY_OAUTH_<NAME>_<suffix>} of the API {@code name}. */
    public static String setting(String name, String suffix) {
        return "GATEWAY_OAUTH_" + name.toUpperCase(Locale.ROOT) + "_" + suffix;
    }

    static OAuthApiConfig load(Settings settings, String name) {
        String clientAuthName = setting(name, "CLIENT_AUTH");
        String tokenStyleName = setting(name, "TOKEN_STYLE");
        URI authorizeUrl = required(settings, name, "AUTHORIZE_URL");
        if (authorizeUrl.getRawFragment() != null) {
            throw new ConfigException(setting(name, "AUTHORIZE_URL"), "must not have a fragment");
        }
        return new OAuthApiConfig(
                name,
                authorizeUrl,
                required(settings, name, "TOKEN_URL"),
                settings.string(setting(name, "CLIENT_ID"))
                        .orElseThrow(() -> new ConfigException(setting(name, "CLIENT_ID"), "not set")),
                settings.secret(setting(name, "CLIENT_SECRET"))
                        .orElseThrow(() -> new ConfigException(setting(name, "CLIENT_SECRET"), "not set")),
                required(settings, name, "REDIRECT_URI"),
                settings.string(setting(name, "SCOPES"))
                        .map(scopes -> Arrays.stream(scopes.split("[\\s,]+")).filter(scope -> !scope.isEmpty()).toList())
                        .orElse(List.of()),
                choice(ClientAuth.class, clientAuthName, settings.string(clientAuthName, "client_secret_basic")),
                choice(TokenStyle.class, tokenStyleName, settings.string(tokenStyleName, "standard")),
                required(settings, name, "UI_URL"));
    }

    private static URI required(Settings settings, String name, String suffix) {
        String setting = setting(name, suffix);
        return settings.httpUrl(setting).orElseThrow(() -> new ConfigException(setting, "not set"));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String setting, String raw) {
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(raw.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(value -> value.name().toLowerCase(Locale.ROOT)).toList();
        throw new ConfigException(setting, "must be one of " + String.join(", ", allowed) + ", got '" + raw + "'");
    }
}
