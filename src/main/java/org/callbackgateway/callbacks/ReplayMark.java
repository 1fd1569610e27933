package org.callbackgateway.callbacks;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Marks a delivery as the replay of a stored one: stored with it, in the same insert, so that a replay and its
 * effects commit together and a bulk run can tell an item already replayed from one still to do.
 *
 * @param originalId the delivery replayed
 * @param mode how its origin was established this time
 * @param run the bulk replay run, when it is part of one
 */
public record ReplayMark(long originalId, Mode mode, Optional<UUID> run) {

    /** Verified again with the source's current keys, or the original verification trusted. */
    public enum Mode {
        VERIFY, TRUST;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Long originalOf(Optional<ReplayMark> mark) {
        return mark.map(ReplayMark::originalId).orElse(null);
    }

    public static String modeOf(Optional<ReplayMark> mark) {
        return mark.map(replay -> replay.mode().dbValue()).orElse(null);
    }

    public static UUID runOf(Optional<ReplayMark> mark) {
        return mark.flatMap(ReplayMark::run).orElse(null);
    }
}
