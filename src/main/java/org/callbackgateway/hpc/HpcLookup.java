package org.callbackgateway.hpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.callbackgateway.config.HpcConfig;
import org.callbackgateway.hpc.HpcLookupException.Kind;
import org.callbackgateway.jobs.Job;

/**
 * Looks a job up at its HPC API with its owner's token, refreshing the token once when the API refuses it.
 * The job's source names both the API and the OAuth API the token comes from ({@code agave}, {@code tapis}).
 * Each API has its own small pool of lookup threads, and a lookup, token refresh included, has one deadline:
 * {@code GATEWAY_HPC_TIMEOUT_MS}.
 */
public final class HpcLookup implements AutoCloseable {
    /** The sources whose jobs live in an HPC API. */
    public static final Set<String> HPC_SOURCES = Set.of("agave", "tapis");

    private final Map<String, HpcJobClient> clients;
    private final Map<String, LookupPool> pools;
    private final HpcTokens tokens;

    public HpcLookup(HpcConfig config, HpcTokens tokens, ObjectMapper mapper) {
        Duration deadline = Duration.ofMillis(config.timeoutMillis());
        HpcHttp http = new HpcHttp(deadline, mapper);
        Map<String, HpcJobClient> configured = new HashMap<>();
        config.agaveBaseUrl().ifPresent(base -> configured.put("agave", new AgaveClient(base, http)));
        config.tapisBaseUrl().ifPresent(base -> configured.put("tapis", new TapisClient(base, http)));
        this.clients = Map.copyOf(configured);
        Map<String, LookupPool> pools = new HashMap<>();
        configured.keySet().forEach(api -> pools.put(api, new LookupPool(api, config.lookupThreads(), deadline)));
        this.pools = Map.copyOf(pools);
        this.tokens = tokens;
    }

    public static boolean isHpcJob(Job job) {
        return HPC_SOURCES.contains(job.source());
    }

    /**
     * @throws HpcLookupException {@code NOT_FOUND} when the API does not know the job, {@code FAILED} otherwise
     */
    public HpcJob fetch(Job job) {
        HpcJobClient client = Optional.ofNullable(clients.get(job.source())).orElseThrow(() ->
                new HpcLookupException(Kind.FAILED, "no base URL is configured for " + job.source(), null));
        return pools.get(job.source()).call(() -> fetch(job, client));
    }

    private HpcJob fetch(Job job, HpcJobClient client) {
        String token = token(() -> tokens.validAccessToken(job.source(), job.owner()));
        try {
            return client.fetch(job.externalId(), token);
        } catch (HpcLookupException e) {
            if (e.kind() != Kind.UNAUTHORIZED) {
                throw e;
            }
            String refreshed = token(() -> tokens.refreshAfterRejection(job.source(), job.owner(), token));
            try {
                return client.fetch(job.externalId(), refreshed);
            } catch (HpcLookupException again) {
                throw again.kind() == Kind.UNAUTHORIZED
                        ? new HpcLookupException(Kind.FAILED, "the refreshed token was refused too", again)
                        : again;
            }
        }
    }

    @Override
    public void close() {
        pools.values().forEach(LookupPool::close);
    }

    /** A token, or a retryable failure when there is no usable one (the user may authorize later). */
    private static String token(java.util.function.Supplier<String> source) {
        try {
            return source.get();
        } catch (RuntimeException e) {
            throw new HpcLookupException(Kind.FAILED, "no usable token: " + e.getClass().getSimpleName(), e);
        }
    }
}
