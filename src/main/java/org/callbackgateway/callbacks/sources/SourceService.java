package org.callbackgateway.callbacks.sources;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.SignatureVerifier;
import org.callbackgateway.crypto.SecretBox;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers signed-callback sources and their secrets or public keys; secrets are kept only encrypted.
 */
public final class SourceService implements SourceMaterials {
    static final String STANDARD = "standard";

    private final Jdbi jdbi;
    private final SecretSealing sealing;
    private final Clock clock;
    private final SourceRules rules;
    private final SecretRules secretRules;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public SourceService(Jdbi jdbi, Optional<SecretBox> box, Clock clock, Map<String, SignatureVerifier> verifiers) {
        this.jdbi = jdbi;
        this.sealing = new SecretSealing(box);
        this.clock = clock;
        this.rules = new SourceRules(verifiers.keySet());
        this.secretRules = new SecretRules(verifiers);
    }

    /** Calls {@code listener} with a source's name whenever it or its keys change, so caches can drop it. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Registers a source.
     *
     * @throws org.callbackgateway.web.ApiException 400 when invalid, 409 when the name is taken
     */
    public SourceView create(NewSource request, String actor) {
        Source valid = rules.source(request);
        Instant now = clock.instant();
        int inserted = jdbi.withExtension(SourceDao.class, dao -> dao.insert(valid.name(), valid.type(),
                valid.maxBodyBytes(), valid.toleranceSeconds(), valid.allowSha1(), valid.keysUrl(), actor, now));
        if (inserted == 0) {
            throw SourceRules.conflict("source " + valid.name() + " already exists");
        }
        changed(valid.name());
        return find(valid.name()).orElseThrow();
    }

    public List<SourceView> list() {
        return jdbi.withExtension(SourceDao.class, dao -> {
            Map<String, SourceDao.KeyCount> counts = dao.keyCounts(clock.instant()).stream()
                    .collect(Collectors.toMap(SourceDao.KeyCount::source, count -> count));
            return dao.list().stream().map(source -> {
                SourceDao.KeyCount count = counts.get(source.name());
                return SourceView.of(source, count == null ? 0 : count.total(), count == null ? 0 : count.active());
            }).toList();
        });
    }

    public Optional<SourceView> find(String name) {
        return jdbi.withExtension(SourceDao.class, dao -> dao.find(name).map(source -> {
            List<SourceSecret> secrets = dao.secrets(name);
            Instant now = clock.instant();
            int active = (int) secrets.stream().filter(row -> row.notAfter() == null || now.isBefore(row.notAfter())).count();
            return SourceView.of(source, secrets.size(), active);
        }));
    }

    /** Deletes a source and its keys; its deliveries stay. */
    public boolean delete(String name) {
        boolean deleted = jdbi.withExtension(SourceDao.class, dao -> dao.delete(name)) > 0;
        changed(name);
        return deleted;
    }

    /**
     * Adds a secret or public key; a secret left out is generated and returned once, in this answer only.
     *
     * @throws org.callbackgateway.web.ApiException 404 for an unknown source, 400 for an unusable key,
     *         409 when a secret must be stored but no encryption key is configured
     */
    public SecretView addSecret(String sourceName, NewSecret request, String actor) {
        Source source = jdbi.withExtension(SourceDao.class, dao -> dao.find(sourceName))
                .orElseThrow(() -> SourceRules.notFound(sourceName));
        Instant now = clock.instant();
        SecretRules.ValidSecret valid = secretRules.check(source, request, now);
        UUID id = UUID.randomUUID();
        byte[] ciphertext = null;
        String keyId = null;
        String publicKey = null;
        if (valid.kind() == KeyKind.SECRET) {
            SecretBox.Sealed sealed = sealing.seal(sourceName, id, valid.value());
            ciphertext = sealed.ciphertext();
            keyId = sealed.keyId();
        } else {
            publicKey = valid.value();
        }
        byte[] storedCiphertext = ciphertext;
        String storedKeyId = keyId;
        String storedPublicKey = publicKey;
        SourceSecret row = jdbi.inTransaction(handle -> {
            SourceDao dao = handle.attach(SourceDao.class);
            dao.insertSecret(id, sourceName, valid.scope(), valid.kind().dbValue(), storedCiphertext, storedKeyId,
                    storedPublicKey, valid.label(), valid.notAfter(), actor, now);
            dao.touch(sourceName, now);
            return dao.findSecret(sourceName, id).orElseThrow();
        });
        changed(sourceName);
        SecretView view = SecretView.of(row, now);
        return valid.generated() ? view.withSecret(valid.value()) : view;
    }

    public List<SecretView> secrets(String sourceName) {
        Instant now = clock.instant();
        return jdbi.withExtension(SourceDao.class, dao -> {
            dao.find(sourceName).orElseThrow(() -> SourceRules.notFound(sourceName));
            return dao.secrets(sourceName).stream().map(row -> SecretView.of(row, now)).toList();
        });
    }

    /** Sets or clears when a key stops being accepted: the way to retire a key after a rotation. */
    public SecretView setNotAfter(String sourceName, UUID id, Optional<Instant> notAfter) {
        SourceSecret row = jdbi.inTransaction(handle -> {
            SourceDao dao = handle.attach(SourceDao.class);
            if (dao.setNotAfter(sourceName, id, notAfter.orElse(null)) == 0) {
                throw SourceRules.secretNotFound(sourceName, id);
            }
            dao.touch(sourceName, clock.instant());
            return dao.findSecret(sourceName, id).orElseThrow();
        });
        changed(sourceName);
        return SecretView.of(row, clock.instant());
    }

    public boolean deleteSecret(String sourceName, UUID id) {
        boolean deleted = jdbi.withExtension(SourceDao.class, dao -> dao.deleteSecret(sourceName, id)) > 0;
        changed(sourceName);
        return deleted;
    }

    /**
     * The source with its secrets decrypted, for verification. A secret that does not decrypt (its key is
     * no longer configured, or the row was altered) is left out and logged: it can never verify anything.
     */
    @Override
    public Optional<SourceMaterial> load(String name) {
        return jdbi.withExtension(SourceDao.class, dao -> dao.find(name).map(source -> {
            List<SourceMaterial.PlainKey> keys = new ArrayList<>();
            for (SourceSecret row : dao.secrets(name)) {
                sealing.open(row).ifPresent(keys::add);
            }
            return new SourceMaterial(source, keys);
        }));
    }

    private void changed(String name) {
        listeners.forEach(listener -> listener.accept(name));
    }
}
