package org.callbackgateway.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as the jobs API answers it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        @JsonProperty("id") UUID id,
        @JsonProperty("source") String source,
        @JsonProperty("external_id") String externalId,
        @JsonProperty("owner") String owner,
        @JsonProperty("name") String name,
        @JsonProperty("app_id") String appId,
        @JsonProperty("status") String status,
        @JsonProperty("start_date") Instant startDate,
        @JsonProperty("end_date") Instant endDate,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("notify") boolean emailOnFinish,
        @JsonProperty("callback_url") URI callbackUrl,
        @JsonProperty("callback_basic_token") String callbackBasicToken,
        @JsonProperty("progress") @JsonRawValue String progress,
        @JsonProperty("history") List<HistoryEntry> history) {

    public static JobView of(Job job, URI callbackUrl, List<StatusUpdate> history) {
        return new JobView(job.id(), job.source(), job.externalId(), job.owner(), job.name(), job.appId(),
                job.status().label(), job.startDate(), job.endDate(), job.createdAt(), job.updatedAt(), job.emailOnFinish(),
                callbackUrl, null, job.progress(),
                history == null ? null : history.stream().map(HistoryEntry::of).toList());
    }

    /** The answer to a registration: the job's callback credential appears here, and only here. */
    public JobView withCallbackBasicToken(String token) {
        return new JobView(id, source, externalId, owner, name, appId, status, startDate, endDate, createdAt, updatedAt,
                emailOnFinish, callbackUrl, token, progress, history);
    }

    /** One status update of the job's history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(
            @JsonProperty("origin") String origin,
            @JsonProperty("remote_status") String remoteStatus,
            @JsonProperty("old_status") String oldStatus,
            @JsonProperty("new_status") String newStatus,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("reason") String reason,
            @JsonProperty("basis") String basis,
            @JsonProperty("claimed_status") String claimedStatus,
            @JsonProperty("delivery_id") Long deliveryId,
            @JsonProperty("at") Instant at) {

        static HistoryEntry of(StatusUpdate update) {
            return new HistoryEntry(update.origin(), update.remoteStatus(), update.oldStatus(), update.newStatus(),
                    update.outcome().dbValue(), update.reason(), update.basis(), update.claimedStatus(), update.deliveryId(),
                    update.createdAt());
        }
    }
}
