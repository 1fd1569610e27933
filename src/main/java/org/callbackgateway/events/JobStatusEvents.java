package org.callbackgateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.StatusChange;
import org.callbackgateway.jobs.StatusChangeListener;
import org.jdbi.v3.core.Handle;

/**
 * Appends a {@code job.status_changed} event for every applied status change, in the change's transaction.
 * Its data: {@code job_id, source, external_id, owner, name, app_id, old_status, new_status, start_date,
 * end_date, notify, origin, delivery_id}.
 */
public final class JobStatusEvents implements StatusChangeListener {
    private final EventLog log;
    private final ObjectMapper mapper;
    private final Clock clock;

    public JobStatusEvents(EventLog log, ObjectMapper mapper, Clock clock) {
        this.log = log;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void applied(Handle handle, Job job, JobStatus previous, StatusChange change) {
        log.append(handle, event(job, previous, change, clock.instant()));
    }

    /** A batch's changes in one statement (the set-based group commit's event append). */
    @Override
    public void appliedAll(Handle handle, List<Applied> changes) {
        Instant now = clock.instant();
        List<NewEvent> events = new ArrayList<>(changes.size());
        for (Applied applied : changes) {
            events.add(event(applied.job(), applied.previous(), applied.change(), now));
        }
        log.appendAll(handle, events);
    }

    NewEvent event(Job job, JobStatus previous, StatusChange change, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", job.id().toString());
        data.put("source", job.source());
        data.put("external_id", job.externalId());
        data.put("owner", job.owner());
        data.put("name", job.name());
        data.put("app_id", job.appId());
        data.put("old_status", previous.label());
        data.put("new_status", job.status().label());
        data.put("start_date", text(job.startDate()));
        data.put("end_date", text(job.endDate()));
        data.put("notify", job.emailOnFinish());
        data.put("origin", change.origin());
        data.put("delivery_id", change.deliveryId().orElse(null));
        return new NewEvent(EventTypes.JOB_STATUS_CHANGED, job.source(), change.deliveryId().orElse(null), job.id(),
                job.owner(), now, json(data));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private String json(Map<String, Object> data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status change event not serializable", e);
        }
    }
}
