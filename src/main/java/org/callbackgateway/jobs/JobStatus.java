package org.callbackgateway.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The DE job statuses, ranked as the DE's apps service ranks them ({@code job-status-order}): a job only ever
 * moves to a strictly higher rank, so Running -> ImpendingCancellation and Completed -> Failed are ignored.
 * {@code Queued} is the DE messaging library's state before Submitted and ranks with it.
 */
public enum JobStatus {
    PENDING("Pending", 0),
    SUBMITTED("Submitted", 1),
    QUEUED("Queued", 1),
    IDLE("Idle", 2),
    RUNNING("Running", 3),
    IMPENDING_CANCELLATION("ImpendingCancellation", 3),
    COMPLETED("Completed", 4),
    FAILED("Failed", 4),
    CANCELED("Canceled", 4);

    private static final int TERMINAL_RANK = 4;

    private final String label;
    private final int rank;

    JobStatus(String label, int rank) {
        this.label = label;
        this.rank = rank;
    }

    /** The name the DE uses and the database stores, e.g. {@code Completed}. */
    public String label() {
        return label;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return rank == TERMINAL_RANK;
    }

    /** Whether a job in this status may move to {@code next}: forward only, never out of a terminal status. */
    public boolean canAdvanceTo(JobStatus next) {
        return !isTerminal() && next.rank > rank;
    }

    /** The labels of every status, in rank order, as the database constraint lists them. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(JobStatus::label).toList();
    }

    /** Parses a DE status name, ignoring case; {@code Cancelled} is accepted for {@code Canceled}. */
    public static Optional<JobStatus> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("cancelled")) {
            return Optional.of(CANCELED);
        }
        for (JobStatus status : values()) {
            if (status.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
