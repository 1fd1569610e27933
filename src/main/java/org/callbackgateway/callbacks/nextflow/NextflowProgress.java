package org.callbackgateway.callbacks.nextflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.callbackgateway.jobs.JobService;
import org.jdbi.v3.core.Handle;

/**
 * Counts a run's tasks from its process events and shows them on the job as {@code progress}:
 * {@code {"run_id", "run_name", "tasks": {"submitted", "running", "completed", "failed"}}}, where
 * {@code submitted} counts every task seen.
 */
final class NextflowProgress {
    private final JobService jobs;
    private final ObjectMapper mapper;
    private final Clock clock;

    NextflowProgress(JobService jobs, ObjectMapper mapper, Clock clock) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The state a task event puts its task in. */
    static String state(NextflowEvent event) {
        return switch (event.event()) {
            case "process_submitted" -> "submitted";
            case "process_started" -> "running";
            default -> event.task().flatMap(NextflowEvent.Task::status)
                    .map(status -> status.toUpperCase(Locale.ROOT))
                    // The trace status of a task that did not succeed (TraceRecord: FAILED, ABORTED).
                    .filter(status -> status.equals("FAILED") || status.equals("ABORTED"))
                    .map(status -> "failed").orElse("completed");
        };
    }

    /** Records a task event and refreshes the job's counts; answers the counts for the delivery's detail. */
    String record(Handle handle, UUID jobId, NextflowEvent event) {
        NextflowEvent.Task task = event.task().orElseThrow();
        NextflowTaskDao dao = handle.attach(NextflowTaskDao.class);
        dao.record(jobId, event.runId(), task.id(), task.process().orElse(null), state(event), clock.instant());
        return refresh(handle, jobId, event);
    }

    /** Writes the job's progress from its stored tasks. */
    String refresh(Handle handle, UUID jobId, NextflowEvent event) {
        ObjectNode tasks = mapper.createObjectNode();
        long total = 0;
        long running = 0;
        long completed = 0;
        long failed = 0;
        for (NextflowTaskDao.StateCount count : handle.attach(NextflowTaskDao.class).counts(jobId)) {
            total += count.tasks();
            switch (count.state()) {
                case "running" -> running = count.tasks();
                case "completed" -> completed = count.tasks();
                case "failed" -> failed = count.tasks();
                default -> { }
            }
        }
        tasks.put("submitted", total).put("running", running).put("completed", completed).put("failed", failed);
        ObjectNode progress = mapper.createObjectNode().put("run_id", event.runId()).put("run_name", event.runName());
        progress.set("tasks", tasks);
        jobs.setProgress(handle, jobId, progress.toString());
        return "tasks: " + total + " submitted, " + running + " running, " + completed + " completed, " + failed
                + " failed";
    }
}
