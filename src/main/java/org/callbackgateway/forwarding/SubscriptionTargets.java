package org.callbackgateway.forwarding;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.callbackgateway.crypto.SecretBox;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions forwarding sends to, read from the database at each dispatch round (so a change made on any
 * instance applies at the next round), with their secrets decrypted once per version of the row: every change
 * of a subscription or of its secrets moves its {@code updated_at}.
 */
final class SubscriptionTargets {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionTargets.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final Optional<SecretBox> box;
    private final ObjectMapper mapper;
    private final Map<UUID, Target> decrypted = new ConcurrentHashMap<>();

    SubscriptionTargets(Jdbi jdbi, Optional<SecretBox> box, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.box = box;
        this.mapper = mapper;
    }

    /** Every subscription switched on and with a URL, paused ones included. */
    List<Target> current() {
        List<SubscriptionRow> rows = jdbi.withExtension(SubscriptionDao.class, SubscriptionDao::forwarding);
        decrypted.keySet().retainAll(rows.stream().map(SubscriptionRow::id).toList());
        return rows.stream().map(this::target).flatMap(Optional::stream).toList();
    }

    private Optional<Target> target(SubscriptionRow row) {
        Target known = decrypted.get(row.id());
        if (known != null && known.subscription().updatedAt().equals(row.updatedAt())) {
            // Same version: keep the keys, take the row (failure counts and circuit change without a new version).
            return Optional.of(new Target(row, known.keys(), known.headers()));
        }
        try {
            Target fresh = new Target(row, keys(row), headers(row));
            decrypted.put(row.id(), fresh);
            return Optional.of(fresh);
        } catch (RuntimeException | IOException e) {
            LOG.warn("subscription {} cannot be sent to: its secrets do not decrypt ({})", row.id(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private List<Target.SigningKey> keys(SubscriptionRow row) {
        if (row.isAgent()) {
            return List.of();
        }
        SecretBox opener = box.orElseThrow(() -> new IllegalStateException("no encryption keys"));
        return jdbi.withExtension(SubscriptionDao.class, dao -> dao.secrets(row.id())).stream()
                .map(secret -> new Target.SigningKey(SigningSecrets.key(opener.open(
                        new SecretBox.Sealed(secret.encryptionKeyId(), secret.ciphertext()),
                        SigningSecrets.associatedData(row.id(), secret.id()))), secret.notAfter()))
                .toList();
    }

    private Map<String, String> headers(SubscriptionRow row) throws IOException {
        if (row.headersCiphertext() == null) {
            return Map.of();
        }
        SecretBox opener = box.orElseThrow(() -> new IllegalStateException("no encryption keys"));
        return mapper.readValue(opener.open(new SecretBox.Sealed(row.headersKeyId(), row.headersCiphertext()),
                SigningSecrets.headersAssociatedData(row.id())), HEADERS);
    }
}
