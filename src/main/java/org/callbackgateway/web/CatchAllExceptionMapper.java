package org.callbackgateway.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.callbackgateway.db.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line: a database that cannot be reached is answered 503, anything else 500 with only an error id.
 */
public final class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchAllExceptionMapper.class);

    private final int retryAfterSeconds;

    public CatchAllExceptionMapper(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Response toResponse(Throwable exception) {
        if (DatabaseFailures.isUnavailable(exception)) {
            LOG.warn("database unavailable: {}", exception.toString());
            return ErrorResponses.of(ApiException.unavailable(
                    "the database is unavailable, try again later", retryAfterSeconds, exception));
        }
        return new Unexpected().toResponse(exception);
    }

    /** A failure nobody foresaw: the stack goes to the log under a random id, only the id to the caller. */
    static final class Unexpected {
        Response toResponse(Throwable exception) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("unexpected error {}", errorId, exception);
            return ErrorResponses.of(new ApiException(500, ErrorCode.ERR_INTERNAL,
                    "internal error, id " + errorId));
        }
    }
}
