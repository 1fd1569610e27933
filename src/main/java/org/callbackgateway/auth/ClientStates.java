package org.callbackgateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Whether a token the gateway issued still speaks for its client: the client must exist, not be disabled, and
 * not have had its key rotated since the token was issued (a rotation revokes the tokens made with the old key).
 *
 * <p>Each client's state is read from the database and reused for {@code ttl}, so a token check costs a query per
 * client and interval, not per request. A change made on this instance invalidates the entry at once; another
 * instance sees it within {@code ttl} ({@code GATEWAY_CLIENT_CACHE_SECONDS}, 5 s by default; 0 reads every time).
 * Tokens name the key they were issued for ({@code key_set_at}), so a rotation revokes exactly the older ones.
 */
final class ClientStates implements TokenRevocations {
    private static final int MAX_ENTRIES = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration ttl;
    /** Counts invalidations, so that a read that raced one is not cached over it. */
    private long generation;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    ClientStates(Jdbi jdbi, Clock clock, Duration ttl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A client as far as its tokens are concerned; empty when it does not exist. */
    private record Entry(Optional<Client> client, Instant readAt) {
    }

    @Override
    public Optional<String> revocation(String clientId, Optional<Instant> keySetAt, Instant issuedAt) {
        Optional<Client> client = current(clientId);
        if (client.isEmpty()) {
            return Optional.of("client " + clientId + " no longer exists");
        }
        if (client.get().disabled()) {
            return Optional.of("client " + clientId + " is disabled");
        }
        Instant currentKey = client.get().keySetAt().truncatedTo(ChronoUnit.MILLIS);
        boolean oldKey = keySetAt.map(claimed -> !claimed.equals(currentKey))
                .orElseGet(() -> issuedAt.isBefore(currentKey.truncatedTo(ChronoUnit.SECONDS)));
        if (oldKey) {
            return Optional.of("token of client " + clientId + " was issued for a key since replaced");
        }
        return Optional.empty();
    }

    /** Forgets what is known of a client, after a change on this instance. */
    synchronized void invalidate(String clientId) {
        generation++;
        entries.remove(clientId);
    }

    private Optional<Client> current(String clientId) {
        Instant now = clock.instant();
        long readGeneration;
        synchronized (this) {
            Entry entry = entries.get(clientId);
            if (entry != null && now.isBefore(entry.readAt().plus(ttl))) {
                return entry.client();
            }
            readGeneration = generation;
        }
        Optional<Client> read = jdbi.withExtension(ClientDao.class, dao -> dao.find(clientId));
        synchronized (this) {
            if (readGeneration == generation) {
                entries.put(clientId, new Entry(read, now));
            }
        }
        return read;
    }
}
