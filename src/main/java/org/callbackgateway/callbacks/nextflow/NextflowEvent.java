package org.callbackgateway.callbacks.nextflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.callbackgateway.web.ApiException;

/**
 * One event of {@code nextflow run ... -with-weblog <url>}, as nf-weblog's {@code WebLogObserver} posts it:
 * {@code {"runName", "runId", "event", "utcTime", "trace" | "metadata"}}. Run events ({@code started},
 * {@code completed}) carry {@code metadata: {"parameters", "workflow"}}; task events ({@code process_submitted},
 * {@code process_started}, {@code process_completed}, and {@code error}, raised by a failing task) carry the
 * task's trace record ({@code task_id}, {@code process}, {@code status}, ...).
 *
 * @param task the task of a process event or an error, when it names one
 * @param success for {@code completed}: {@code metadata.workflow.success}
 */
public record NextflowEvent(String runId, String runName, String event, Optional<Instant> utcTime,
                            Optional<Task> task, Optional<Boolean> success, Optional<Instant> workflowStart,
                            Optional<Instant> workflowComplete) {
    static final Set<String> RUN_EVENTS = Set.of("started", "completed", "error");
    static final Set<String> TASK_EVENTS = Set.of("process_submitted", "process_started", "process_completed");

    /** A task as its trace record names it; {@code status} is Nextflow's ({@code COMPLETED}, {@code FAILED}, ...). */
    public record Task(long id, Optional<String> process, Optional<String> status) {
    }

    public boolean isTaskEvent() {
        return TASK_EVENTS.contains(event);
    }

    /** Nextflow sends no event id: a run, an event and a task make one. */
    public String deliveryKey() {
        return runId + ":" + event + task.map(value -> ":" + value.id()).orElse("");
    }

    /**
     * @throws ApiException 400 for what is not a weblog event
     */
    public static NextflowEvent parse(byte[] body, ObjectMapper mapper) {
        JsonNode message = read(body, mapper);
        String runId = text(message.path("runId"), 128)
                .orElseThrow(() -> ApiException.badRequest("runId is required (1 to 128 characters)"));
        String event = text(message.path("event"), 64).filter(name -> RUN_EVENTS.contains(name)
                || TASK_EVENTS.contains(name)).orElseThrow(() -> ApiException.badRequest("event must be one of "
                + "started, process_submitted, process_started, process_completed, error, completed"));
        Optional<Task> task = task(message.path("trace"));
        if (TASK_EVENTS.contains(event) && task.isEmpty()) {
            throw ApiException.badRequest(event + " needs trace.task_id");
        }
        JsonNode metadata = message.path("metadata");
        JsonNode workflow = metadata.path("workflow");
        // nf-weblog's README example shows "success" beside "workflow"; WorkflowMetadata holds it.
        JsonNode success = workflow.path("success").isBoolean() ? workflow.path("success") : metadata.path("success");
        return new NextflowEvent(runId, text(message.path("runName"), 256).orElse(""), event,
                time(message.path("utcTime")), task, success.isBoolean() ? Optional.of(success.booleanValue())
                : Optional.empty(), time(workflow.path("start")), time(workflow.path("complete")));
    }

    private static Optional<Task> task(JsonNode trace) {
        JsonNode id = trace.path("task_id");
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new Task(id.asLong(), text(trace.path("process"), 1024), text(trace.path("status"), 64)));
    }

    private static JsonNode read(byte[] body, ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("a weblog event must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
    }

    private static Optional<String> text(JsonNode node, int maxLength) {
        return node.isTextual() && !node.textValue().isBlank() && node.textValue().length() <= maxLength
                && node.textValue().chars().noneMatch(Character::isISOControl)
                ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** Nextflow writes times as {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC. */
    private static Optional<Instant> time(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.textValue()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
