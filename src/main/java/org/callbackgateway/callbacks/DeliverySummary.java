package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * What arrived over the last day, per source and outcome and per hour, for the operators' overview.
 *
 * @param sources every source that sent something in the window, by name
 * @param hourly one entry per hour of the window, oldest first, empty hours included
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliverySummary(Instant from, Instant to, List<SourceSummary> sources, List<Hour> hourly) {

    /** One source's totals over the last hour and the whole window, and its outcomes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SourceSummary(String source, Totals lastHour, Totals lastDay, List<Outcome> outcomes) {
    }

    /** Accepted (stored and usable) and refused (rejected signature, unreadable, unknown job, failed). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Totals(long total, long accepted, long refused) {
    }

    /** One verification and processing outcome of a source. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Outcome(String verification, String processing, long lastHour, long lastDay) {
    }

    /** The deliveries of all sources that arrived in the hour starting at {@code start}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Hour(Instant start, long accepted, long refused) {
    }
}
