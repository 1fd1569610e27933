package org.callbackgateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.callbackgateway.web.ApiException;

/**
 * Reads a request body into memory, refusing (413) anything larger than the cap without buffering past it.
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
            swallow(in);
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
                    swallow(in);
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

    /** How much of a refused body is read and thrown away, at most (as Tomcat's maxSwallowSize). */
    static final long SWALLOW_BYTES = 2L * 1024 * 1024;

    /**
     * Reads and discards what is left of a refused body, up to {@link #SWALLOW_BYTES}: a server that closes the
     * connection with unread data makes TCP reset it, and the sender may never see the 413. Past the limit the
     * connection is closed all the same; a sender of that much has been told by the status line already.
     */
    public static void swallow(InputStream in) {
        byte[] buffer = new byte[8192];
        long left = SWALLOW_BYTES;
        try {
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= read;
            }
        } catch (IOException | RuntimeException e) {
            // Nothing more to read, or the sender went away: either way the refusal stands.
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return ApiException.payloadTooLarge("request body is larger than " + maxBytes + " bytes");
    }
}
