package org.callbackgateway.callbacks.tux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.callbackgateway.callbacks.PayloadProcessor;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.db.Timestamps;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.callbacks.IngestUnit;
import org.callbackgateway.jobs.JobRef;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusRequest;
import org.callbackgateway.jobs.StatusUpdate.Outcome;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;

/**
 * Reads a verified TuxSuite payload and upserts its job (source {@code tuxsuite}, external id {@code status.uid}).
 */
public final class TuxSuiteProcessor implements PayloadProcessor<TuxCallback> {
    static final String SOURCE = "tuxsuite";
    private static final Set<String> TRACKED = Set.of("build", "oebuild", "test", "plan");
    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final ObjectMapper mapper;

    public TuxSuiteProcessor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public TuxCallback parse(byte[] payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + Json.describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the payload must be a JSON object");
        }
        String kind = text(root, "kind", 64).orElseThrow(() -> ApiException.badRequest("kind is required"));
        JsonNode status = root.get("status");
        if (status == null || !status.isObject()) {
            throw ApiException.badRequest("status must be a JSON object");
        }
        String uid = text(status, "uid", 128).filter(value -> ID_PATTERN.matcher(value).matches())
                .orElseThrow(() -> ApiException.badRequest("status.uid is required (letters, digits, '_' or '-')"));
        String state = text(status, "state", 64).orElseThrow(() -> ApiException.badRequest("status.state is required"));
        Optional<String> project = text(status, "project", 256);
        String owner = text(status, "user", 256)
                .orElseGet(() -> project.map(TuxKeysUrl::group).filter(group -> !group.isEmpty()).orElse(SOURCE));
        return new TuxCallback(kind, uid, state, text(status, "result", 64), owner, name(kind, uid, status),
                time(status, "running_time"), time(status, "finished_time"));
    }

    @Override
    public Optional<String> deliveryKey(TuxCallback callback) {
        return Optional.of(callback.deliveryKey());
    }

    @Override
    public IngestUnit.Plan plan(TuxCallback callback) {
        if (!TRACKED.contains(callback.kind())) {
            return new IngestUnit.Plan.Settle(Processing.IGNORED, "kind " + callback.kind() + " is not tracked");
        }
        Optional<JobStatus> target = TuxStatuses.map(callback.state(), callback.result());
        StatusRequest request = new StatusRequest(new JobRef.Tracked(new NewJob(SOURCE, Optional.of(callback.uid()),
                callback.owner(), callback.name(), Optional.of(callback.kind()), JobStatus.SUBMITTED, Optional.empty(),
                false)), new StatusChange(SOURCE, callback.remoteStatus(), target, callback.startDate(),
                target.filter(JobStatus::isTerminal).flatMap(terminal -> callback.endDate()), Optional.empty()));
        return new IngestUnit.Plan.Status(request, TuxSuiteProcessor::meaning);
    }

    /** The job is registered in the same batch, so it is always there. */
    private static Applied meaning(Optional<JobStatusService.Result> result) {
        JobStatusService.Result changed = result.orElseThrow(() -> new IllegalStateException("tracked job missing"));
        return changed.outcome() == Outcome.APPLIED
                ? new Applied(Processing.APPLIED, "job " + changed.job().id() + " is " + changed.job().status().label(),
                        changed.job().id())
                : new Applied(Processing.IGNORED, changed.reason(), changed.job().id());
    }

    /** The build's name, else a description of the test, else the kind and uid. */
    private static String name(String kind, String uid, JsonNode status) {
        Optional<String> named = text(status, "build_name", 1024).or(() -> text(status, "name", 1024));
        if (named.isPresent()) {
            return named.get();
        }
        List<String> parts = new ArrayList<>();
        parts.add(kind);
        text(status, "target_arch", 64).ifPresent(parts::add);
        text(status, "toolchain", 64).ifPresent(parts::add);
        text(status, "device", 128).ifPresent(parts::add);
        JsonNode tests = status.get("tests");
        if (tests != null && tests.isArray() && !tests.isEmpty()) {
            List<String> names = new ArrayList<>();
            tests.forEach(test -> {
                if (test.isTextual()) {
                    names.add(clean(test.textValue()));
                }
            });
            parts.add(String.join(",", names));
        }
        String name = parts.size() == 1 ? kind + " " + uid : String.join(" ", parts);
        return name.length() > 1024 ? name.substring(0, 1024) : name;
    }

    /** A string field, cleaned, trimmed and cut to its column; absent when nothing printable is left. */
    private static Optional<String> text(JsonNode node, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        // Cleaned before trimming: trim() strips control characters too, and a value of only NUL would be empty.
        String cleaned = clean(value.textValue()).trim();
        if (cleaned.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cleaned.codePointCount(0, cleaned.length()) > maxLength
                ? cleaned.substring(0, cleaned.offsetByCodePoints(0, maxLength)) : cleaned);
    }

    /** PostgreSQL text cannot hold NUL, and no other control character belongs in a name. */
    private static String clean(String value) {
        return CONTROL.matcher(value).replaceAll(" ");
    }

    /**
     * TuxSuite writes times without an offset ({@code 2023-02-24T12:44:23.178581}); they are UTC. An unreadable
     * time is as good as none; a readable one outside years 1 to 9999 is refused, since no genuine build has it.
     */
    private static Optional<Instant> time(JsonNode status, String field) {
        Optional<Instant> time = readTime(status, field);
        if (time.isPresent() && !Timestamps.storable(time.get())) {
            throw ApiException.badRequest("status." + field + " is out of range (" + Timestamps.RANGE + ")");
        }
        return time;
    }

    private static Optional<Instant> readTime(JsonNode status, String field) {
        return text(status, field, 64).flatMap(value -> {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(OffsetDateTime.parse(value).toInstant());
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        });
    }
}
