package org.callbackgateway.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The HPC job APIs the gateway pulls job status from, and how it retries until jobs converge.
 *
 * @param agaveBaseUrl Agave v2 ({@code GET {base}/jobs/v2/{id}})
 * @param tapisBaseUrl Tapis v3 ({@code GET {base}/v3/jobs/{uuid}})
 * @param timeoutMillis the deadline of one lookup, token refresh included
 * @param retryInitialSeconds the first retry delay after a failed lookup; it doubles each time
 * @param retryMaxSeconds the longest delay between retries
 * @param giveUpHours how long a failing lookup is retried
 * @param pollSeconds how often each instance looks for due retries
 * @param recheckAfterSeconds non-terminal jobs not updated for this long are looked up again
 * @param notificationAgentUrl where status changes are posted, as the DE did; off when empty
 * @param lookupThreads how many background lookups run at once against each HPC API
 * @param tapisTrustEventBody apply a Tapis event's status as sent instead of reading the job from Tapis first
 */
public record HpcConfig(
        Optional<URI> agaveBaseUrl,
        Optional<URI> tapisBaseUrl,
        int timeoutMillis,
        int retryInitialSeconds,
        int retryMaxSeconds,
        int giveUpHours,
        int pollSeconds,
        int recheckAfterSeconds,
        Optional<URI> notificationAgentUrl,
        int lookupThreads,
        boolean tapisTrustEventBody) {

    public static final String AGAVE_BASE_URL = "GATEWAY_HPC_AGAVE_BASE_URL";
    public static final String TAPIS_BASE_URL = "GATEWAY_HPC_TAPIS_BASE_URL";
    public static final String TIMEOUT_MS = "GATEWAY_HPC_TIMEOUT_MS";
    public static final String RETRY_INITIAL_SECONDS = "GATEWAY_HPC_RETRY_INITIAL_SECONDS";
    public static final String RETRY_MAX_SECONDS = "GATEWAY_HPC_RETRY_MAX_SECONDS";
    public static final String GIVE_UP_HOURS = "GATEWAY_HPC_GIVE_UP_HOURS";
    public static final String POLL_SECONDS = "GATEWAY_HPC_POLL_SECONDS";
    public static final String RECHECK_AFTER_SECONDS = "GATEWAY_HPC_RECHECK_AFTER_SECONDS";
    public static final String NOTIFICATION_AGENT_URL = "GATEWAY_NOTIFICATION_AGENT_URL";
    public static final String LOOKUP_THREADS = "GATEWAY_HPC_LOOKUP_THREADS";
    public static final String TAPIS_TRUST_EVENT_BODY = "GATEWAY_HPC_TAPIS_TRUST_EVENT_BODY";

    static HpcConfig load(Settings settings) {
        Optional<URI> tapis = secureUrl(settings, TAPIS_BASE_URL);
        // Tapis events are unsigned: when the job can be read from Tapis, that is what counts, unless told otherwise.
        boolean trustEventBody = settings.bool(TAPIS_TRUST_EVENT_BODY, tapis.isEmpty());
        if (!trustEventBody && tapis.isEmpty()) {
            throw new ConfigException(TAPIS_TRUST_EVENT_BODY, "false needs " + TAPIS_BASE_URL + " to read jobs from");
        }
        return new HpcConfig(
                secureUrl(settings, AGAVE_BASE_URL),
                tapis,
                settings.integer(TIMEOUT_MS, 10_000, 100, 120_000),
                settings.integer(RETRY_INITIAL_SECONDS, 30, 1, 86_400),
                settings.integer(RETRY_MAX_SECONDS, 3600, 1, 86_400),
                settings.integer(GIVE_UP_HOURS, 24, 1, 24 * 30),
                settings.integer(POLL_SECONDS, 5, 1, 3600),
                settings.integer(RECHECK_AFTER_SECONDS, 3600, 60, 30 * 86_400),
                secureUrl(settings, NOTIFICATION_AGENT_URL),
                settings.integer(LOOKUP_THREADS, 2, 1, 16),
                trustEventBody);
    }

    /** An https URL; plain http only to this machine (a local agent or a test double). */
    private static Optional<URI> secureUrl(Settings settings, String name) {
        Optional<URI> url = settings.httpUrl(name);
        url.filter(uri -> !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && !isLoopback(uri.getHost()))
                .ifPresent(uri -> {
                    throw new ConfigException(name, "must be an https URL (http is allowed only to loopback)");
                });
        return url;
    }

    private static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
