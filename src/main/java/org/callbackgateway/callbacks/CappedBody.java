package org.callbackgateway.callbacks;

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

    private static ApiException tooLarge(int maxBytes) {
        return ApiException.payloadTooLarge("request body is larger than " + maxBytes + " bytes");
    }
}
