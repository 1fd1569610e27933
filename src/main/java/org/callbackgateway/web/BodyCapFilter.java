package org.callbackgateway.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.callbackgateway.web.CappedBody;

/**
 * Caps the request body of the API (everything but {@code /callbacks/*}, whose endpoints cap bodies themselves,
 * per source, and record what they refuse) before anything reads it: a declared length over the cap is refused
 * at once, and a chunked body is cut off as soon as it passes the cap. Either way the answer is 413.
 */
@PreMatching
@Priority(100)
public final class BodyCapFilter implements ContainerRequestFilter {
    private final int maxBodyBytes;

    public BodyCapFilter(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<PathSegment> segments = request.getUriInfo().getPathSegments();
        if (!segments.isEmpty() && segments.get(0).getPath().equals("callbacks")) {
            return;
        }
        if (request.getLength() > maxBodyBytes) {
            CappedBody.swallow(request.getEntityStream());
            throw tooLarge();
        }
        request.setEntityStream(new CappedStream(request.getEntityStream(), maxBodyBytes));
    }

    private ApiException tooLarge() {
        return ApiException.payloadTooLarge("request body is larger than " + maxBodyBytes + " bytes");
    }

    /** Counts what is read and refuses to go past the cap. */
    private final class CappedStream extends FilterInputStream {
        private final long cap;
        private long count;

        CappedStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                counted(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int bytes) {
            count += bytes;
            if (count > cap) {
                CappedBody.swallow(in);
                throw tooLarge();
            }
        }
    }
}
