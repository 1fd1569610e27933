package org.callbackgateway.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.CharConversionException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input failures the sender caused are 400 with one INFO line: a body the JSON parser cannot decode (a UTF-32
 * byte-order mark over UTF-8 bytes, say) or one the container could not finish reading. Any other I/O failure is
 * unexpected.
 */
public final class IOExceptionMapper implements ExceptionMapper<IOException> {
    private static final Logger LOG = LoggerFactory.getLogger(IOExceptionMapper.class);

    private final CatchAllExceptionMapper otherwise;

    public IOExceptionMapper(CatchAllExceptionMapper otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public Response toResponse(IOException exception) {
        if (exception instanceof CharConversionException) {
            LOG.info("request body refused: not decodable as JSON text");
            return ErrorResponses.of(ApiException.badRequest("malformed JSON: the body is not UTF-8, UTF-16 or UTF-32 text"));
        }
        if (exception instanceof UnreadableBodyException) {
            LOG.info("request body could not be read: {}", String.valueOf(exception.getCause()));
            return ErrorResponses.of(ApiException.badRequest(exception.getMessage()));
        }
        return otherwise.toResponse(exception);
    }
}
