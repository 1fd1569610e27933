package org.callbackgateway.callbacks;

/**
 * What a stored delivery carried: its body exactly as received, its content type and the headers of interest
 * that were kept (a JSON object as text, or null).
 */
public record DeliveryContent(String contentType, byte[] body, String headers) {
}
