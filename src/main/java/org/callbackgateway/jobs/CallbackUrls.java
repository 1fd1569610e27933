package org.callbackgateway.jobs;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Builds the callback URL an upstream system is given for a job: {@code <base>/callbacks/agave-job/<id>}
 * ({@code tapis-job} for Tapis jobs, {@code nextflow} for Nextflow runs). The base is
 * {@code GATEWAY_PUBLIC_BASE_URL}, or the address the request came in on when that is not set.
 */
public final class CallbackUrls {
    private final Optional<URI> publicBaseUrl;

    public CallbackUrls(Optional<URI> publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    public URI forJob(Job job, UriInfo request) {
        String base = publicBaseUrl.map(URI::toString).orElseGet(() -> request.getBaseUri().toString());
        String kind = switch (job.source()) {
            case "tapis" -> "tapis-job";
            case "nextflow" -> "nextflow";
            default -> "agave-job";
        };
        return URI.create(stripTrailingSlash(base) + "/callbacks/" + kind + "/" + job.id());
    }

    private static String stripTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
