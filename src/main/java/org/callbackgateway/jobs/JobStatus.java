package org.callbackgateway.jobs;

import java.util.Locale;
import java.util.Optional;

/**
 * The DE job statuses, ranked: a job only ever moves to a strictly higher rank.
 */
public enum JobStatus {
    SUBMITTED("Submitted", 1),
    RUNNING("Running", 3),
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
