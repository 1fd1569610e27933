package org.callbackgateway.callbacks.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A source as administrators see it, with how many keys it has.
 *
 * @param endpoint the path a sender posts to
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(
        String name,
        String type,
        String endpoint,
        Integer maxBodyBytes,
        Integer toleranceSeconds,
        boolean allowSha1,
        String keysUrl,
        int keys,
        int activeKeys,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    static SourceView of(Source source, int keys, int activeKeys) {
        String endpoint = source.type().equals(SourceService.STANDARD)
                ? "/callbacks/webhooks/" + source.name() : "/callbacks/" + source.name();
        return new SourceView(source.name(), source.type(), endpoint, source.maxBodyBytes(),
                source.toleranceSeconds(), source.allowSha1(), source.keysUrl(), keys, activeKeys,
                source.createdBy(), source.createdAt(), source.updatedAt());
    }
}
