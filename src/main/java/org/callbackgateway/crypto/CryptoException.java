package org.callbackgateway.crypto;

/**
 * Sealing or opening a secret failed; the message never contains key material or plaintext.
 */
public final class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
