package org.callbackgateway.callbacks;

import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the signed-callback resources share: hand the request to {@link SignedCallbackService} and answer.
 */
public final class SignedEndpoint {
    private final SignedCallbackService service;

    public SignedEndpoint(SignedCallbackService service) {
        this.service = service;
    }

    /** Receives and answers {@code {"success": true}}, with {@code "duplicate": true} for a repeat. */
    public Map<String, Object> receive(String source, String type, InputStream body, HttpHeaders headers) {
        SignedCallbackService.Outcome outcome = service.receive(source, type, headerMap(headers), body,
                headers.getLength());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        if (outcome.duplicate()) {
            answer.put("duplicate", true);
        }
        return answer;
    }

    private static Map<String, String> headerMap(HttpHeaders headers) {
        Map<String, String> map = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            List<String> present = values == null ? List.of() : values;
            if (!present.isEmpty() && present.get(0) != null) {
                map.putIfAbsent(name.toLowerCase(Locale.ROOT), present.get(0));
            }
        });
        return map;
    }
}
