package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What is known of a signed delivery before it is decided: its source, headers and claims, ready to store.
 *
 * @param headersJson the selected headers as a JSON object
 * @param signaturesJson the headers that carry a signature, as a JSON object (kept for replays, never shown)
 * @param claims what the request said about itself, once read
 * @param replay set when this is the replay of a stored delivery
 */
record DeliveryRecord(String source, Map<String, String> headers, Instant receivedAt, String headersJson,
                      String signaturesJson, Optional<Claims> claims, Optional<ReplayMark> replay) {

    /** Headers that identify a delivery; never a token or a signature. */
    private static final List<String> STORED_HEADERS = List.of(
            "content-type", "user-agent",
            "x-github-delivery", "x-github-event", "x-github-hook-id",
            "x-gitea-delivery", "x-gitea-event", "x-forgejo-delivery", "x-forgejo-event",
            "x-gitlab-event", "x-gitlab-event-uuid", "x-gitlab-webhook-uuid", "x-gitlab-instance", "idempotency-key",
            "webhook-id", "webhook-timestamp");
    /**
     * Headers that carry a signature of the body, kept so that a replay can verify it again. GitLab's
     * {@code X-Gitlab-Token} is the secret itself and is never kept: GitLab deliveries are replayed trusted.
     */
    private static final List<String> SIGNATURE_HEADERS = List.of(
            "x-hub-signature-256", "x-hub-signature", "x-gitea-signature", "x-forgejo-signature",
            "webhook-signature", "x-tux-payload-signature");
    private static final int MAX_HEADER_VALUE = 512;
    private static final int MAX_SIGNATURE_VALUE = 4096;

    static Map<String, String> selectHeaders(Map<String, String> headers) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                selected.put(name, StoredText.column(value, MAX_HEADER_VALUE));
            }
        }
        return selected;
    }

    static Map<String, String> selectSignatures(Map<String, String> headers) {
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : SIGNATURE_HEADERS) {
            String value = headers.get(name);
            if (value != null && value.length() <= MAX_SIGNATURE_VALUE) {
                selected.put(name, value);
            }
        }
        return selected;
    }

    DeliveryRecord withClaims(Claims read) {
        return new DeliveryRecord(source, headers, receivedAt, headersJson, signaturesJson, Optional.of(read), replay);
    }

    String eventType() {
        return claims.flatMap(Claims::eventType).map(value -> StoredText.column(value, StoredText.SHORT_COLUMN))
                .orElse(null);
    }

    String contentType() {
        return Optional.ofNullable(headers.get("content-type"))
                .map(value -> StoredText.column(value, StoredText.SHORT_COLUMN)).orElse(null);
    }

    /** Stores the delivery as already decided, in a transaction of its own. */
    long store(Jdbi jdbi, byte[] body, int bodySize, Verification verification, String verificationDetail,
               Processing processing, String processingDetail, String deliveryKey) {
        return jdbi.withExtension(SignedDeliveryDao.class, dao -> insertSettled(dao, deliveryKey, body, bodySize,
                verification, verificationDetail, processing, processingDetail, null));
    }

    long insertSettled(SignedDeliveryDao dao, String deliveryKey, byte[] body, int bodySize,
                       Verification verification, String verificationDetail, Processing processing,
                       String processingDetail, Long duplicateOf) {
        return dao.insertSettled(StoredText.column(source, StoredText.SHORT_COLUMN),
                StoredText.column(deliveryKey, StoredText.KEY_COLUMN), eventType(), contentType(), body, bodySize,
                headersJson, signaturesJson, PayloadJson.of(body), verification.dbValue(),
                StoredText.detail(verificationDetail), processing.dbValue(), StoredText.detail(processingDetail),
                duplicateOf, receivedAt, ReplayMark.originalOf(replay),
                ReplayMark.modeOf(replay), ReplayMark.runOf(replay));
    }
}
