package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * Tapis v3: {@code GET {base}/v3/jobs/{uuid}} with header {@code X-Tapis-Token: <token>}.
 */
final class TapisClient implements HpcJobClient {
    private final URI base;
    private final HpcHttp http;

    TapisClient(URI base, HpcHttp http) {
        this.base = base;
        this.http = http;
    }

    @Override
    public HpcJob fetch(String externalId, String accessToken) {
        URI uri = URI.create(AgaveClient.trimmed(base) + "/v3/jobs/" + HpcHttp.pathSegment(externalId));
        JsonNode result = http.getResult(uri, "X-Tapis-Token", accessToken);
        // Tapis reports no separate start time in the job record; "created" is the nearest it has.
        return new HpcJob(HpcHttp.requiredText(result, "uuid"), HpcHttp.requiredText(result, "status"),
                HpcHttp.time(result, "created"), HpcHttp.time(result, "ended"));
    }
}
