package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.callbackgateway.web.ApiException;

/**
 * Reads a {@link DeliveryFilter} from query parameters (the search) or a JSON object (the bulk replay), with
 * the same names: {@code source}, {@code outcome}, {@code event_type}, {@code job}, {@code delivery},
 * {@code since}, {@code until}, {@code payload} and {@code payload.<path>}. Anything malformed is a 400.
 */
public final class DeliveryFilters {
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Set<String> PAGING = Set.of("limit", "cursor", "body");
    private static final Set<String> NAMES = Set.of("source", "outcome", "event_type", "job", "delivery", "since",
            "until", "payload");

    private final ObjectMapper mapper;

    public DeliveryFilters(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The filter of a search; unknown parameters are refused, so that a typo does not silently widen it. */
    public DeliveryFilter fromQuery(MultivaluedMap<String, String> parameters) {
        DeliveryFilter filter = DeliveryFilter.none();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (PAGING.contains(name)) {
                continue;
            }
            for (String value : parameter.getValue()) {
                filter = with(filter, name, value == null ? "" : value);
            }
        }
        return filter;
    }

    /** The filter of a bulk replay: a JSON object of the same names, string values. */
    public DeliveryFilter fromJson(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw ApiException.illegalArgument("filter must be a JSON object");
        }
        DeliveryFilter filter = DeliveryFilter.none();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String text = value.isTextual() ? value.textValue() : value.isObject() ? value.toString() : null;
            if (text == null) {
                throw ApiException.illegalArgument("filter." + field.getKey() + " must be a string");
            }
            filter = with(filter, field.getKey(), text);
        }
        return filter;
    }

    private DeliveryFilter with(DeliveryFilter f, String name, String raw) {
        if (raw.indexOf('\0') >= 0 || raw.length() > 8192) {
            throw ApiException.illegalArgument(name + " must be text of at most 8192 characters without NUL");
        }
        if (name.startsWith("payload.")) {
            return f.withPayload(PayloadCondition.path(name.substring("payload.".length()), raw, mapper));
        }
        if (!NAMES.contains(name)) {
            throw ApiException.illegalArgument("unknown filter " + name + ": use " + String.join(", ",
                    List.of("source", "outcome", "event_type", "job", "delivery", "since", "until", "payload",
                            "payload.<path>")));
        }
        if (name.equals("payload")) {
            return f.withPayload(PayloadCondition.contains(raw, mapper));
        }
        Optional<String> value = present(raw);
        if (value.isEmpty()) {
            return f;
        }
        String v = value.get();
        return switch (name) {
            case "source" -> f.withSource(v);
            case "outcome" -> f.withOutcome(v);
            case "event_type" -> new DeliveryFilter(f.source(), f.outcome(), value, f.job(), f.deliveryKey(),
                    f.payload(), f.since(), f.until());
            case "job" -> new DeliveryFilter(f.source(), f.outcome(), f.eventType(), Optional.of(uuid(v)),
                    f.deliveryKey(), f.payload(), f.since(), f.until());
            case "delivery" -> new DeliveryFilter(f.source(), f.outcome(), f.eventType(), f.job(), value,
                    f.payload(), f.since(), f.until());
            case "since" -> f.withRange(Optional.of(instant(v, name)), f.until());
            default -> f.withRange(f.since(), Optional.of(instant(v, name)));
        };
    }

    static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }

    static int number(String value, int defaultValue, String name) {
        if (present(value).isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.illegalArgument(name + " must be a whole number");
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.illegalArgument("job must be a job id (a UUID)");
        }
    }

    private static Instant instant(String value, String name) {
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ApiException.illegalArgument(name + " must be between years 0001 and 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ApiException.illegalArgument(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
