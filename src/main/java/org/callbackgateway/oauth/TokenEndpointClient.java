package org.callbackgateway.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.config.OAuthApiConfig.ClientAuth;

/**
 * Requests tokens from a provider's token endpoint (RFC 6749 sections 4.1.3 and 6), with the configured client
 * authentication. Redirects are not followed: a token endpoint that redirects is misconfigured, and following it
 * could carry the credentials elsewhere.
 *
 * <p>The JDK client runs a selector thread for as long as it lives, which a servlet container reports as a leak
 * when the application stops: it is made on first use, so a gateway that never requests a token never starts
 * one, and {@link #close()} ends it on Java 21 and later (on Java 17 it ends when the client is collected).
 */
public final class TokenEndpointClient implements AutoCloseable {
    /** Token answers are small; a larger one is refused rather than read into memory. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;
    private HttpClient http;

    public TokenEndpointClient(Duration connectTimeout, Duration requestTimeout, ObjectMapper mapper) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.mapper = mapper;
    }

    /** Trades an authorization code for tokens, proving possession of the PKCE verifier. */
    public TokenGrant exchangeCode(OAuthApiConfig api, String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", api.redirectUri().toString());
        form.put("code_verifier", codeVerifier);
        return request(api, form);
    }

    /** Trades a refresh token for new tokens; {@link TokenEndpointException#refused()} when the provider says no. */
    public TokenGrant refresh(OAuthApiConfig api, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return request(api, form);
    }

    private TokenGrant request(OAuthApiConfig api, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.tokenUrl())
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (api.clientAuth() == ClientAuth.CLIENT_SECRET_POST) {
            form.put("client_id", api.clientId());
            form.put("client_secret", api.clientSecret().reveal());
        } else {
            // RFC 6749 section 2.3.1: both parts form-encoded before they are joined and base64-encoded.
            String credentials = formEncode(api.clientId()) + ":" + formEncode(api.clientSecret().reveal());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        String body = form.entrySet().stream()
                .map(entry -> formEncode(entry.getKey()) + "=" + formEncode(entry.getValue()))
                .collect(Collectors.joining("&"));
        request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));

        String what = "token request to " + api.name();
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream stream = response.body()) {
                answer = stream.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new TokenEndpointException(what + " failed: no answer in time", false, null);
        } catch (IOException e) {
            // The exception's own message may hold anything the peer sent; its type says enough.
            throw new TokenEndpointException(what + " failed: " + e.getClass().getSimpleName(), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenEndpointException(what + " was interrupted", false, null);
        }
        int status = response.statusCode();
        if (answer.length > MAX_ANSWER_BYTES) {
            throw new TokenEndpointException(what + " failed: the answer is larger than " + MAX_ANSWER_BYTES
                    + " bytes", false, null);
        }
        if (status >= 200 && status < 300) {
            try {
                return TokenResponses.parse(answer, api.tokenStyle(), mapper);
            } catch (TokenResponses.UnreadableException e) {
                throw new TokenEndpointException(what + " failed: unreadable answer (" + e.getMessage() + ")",
                        false, null);
            }
        }
        String error = TokenResponses.errorCode(answer, mapper).map(code -> " " + code).orElse("");
        boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
        throw new TokenEndpointException(what + " failed: HTTP " + status + error, refused, null);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        // HttpClient is AutoCloseable from Java 21 on; this builds for Java 17.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing left to do at shutdown.
            }
        }
        http = null;
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
