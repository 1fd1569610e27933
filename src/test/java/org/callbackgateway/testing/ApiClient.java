package org.callbackgateway.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Calls the gateway's API as one client: with its bearer token, or none.
 */
public final class ApiClient {
    private final URI base;
    private final String token;

    public ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client's token from {@code POST /v1/oauth2/token}. */
    public static String token(URI base, String clientId, String clientKey) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientKey).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(base.resolve("/v1/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        if (response.statusCode() != 200) {
            throw new AssertionError("no token for " + clientId + ": " + response.statusCode() + " " + response.body());
        }
        return LeakWatch.remember(Http.json(response).get("access_token").asText());
    }

    public static ApiClient as(URI base, String clientId, String clientKey) {
        return new ApiClient(base, token(base, clientId, clientKey));
    }

    public HttpResponse<String> get(String path) {
        return Http.send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return Http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> patch(String path, String json) {
        return Http.send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return Http.send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }
}
