package org.callbackgateway.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.db.Transactions;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a stored signed delivery through its source's processing again, as {@link SignedCallbackService} runs a
 * new one: verified with the source's current keys against the time it first arrived (so that a signed
 * timestamp is judged as it was then), or, when asked, trusting the original verification.
 */
public final class SignedReplayer {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final Transactions transactions;
    private final SourceRegistry registry;
    private final Map<String, PayloadProcessor<?>> processors;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final DeliveryBatch batch;

    SignedReplayer(Jdbi jdbi, Transactions transactions, SourceRegistry registry,
                   Map<String, PayloadProcessor<?>> processors, ObjectMapper mapper, Clock clock,
                   DeliveryBatch batch) {
        this.batch = batch;
        this.jdbi = jdbi;
        this.transactions = transactions;
        this.registry = registry;
        this.processors = Map.copyOf(processors);
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * @throws ApiException 409 when the original verification is to be trusted but the delivery was not verified
     */
    public ReplayOutcome replay(StoredDelivery stored, ReplayMark mark) {
        if (mark.mode() == ReplayMark.Mode.TRUST && !Verification.VERIFIED.dbValue().equals(stored.verification())) {
            throw ApiException.conflict("delivery " + stored.id() + " was not verified (" + stored.verification()
                    + "): only a verified delivery can be replayed trusting its original verification");
        }
        Instant now = clock.instant();
        Map<String, String> headers = new HashMap<>(read(stored.headers()));
        headers.putAll(read(stored.signatureHeaders()));
        byte[] body = stored.body();
        DeliveryRecord record = new DeliveryRecord(stored.source(), headers, now, stored.headers(),
                stored.signatureHeaders(), Optional.empty(), Optional.of(mark));
        String prefix = "replay of delivery " + stored.id() + ": ";
        Optional<LoadedSource> source = registry.find(stored.source());
        Optional<SignatureVerifier> verifier = source.flatMap(found -> registry.verifier(found.type()));
        if (verifier.isEmpty()) {
            return rejected(record, body, mark, prefix + "source " + stored.source() + " is not registered");
        }
        SignedRequest request = new SignedRequest(stored.source(), headers, body, stored.receivedAt());
        Claims claims = verifier.get().claims(request, source.get());
        record = record.withClaims(claims);
        Verdict.Verified verified;
        if (mark.mode() == ReplayMark.Mode.TRUST) {
            verified = new Verdict.Verified(prefix + "trusted its verification (" + stored.verificationDetail() + ")",
                    verifier.get().trustedPayload(request));
        } else {
            Verdict verdict = verifier.get().verify(request, source.get(),
                    source.get().candidates(claims.scopes(), now));
            if (verdict instanceof Verdict.Rejected refused) {
                return rejected(record, body, mark, prefix + refused.reason());
            }
            Verdict.Verified again = (Verdict.Verified) verdict;
            verified = new Verdict.Verified(prefix + "verified again: " + again.detail(), again.payload());
        }
        PayloadProcessor<?> processor = processors.getOrDefault(source.get().type(), PayloadProcessor.STORE_ONLY);
        try {
            SignedCallbackService.Outcome outcome = new Acceptance<>(processor, record, body,
                    verified, claims).run(jdbi, transactions, batch);
            return ReplayOutcome.of(outcome.deliveryId(), mark, Verification.VERIFIED, outcome.processing(),
                    verified.detail(), outcome.duplicate());
        } catch (ApiException invalid) {
            return ReplayOutcome.of(null, mark, Verification.VERIFIED, Processing.INVALID, invalid.getMessage(), false);
        }
    }

    private ReplayOutcome rejected(DeliveryRecord record, byte[] body, ReplayMark mark, String reason) {
        long id = record.store(jdbi, body, body.length, Verification.REJECTED, reason, Processing.IGNORED,
                "not verified", null);
        return ReplayOutcome.of(id, mark, Verification.REJECTED, Processing.IGNORED, reason, false);
    }

    private Map<String, String> read(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
