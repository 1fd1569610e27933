package org.callbackgateway.callbacks;

import java.time.Instant;

/**
 * A stored delivery with what a replay needs: its raw body and the headers it arrived with.
 *
 * @param headers the selected headers as a JSON object, or null
 * @param signatureHeaders the signature headers as a JSON object, or null (deliveries from before V9)
 * @param body the raw body, null when it was refused unread
 */
public record StoredDelivery(long id, String source, String contentType, String headers, String signatureHeaders,
                             byte[] body, String verification, String verificationDetail, Instant receivedAt) {
}
