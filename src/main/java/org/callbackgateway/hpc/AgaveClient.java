package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * Agave v2: {@code GET {base}/jobs/v2/{id}} with {@code Authorization: Bearer <token>}.
 */
final class AgaveClient implements HpcJobClient {
    private final URI base;
    private final HpcHttp http;

    AgaveClient(URI base, HpcHttp http) {
        this.base = base;
        this.http = http;
    }

    @Override
    public HpcJob fetch(String externalId, String accessToken) {
        URI uri = URI.create(trimmed(base) + "/jobs/v2/" + HpcHttp.pathSegment(externalId));
        JsonNode result = http.getResult(uri, "Authorization", "Bearer " + accessToken);
        return new HpcJob(HpcHttp.requiredText(result, "id"), HpcHttp.requiredText(result, "status"),
                HpcHttp.time(result, "startTime"), HpcHttp.time(result, "endTime"));
    }

    static String trimmed(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
