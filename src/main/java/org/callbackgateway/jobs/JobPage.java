package org.callbackgateway.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.web.ApiException;

/**
 * A page of jobs, newest first, and the opaque cursor to the next one: the position of the last job shown,
 * so that jobs registered meanwhile never shift a page.
 */
public record JobPage(List<Job> jobs, Optional<String> nextCursor) {

    /** Where a page starts: after the job created at {@code createdAt} with id {@code id}. */
    public record Cursor(Instant createdAt, UUID id) {

        public String encode() {
            String raw = createdAt.toString() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
            } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
                throw ApiException.badRequest("cursor is not one this API gave out");
            }
        }
    }
}
