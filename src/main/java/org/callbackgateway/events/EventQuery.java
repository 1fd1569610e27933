package org.callbackgateway.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which events to read: those after a position, in position order, optionally filtered.
 *
 * @param afterPosition read events with a greater position (0: from the start)
 * @param types only these types; empty for all
 * @param sources only events of these sources; empty for all
 * @param jobOwner only events of this owner's jobs
 * @param jobId only events of this job
 * @param limit at most this many
 */
public record EventQuery(long afterPosition, List<String> types, List<String> sources, Optional<String> jobOwner,
                         Optional<UUID> jobId, int limit) {
    public EventQuery {
        types = List.copyOf(types);
        sources = List.copyOf(sources);
        Objects.requireNonNull(jobOwner, "jobOwner");
        Objects.requireNonNull(jobId, "jobId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Every event after {@code position}, {@code limit} at a time. */
    public static EventQuery after(long position, int limit) {
        return new EventQuery(position, List.of(), List.of(), Optional.empty(), Optional.empty(), limit);
    }

    public EventQuery withTypes(List<String> only) {
        return new EventQuery(afterPosition, only, sources, jobOwner, jobId, limit);
    }

    public EventQuery withSources(List<String> only) {
        return new EventQuery(afterPosition, types, only, jobOwner, jobId, limit);
    }

    public EventQuery withJobOwner(String owner) {
        return new EventQuery(afterPosition, types, sources, Optional.of(owner), jobId, limit);
    }

    public EventQuery withJobId(UUID job) {
        return new EventQuery(afterPosition, types, sources, jobOwner, Optional.of(job), limit);
    }

    public EventQuery after(long position) {
        return new EventQuery(position, types, sources, jobOwner, jobId, limit);
    }

    /**
     * Whether {@code event} passes this query's filters, as the log's own read applies them (the position is not
     * compared): for a reader that reads once for many queries and filters in memory.
     */
    public boolean matches(Event event) {
        return (types.isEmpty() || types.contains(event.type()))
                && (sources.isEmpty() || sources.contains(event.source()))
                && jobOwner.map(owner -> owner.equals(event.jobOwner())).orElse(true)
                && jobId.map(job -> job.equals(event.jobId())).orElse(true);
    }
}
