package org.callbackgateway.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.StatusChangeListener;
import org.jdbi.v3.core.Handle;

/**
 * Queues a notification-agent message for every applied status change, in the transaction of the change, so that
 * a change is never notified without being stored nor stored without being notified. {@link OutboxSender} posts it.
 */
public final class AgentNotifier implements StatusChangeListener {
    private final ObjectMapper mapper;
    private final Clock clock;

    public AgentNotifier(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void applied(Handle handle, Job job) {
        handle.attach(OutboxDao.class).enqueue(job.id(), toJson(message(job)), clock.instant());
    }

    /** The message as the DE sent it to its notification agent. */
    static Map<String, Object> message(Job job) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", job.id().toString());
        payload.put("name", job.name());
        payload.put("source", job.source());
        payload.put("external_id", job.externalId());
        payload.put("analysis_id", job.appId());
        payload.put("status", job.status().label());
        payload.put("startdate", epochMillis(job.startDate()));
        payload.put("enddate", epochMillis(job.endDate()));
        payload.put("user", job.owner());
        payload.put("action", "job_status_change");
        boolean email = job.emailOnFinish() && (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.FAILED);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "analysis");
        message.put("user", job.owner());
        message.put("subject", job.name() + " status changed.");
        message.put("message", job.name() + " " + job.status().label().toLowerCase(Locale.ROOT));
        message.put("email", email);
        message.put("payload", payload);
        return message;
    }

    private static String epochMillis(Instant instant) {
        return instant == null ? "" : Long.toString(instant.toEpochMilli());
    }

    private String toJson(Map<String, Object> message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification could not be written as JSON", e);
        }
    }
}
