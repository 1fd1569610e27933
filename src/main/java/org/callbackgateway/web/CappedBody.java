package org.callbackgateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a request body into memory, refusing (413) anything larger than the cap without buffering past it.
 *
 * <p>A declared length over the cap is refused before a byte of the body is read; a chunked body is read up to
 * one byte past the cap. Nothing more is read either way: the 413 says {@code Connection: close}, so the container
 * closes the connection after the answer instead of draining the rest (a sender that stalls would otherwise hold
 * the answer back until a timeout).
 */
public final class CappedBody {
    private CappedBody() {
    }

    /**
     * Reads at most {@code maxBytes} bytes.
     *
     * @param declaredLength the request's Content-Length, or -1 when unknown (chunked)
     */
    public static byte[] read(InputStream in, long declaredLength, int maxBytes) {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        int initial = declaredLength >= 0 ? (int) declaredLength : Math.min(8192, maxBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 16));
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            int read;
            while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1L - total))) > 0) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // The sender went away or sent a broken chunked body: its fault, not ours.
            throw ApiException.badRequest("the request body could not be read");
        }
        return out.toByteArray();
    }

    /** The 413 of a body over {@code maxBytes}, closing the connection rather than reading the rest. */
    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, ErrorCode.ERR_PAYLOAD_TOO_LARGE, "request body is larger than " + maxBytes
                + " bytes", Map.of("Connection", "close"), null);
    }
}
