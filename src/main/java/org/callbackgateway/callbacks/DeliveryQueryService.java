package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * Pages through stored deliveries, newest first, for operators who want to see what arrived.
 */
public final class DeliveryQueryService {
    public static final int MAX_LIMIT = 200;

    private final Jdbi jdbi;

    public DeliveryQueryService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page and the cursor of the next, null on the last page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<DeliveryView> deliveries, String nextCursor) {
    }

    /**
     * Lists deliveries matching the query.
     *
     * @throws ApiException 400 for an unknown outcome, a bad limit or a bad cursor
     */
    public Page list(DeliveryQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw ApiException.illegalArgument("limit must be between 1 and " + MAX_LIMIT);
        }
        String verification = null;
        String processing = null;
        if (query.outcome().isPresent()) {
            String outcome = query.outcome().get().trim().toLowerCase(Locale.ROOT);
            if (isVerification(outcome)) {
                verification = outcome;
            } else if (isProcessing(outcome)) {
                processing = outcome;
            } else {
                throw ApiException.illegalArgument("outcome must be one of verified, rejected, unsigned, received, "
                        + "applied, ignored, duplicate, not_found, invalid, too_large, failed");
            }
        }
        Long before = query.cursor().map(DeliveryQueryService::cursor).orElse(null);
        String verificationFilter = verification;
        String processingFilter = processing;
        List<DeliveryRow> rows = jdbi.withExtension(DeliveryQueryDao.class, dao -> dao.page(
                query.source().orElse(null), verificationFilter, processingFilter, query.since().orElse(null), before,
                query.limit() + 1, query.withBody(), query.eventType().orElse(null)));
        boolean more = rows.size() > query.limit();
        List<DeliveryView> page = rows.stream().limit(query.limit()).map(DeliveryView::of).toList();
        return new Page(page, more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }

    public Optional<DeliveryView> find(long id, boolean withBody) {
        return jdbi.withExtension(DeliveryQueryDao.class, dao -> dao.find(id, withBody)).map(DeliveryView::of);
    }

    private static boolean isVerification(String value) {
        for (Verification verification : Verification.values()) {
            if (verification.dbValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isProcessing(String value) {
        for (Processing processing : Processing.values()) {
            if (processing.dbValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static long cursor(String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.illegalArgument("cursor must be the next_cursor of a previous page");
        }
    }
}
