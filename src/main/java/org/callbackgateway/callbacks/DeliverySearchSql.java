package org.callbackgateway.callbacks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.web.ApiException;

/**
 * The WHERE clause of a {@link DeliveryFilter}, holding only the conditions present so that each can use its
 * index and the received-time range prunes partitions; every value is a bound parameter.
 */
final class DeliverySearchSql {
    private final List<String> conditions = new ArrayList<>();
    private final List<String> payloadConditions = new ArrayList<>();
    private final Map<String, Object> bindings = new LinkedHashMap<>();
    private Optional<Instant> earliest = Optional.empty();
    private Optional<Instant> latest = Optional.empty();

    private DeliverySearchSql() {
    }

    /**
     * @throws ApiException 400 for an unknown outcome or an empty time range
     */
    static DeliverySearchSql of(DeliveryFilter filter) {
        DeliverySearchSql sql = new DeliverySearchSql();
        filter.source().ifPresent(source -> sql.add("source = :source", "source", source));
        filter.outcome().ifPresent(sql::outcome);
        filter.eventType().ifPresent(type -> sql.add("event_type = :eventType", "eventType", type));
        filter.job().ifPresent(job -> sql.add("job_id = :job", "job", job));
        // The originals' ids as an array computed once (an init plan): with IN (subquery) PostgreSQL cannot combine
        // the two conditions' indexes and tests every delivery against a hashed subplan instead.
        filter.deliveryKey().ifPresent(key -> sql.add("(delivery_key = :deliveryKey OR duplicate_of = ANY(ARRAY("
                + "SELECT original.id FROM deliveries original WHERE original.delivery_key = :deliveryKey)))",
                "deliveryKey", key));
        for (int i = 0; i < filter.payload().size(); i++) {
            List<String> alternatives = new ArrayList<>();
            List<String> documents = filter.payload().get(i).documents();
            for (int j = 0; j < documents.size(); j++) {
                String name = "payload" + i + "_" + j;
                alternatives.add("payload @> CAST(:" + name + " AS jsonb)");
                sql.bindings.put(name, documents.get(j));
            }
            sql.payloadConditions.add("(" + String.join(" OR ", alternatives) + ")");
        }
        filter.since().ifPresent(since -> sql.add("received_at >= :since", "since", since));
        filter.until().ifPresent(until -> sql.add("received_at < :until", "until", until));
        sql.earliest = filter.since();
        sql.latest = filter.until();
        if (filter.since().isPresent() && filter.until().isPresent() && !filter.since().get().isBefore(filter.until().get())) {
            throw ApiException.illegalArgument("since must be before until");
        }
        return sql;
    }

    /**
     * Only deliveries before this one in the order newest first ({@code received_at DESC, id DESC}). The plain
     * bound on {@code received_at} lets PostgreSQL skip the newer partitions (it does not prune on the row
     * comparison).
     */
    DeliverySearchSql before(Instant receivedAt, long id) {
        add("received_at <= :cursorAt AND (received_at, id) < (:cursorAt, :cursorId)", "cursorAt", receivedAt);
        bindings.put("cursorId", id);
        latest = Optional.of(latest.filter(until -> until.isBefore(receivedAt)).orElse(receivedAt));
        return this;
    }

    /** The earliest received time the conditions allow, if they bound it. */
    Optional<Instant> earliest() {
        return earliest;
    }

    /** The latest received time the conditions allow (until, exclusive, or the cursor's), if they bound it. */
    Optional<Instant> latest() {
        return latest;
    }

    boolean hasPayloadCondition() {
        return !payloadConditions.isEmpty();
    }

    /** Every condition, as a WHERE clause (empty without any). */
    String where() {
        List<String> all = new ArrayList<>(conditions);
        all.addAll(payloadConditions);
        return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
    }

    /** The conditions but the payload's, which an index on received time can serve alongside (empty without any). */
    String whereExceptPayload() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The payload conditions, joined by AND (empty without any). */
    String payloadConditions() {
        return String.join(" AND ", payloadConditions);
    }

    Map<String, Object> bindings() {
        return bindings;
    }

    /**
     * The outcome as a literal, one of the enums' own values (never the caller's text): a plan, even a generic
     * one, can then prove the condition of the partial index of refused deliveries (V14).
     */
    private void outcome(String value) {
        String outcome = value.trim().toLowerCase(Locale.ROOT);
        for (Verification verification : Verification.values()) {
            if (verification.dbValue().equals(outcome)) {
                conditions.add("verification = '" + verification.dbValue() + "'");
                return;
            }
        }
        for (Processing processing : Processing.values()) {
            if (processing.dbValue().equals(outcome)) {
                conditions.add("processing = '" + processing.dbValue() + "'");
                return;
            }
        }
        throw ApiException.illegalArgument("outcome must be one of verified, rejected, unsigned, received, "
                + "applied, ignored, duplicate, not_found, invalid, too_large, failed");
    }

    private void add(String condition, String name, Object value) {
        conditions.add(condition);
        bindings.put(name, value);
    }
}
