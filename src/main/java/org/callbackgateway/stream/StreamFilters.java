package org.callbackgateway.stream;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.callbackgateway.auth.ActingPrincipal;
import org.callbackgateway.auth.Role;
import org.callbackgateway.events.EventQuery;
import org.callbackgateway.events.EventTypes;
import org.callbackgateway.web.ApiException;

/**
 * What a stream may show: a user (or a service acting for one) the status changes of that user's jobs; an admin
 * every event, optionally only of some {@code source}, {@code type} or {@code job}. And where it resumes:
 * after {@code Last-Event-ID} or {@code ?after=}, else after the log's head at connect time.
 */
final class StreamFilters {
    static final int BATCH = 200;

    private StreamFilters() {
    }

    static EventQuery of(ActingPrincipal principal, HttpServletRequest request) {
        EventQuery query = EventQuery.after(0, BATCH);
        // An admin acting for a user (?user=) sees what that user sees.
        boolean admin = principal.caller().is(Role.ADMIN)
                && principal.actingUser().equals(principal.caller().username());
        List<String> types = values(request, "type");
        List<String> sources = values(request, "source");
        String job = request.getParameter("job");
        if (!admin && (!sources.isEmpty() || job != null
                || types.stream().anyMatch(type -> !type.equals(EventTypes.JOB_STATUS_CHANGED)))) {
            throw ApiException.forbidden("only admins may filter the stream by source, job or type");
        }
        types.stream().filter(type -> !EventTypes.ALL.contains(type)).findFirst().ifPresent(type -> {
            throw ApiException.badRequest("unknown event type: " + type);
        });
        if (!admin) {
            return query.withJobOwner(principal.actingUser()).withTypes(List.of(EventTypes.JOB_STATUS_CHANGED));
        }
        query = query.withTypes(types).withSources(sources);
        if (job != null) {
            try {
                query = query.withJobId(UUID.fromString(job));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("job must be a job id (a UUID)");
            }
        }
        return query;
    }

    /** The position to resume after, when the client names one. */
    static java.util.OptionalLong resumeAfter(HttpServletRequest request) {
        String lastEventId = request.getHeader("Last-Event-ID");
        String after = lastEventId != null && !lastEventId.isBlank() ? lastEventId : request.getParameter("after");
        if (after == null || after.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        try {
            long position = Long.parseLong(after.trim());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return java.util.OptionalLong.of(position);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID and after must be an event position (a whole number >= 0)");
        }
    }

    private static List<String> values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : Arrays.stream(values)
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }
}
