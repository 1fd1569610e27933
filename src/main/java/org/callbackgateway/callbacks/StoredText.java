package org.callbackgateway.callbacks;

/**
 * Text a callback brought, made fit for the deliveries table: a callback attempt is always stored, raw bytes and
 * all, so its derived text columns (source, delivery id, event type, content type, headers, reasons) take what
 * PostgreSQL can hold instead of refusing the row. NUL (U+0000), which {@code text} and {@code jsonb} cannot hold,
 * becomes U+FFFD; a value wider than its column is cut at a character boundary. The raw body keeps every byte.
 */
public final class StoredText {
    /** The width of {@code event_type} and {@code content_type}. */
    public static final int SHORT_COLUMN = 256;
    /** The width of {@code delivery_key}. */
    public static final int KEY_COLUMN = 512;
    /** Reasons have no column limit; this keeps one hostile value from filling a row. */
    public static final int DETAIL = 2048;

    private StoredText() {
    }

    /** The value without NUL, at most {@code maxChars} characters (code points, as PostgreSQL counts); null stays null. */
    public static String column(String value, int maxChars) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
        if (clean.codePointCount(0, clean.length()) <= maxChars) {
            return clean;
        }
        return clean.substring(0, clean.offsetByCodePoints(0, maxChars));
    }

    /** A reason or other free text: without NUL and bounded. */
    public static String detail(String value) {
        return column(value, DETAIL);
    }
}
