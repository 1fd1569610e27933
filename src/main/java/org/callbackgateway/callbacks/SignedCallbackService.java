package org.callbackgateway.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.CappedBody;
import org.callbackgateway.web.ErrorCode;
import org.callbackgateway.db.Transactions;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared way of every signed callback: read the body under a cap, verify the exact bytes with every
 * active key of the source, store the delivery, de-duplicate, then parse and apply in the same transaction.
 *
 * <p>Every attempt is stored. A refused one is answered 401 with one generic message; which check failed
 * goes to the log and to {@code deliveries.verification_detail} only.
 */
public final class SignedCallbackService {
    private static final Logger LOG = LoggerFactory.getLogger(SignedCallbackService.class);
    static final String REFUSED_MESSAGE = "signature verification failed";
    static final int MAX_KEY_LENGTH = 512;

    private final Jdbi jdbi;
    private final Transactions transactions;
    private final DeliveryBatch batch;
    private final SourceRegistry registry;
    private final Map<String, PayloadProcessor<?>> processors;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int defaultMaxBodyBytes;

    /** @param batch stores accepted deliveries with the others of the group commit, and tells its listener */
    public SignedCallbackService(Jdbi jdbi, Transactions transactions, DeliveryBatch batch, SourceRegistry registry,
                                 Map<String, PayloadProcessor<?>> processors, ObjectMapper mapper, Clock clock,
                                 int defaultMaxBodyBytes) {
        this.jdbi = jdbi;
        this.transactions = transactions;
        this.batch = batch;
        this.registry = registry;
        this.processors = Map.copyOf(processors);
        this.mapper = mapper;
        this.clock = clock;
        this.defaultMaxBodyBytes = defaultMaxBodyBytes;
    }

    /** What the sender is answered: accepted, or accepted before (a repeat, not applied again). */
    public record Outcome(long deliveryId, Processing processing, boolean duplicate) {
    }

    /**
     * Receives one signed callback.
     *
     * @param sourceName the source the endpoint names
     * @param expectedType the verifier type that endpoint serves; another type fails closed
     * @param headers the request headers, names lower-cased, first value of each
     * @param declaredLength the Content-Length, or -1
     * @throws ApiException 401 when not verified, 413 over the cap, 400 for a verified but unusable payload
     */
    public Outcome receive(String sourceName, String expectedType, Map<String, String> headers, InputStream body,
                           long declaredLength) {
        Instant receivedAt = clock.instant();
        Optional<LoadedSource> source = registry.find(sourceName);
        int cap = source.flatMap(found -> found.maxBodyBytes().isPresent()
                ? Optional.of(found.maxBodyBytes().getAsInt()) : Optional.empty()).orElse(defaultMaxBodyBytes);
        DeliveryRecord record = new DeliveryRecord(sourceName, headers, receivedAt,
                json(DeliveryRecord.selectHeaders(headers)), json(DeliveryRecord.selectSignatures(headers)),
                Optional.empty(), Optional.empty());
        byte[] bytes;
        try {
            bytes = CappedBody.read(body, declaredLength, cap);
        } catch (ApiException refused) {
            boolean tooLarge = refused.status() == 413;
            int size = tooLarge ? (declaredLength > cap && declaredLength <= Integer.MAX_VALUE ? (int) declaredLength : cap + 1) : 0;
            record.store(jdbi, null, size, Verification.REJECTED, "not verified: " + refused.getMessage(),
                    tooLarge ? Processing.TOO_LARGE : Processing.INVALID, null, null);
            throw refused;
        }
        SignedRequest request = new SignedRequest(sourceName, headers, bytes, receivedAt);
        if (source.isEmpty()) {
            throw refuse(record, bytes, "unknown source " + sourceName, Optional.empty());
        }
        if (!source.get().type().equals(expectedType) || registry.verifier(expectedType).isEmpty()) {
            throw refuse(record, bytes, "source " + sourceName + " has type " + source.get().type()
                    + ", this endpoint verifies " + expectedType, Optional.empty());
        }
        SignatureVerifier verifier = registry.verifier(expectedType).get();
        Claims claims = verifier.claims(request, source.get());
        record = record.withClaims(claims);
        List<SourceKey> keys = source.get().candidates(claims.scopes(), receivedAt);
        Verdict verdict = verifier.verify(request, source.get(), keys);
        if (verdict instanceof Verdict.Rejected rejected) {
            throw refuse(record, bytes, rejected.reason(), claims.deliveryId());
        }
        Verdict.Verified verified = (Verdict.Verified) verdict;
        PayloadProcessor<?> processor = processors.getOrDefault(expectedType, PayloadProcessor.STORE_ONLY);
        return new Acceptance<>(processor, record, bytes, verified, claims).run(jdbi, transactions, batch);
    }

    private ApiException refuse(DeliveryRecord record, byte[] body, String reason, Optional<String> deliveryId) {
        long id = record.store(jdbi, body, body.length, Verification.REJECTED, reason, Processing.IGNORED,
                "not verified", deliveryId.map(key -> truncate(key, MAX_KEY_LENGTH)).orElse(null));
        LOG.warn("{} delivery {} refused: {} (stored as delivery {})", record.source(),
                deliveryId.map(SignedCallbackService::loggable).orElse("(no id)"), reason, id);
        return new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, REFUSED_MESSAGE);
    }

    String json(Map<String, String> headers) {
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers not serializable", e);
        }
    }

    static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** A sender-chosen id, shortened and stripped of control characters before it reaches a log line. */
    private static String loggable(String value) {
        return truncate(value.replaceAll("\\p{Cntrl}", "?"), 100);
    }
}
