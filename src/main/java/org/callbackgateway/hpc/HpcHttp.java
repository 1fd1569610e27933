package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.callbackgateway.hpc.HpcLookupException.Kind;

/**
 * The HTTP side both HPC clients share: timeouts, no redirects, status codes to failure kinds, JSON reading.
 */
final class HpcHttp {
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper mapper;

    HpcHttp(Duration timeout, ObjectMapper mapper) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.mapper = mapper;
    }

    /** Escapes an external id as one path segment, so that it cannot reach another path. */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GETs {@code uri} with one auth header and answers the {@code result} object of the API's envelope. */
    JsonNode getResult(URI uri, String headerName, String headerValue) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(headerName, headerValue)
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HpcLookupException(Kind.FAILED, "request to " + uri.getHost() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HpcLookupException(Kind.FAILED, "interrupted", e);
        }
        int status = response.statusCode();
        if (status == 404 || status == 400) {
            throw new HpcLookupException(Kind.NOT_FOUND, "answered " + status, null);
        }
        if (status == 401) {
            throw new HpcLookupException(Kind.UNAUTHORIZED, "answered 401", null);
        }
        if (status != 200) {
            throw new HpcLookupException(Kind.FAILED, "answered " + status, null);
        }
        if (response.body().length > MAX_ANSWER_BYTES) {
            throw new HpcLookupException(Kind.FAILED, "answer too large", null);
        }
        try {
            JsonNode result = mapper.readTree(response.body()).path("result");
            if (!result.isObject()) {
                throw new HpcLookupException(Kind.FAILED, "answer has no result object", null);
            }
            return result;
        } catch (IOException e) {
            throw new HpcLookupException(Kind.FAILED, "answer is not JSON", e);
        }
    }

    static String requiredText(JsonNode result, String field) {
        JsonNode node = result.path(field);
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new HpcLookupException(Kind.FAILED, "answer has no " + field, null);
        }
        return node.textValue();
    }

    /** An ISO-8601 time, or empty when absent or unreadable (dates are informative, status is what counts). */
    static Optional<Instant> time(JsonNode result, String field) {
        JsonNode node = result.path(field);
        if (!node.isTextual() || node.textValue().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.textValue()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(node.textValue()));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
