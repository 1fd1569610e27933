package org.callbackgateway.forwarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers and changes subscriptions; secrets and extra headers are kept only encrypted.
 */
public final class SubscriptionService {
    private final Jdbi jdbi;
    private final Optional<SecretBox> box;
    private final TargetUrls targetUrls;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SubscriptionService(Jdbi jdbi, Optional<SecretBox> box, TargetUrls targetUrls, ObjectMapper mapper,
                               Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.targetUrls = targetUrls;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A new subscription and its first secret, shown only in this answer. */
    public record Created(SubscriptionView subscription, String secret) {
    }

    public Created create(SubscriptionRequest request, String actor) {
        SecretBox sealer = sealer();
        URI url = targetUrls.check(request.url());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Map<String, String> headers = SubscriptionRules.headers(request.headers());
        SecretBox.Sealed sealedHeaders = headers.isEmpty() ? null
                : sealer.seal(json(headers), SigningSecrets.headersAssociatedData(id));
        SubscriptionRow row = new SubscriptionRow(id, SubscriptionRow.WEBHOOK,
                SubscriptionRules.description(request.description()), url.toString(),
                request.enabled() == null || request.enabled(),
                SubscriptionRules.sources(request.sources()).toArray(String[]::new),
                SubscriptionRules.eventTypes(request.eventTypes()).toArray(String[]::new),
                SubscriptionRules.jobOwner(request.jobOwner()), SubscriptionRules.jobId(request.jobId()),
                sealedHeaders == null ? null : sealedHeaders.ciphertext(),
                sealedHeaders == null ? null : sealedHeaders.keyId(),
                new TreeMap<>(headers).keySet().toArray(String[]::new),
                SubscriptionRules.timeoutMs(request.timeoutMs()), null, 0, null, actor, now, now);
        String secret = SigningSecrets.generate();
        jdbi.useTransaction(handle -> {
            handle.attach(SubscriptionDao.class).insert(row);
            addSecret(handle, sealer, id, secret, null, now);
        });
        return new Created(find(id).orElseThrow(), secret);
    }

    public List<SubscriptionView> list() {
        return jdbi.inTransaction(handle -> handle.attach(SubscriptionDao.class).list().stream()
                .map(row -> view(handle, row)).toList());
    }

    public Optional<SubscriptionView> find(UUID id) {
        return jdbi.inTransaction(handle -> handle.attach(SubscriptionDao.class).find(id).map(row -> view(handle, row)));
    }

    /** Changes the fields given; switching on also clears a 410's disabling and closes the circuit. */
    public SubscriptionView update(UUID id, SubscriptionRequest change) {
        URI url = change.url() == null ? null : targetUrls.check(change.url());
        Map<String, String> headers = change.headers() == null ? null : SubscriptionRules.headers(change.headers());
        SecretBox.Sealed sealedHeaders = headers == null || headers.isEmpty() ? null
                : sealer().seal(json(headers), SigningSecrets.headersAssociatedData(id));
        jdbi.useTransaction(handle -> {
            SubscriptionDao dao = handle.attach(SubscriptionDao.class);
            SubscriptionRow row = editable(dao.lock(id), id);
            boolean enabling = Boolean.TRUE.equals(change.enabled()) && !row.enabled();
            boolean reset = enabling || Boolean.TRUE.equals(change.enabled()) && row.circuitOpenUntil() != null;
            dao.update(new SubscriptionRow(id, row.kind(),
                    change.description() == null ? row.description() : SubscriptionRules.description(change.description()),
                    url == null ? row.url() : url.toString(),
                    change.enabled() == null ? row.enabled() : change.enabled(),
                    change.sources() == null ? row.sources() : SubscriptionRules.sources(change.sources()).toArray(String[]::new),
                    change.eventTypes() == null ? row.eventTypes()
                            : SubscriptionRules.eventTypes(change.eventTypes()).toArray(String[]::new),
                    change.jobOwner() == null ? row.jobOwner() : SubscriptionRules.jobOwner(change.jobOwner()),
                    change.jobId() == null ? row.jobId() : SubscriptionRules.jobId(change.jobId()),
                    headers == null ? row.headersCiphertext() : sealedHeaders == null ? null : sealedHeaders.ciphertext(),
                    headers == null ? row.headersKeyId() : sealedHeaders == null ? null : sealedHeaders.keyId(),
                    headers == null ? row.headerNames() : new TreeMap<>(headers).keySet().toArray(String[]::new),
                    change.timeoutMs() == null ? row.timeoutMs() : SubscriptionRules.timeoutMs(change.timeoutMs()),
                    enabling ? null : row.disabledReason(), reset ? 0 : row.consecutiveFailures(),
                    reset ? null : row.circuitOpenUntil(), row.createdBy(), row.createdAt(), clock.instant()));
        });
        return find(id).orElseThrow();
    }

    public boolean delete(UUID id) {
        return jdbi.inTransaction(handle -> {
            SubscriptionDao dao = handle.attach(SubscriptionDao.class);
            Optional<SubscriptionRow> row = dao.lock(id);
            if (row.isEmpty()) {
                return false;
            }
            editable(row, id);
            return dao.delete(id) > 0;
        });
    }

    /** Adds a signing secret (rotation: both are used until the old one is retired), shown only here. */
    public SubscriptionView.SecretView addSecret(UUID id, Instant notAfter) {
        SecretBox sealer = sealer();
        String secret = SigningSecrets.generate();
        Instant now = clock.instant();
        UUID secretId = jdbi.inTransaction(handle -> {
            editable(handle.attach(SubscriptionDao.class).lock(id), id);
            return addSecret(handle, sealer, id, secret, notAfter, now);
        });
        return new SubscriptionView.SecretView(secretId, notAfter, notAfter == null || now.isBefore(notAfter), now,
                secret);
    }

    public SubscriptionView setNotAfter(UUID id, UUID secretId, Instant notAfter) {
        jdbi.useTransaction(handle -> {
            SubscriptionDao dao = handle.attach(SubscriptionDao.class);
            editable(dao.lock(id), id);
            if (dao.setNotAfter(id, secretId, notAfter) == 0) {
                throw ApiException.notFound("secret " + secretId + " not found");
            }
            dao.touch(id, clock.instant());
        });
        return find(id).orElseThrow();
    }

    public void deleteSecret(UUID id, UUID secretId) {
        jdbi.useTransaction(handle -> {
            SubscriptionDao dao = handle.attach(SubscriptionDao.class);
            editable(dao.lock(id), id);
            if (dao.secrets(id).stream().noneMatch(secret -> secret.id().equals(secretId))) {
                throw ApiException.notFound("secret " + secretId + " not found");
            }
            if (dao.secrets(id).size() == 1) {
                throw ApiException.conflict("a subscription keeps at least one secret: add the new one first");
            }
            dao.deleteSecret(id, secretId);
            dao.touch(id, clock.instant());
        });
    }

    /** Points the notification agent's subscription at {@code url}, or switches it off when empty. */
    public void configureAgent(Optional<URI> url) {
        jdbi.useExtension(SubscriptionDao.class, dao -> dao.configureAgent(SubscriptionRow.AGENT_ID,
                url.map(URI::toString).orElse(null), url.isPresent(), clock.instant()));
    }

    private UUID addSecret(Handle handle, SecretBox sealer, UUID id, String secret, Instant notAfter, Instant now) {
        UUID secretId = UUID.randomUUID();
        SecretBox.Sealed sealed = sealer.seal(secret, SigningSecrets.associatedData(id, secretId));
        handle.attach(SubscriptionDao.class).insertSecret(new SubscriptionDao.SecretRow(secretId, id,
                sealed.ciphertext(), sealed.keyId(), notAfter, now));
        handle.attach(SubscriptionDao.class).touch(id, now);
        return secretId;
    }

    private SubscriptionView view(Handle handle, SubscriptionRow row) {
        Instant now = clock.instant();
        return SubscriptionView.of(row, handle.attach(SubscriptionDao.class).secrets(row.id()).stream()
                .map(secret -> new SubscriptionView.SecretView(secret.id(), secret.notAfter(),
                        secret.notAfter() == null || now.isBefore(secret.notAfter()), secret.createdAt(), null))
                .toList());
    }

    private static SubscriptionRow editable(Optional<SubscriptionRow> row, UUID id) {
        SubscriptionRow found = row.orElseThrow(() -> ApiException.notFound("subscription " + id + " not found"));
        if (found.isAgent()) {
            throw ApiException.conflict("the notification agent's subscription is set by GATEWAY_NOTIFICATION_AGENT_URL");
        }
        return found;
    }

    private SecretBox sealer() {
        return box.orElseThrow(() -> ApiException.conflict(
                "GATEWAY_ENCRYPTION_KEYS is not set: subscription secrets are never stored in plaintext"));
    }

    private String json(Map<String, String> headers) {
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers not serializable", e);
        }
    }
}
