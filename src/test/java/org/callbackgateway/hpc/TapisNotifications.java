package org.callbackgateway.hpc;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.callbackgateway.testing.Http;

/**
 * Tapis v3 notifications shaped as the Notifications service delivers them: its {@code DeliveryTask} posts the
 * {@code Notification} serialized by Gson ({@code uuid, tenant, subscriptionName, eventUuid, event,
 * deliveryTarget, created}; schema {@code NotificationPostRequest.json}) with only {@code User-Agent:
 * Tapis/<version>} and {@code application/json}. The Jobs service's {@code EventReader} sets the event's
 * {@code source}, {@code type} ({@code jobs.<JobEventType>.<detail>}), {@code subject} and {@code seriesId} (the
 * job uuid) and {@code data}, the JSON string that {@code JobEventData} makes ({@code jobName, jobUuid, jobOwner,
 * message, newJobStatus, oldJobStatus}).
 */
final class TapisNotifications {
    private TapisNotifications() {
    }

    /** A {@code JOB_NEW_STATUS} event's data, as {@code JobEventData.getNewStatusEventData} writes it. */
    static String statusData(String jobUuid, String newStatus, String oldStatus) {
        return "{\"jobName\":\"wc\",\"jobUuid\":\"" + jobUuid + "\",\"jobOwner\":\"snow-dog\",\"message\":\"The job has"
                + " transitioned to a new status: " + newStatus + ". The previous job status was " + oldStatus
                + ".\",\"newJobStatus\":\"" + newStatus + "\",\"oldJobStatus\":\"" + oldStatus + "\"}";
    }

    /** The whole notification; {@code data} is the event's data as Tapis sends it (a JSON string, or null). */
    static String notification(String type, String jobUuid, String dataOrNull, long seriesSeqCount, URI target) {
        String data = dataOrNull == null ? "null" : quoted(dataOrNull);
        return """
                {"uuid": "%s", "tenant": "tacc", "subscriptionName": "snow-dog~jobs~%s~Vq5z",
                 "eventUuid": "%s",
                 "event": {"source": "https://tacc.tapis.io/jobs", "type": "%s", "subject": "%s",
                           "data": %s, "seriesId": "%s", "seriesSeqCount": %d,
                           "timestamp": "2026-11-22T12:00:00.123Z", "deleteSubscriptionsMatchingSubject": false,
                           "endSeries": false, "tenant": "tacc", "user": "snow-dog",
                           "received": "2026-11-22T12:00:00.200Z", "uuid": "%s"},
                 "deliveryTarget": {"deliveryMethod": "WEBHOOK", "deliveryAddress": "%s"},
                 "created": "2026-11-22T12:00:00.300Z"}
                """.formatted(UUID.randomUUID(), jobUuid, UUID.randomUUID(), type, jobUuid, data, jobUuid,
                seriesSeqCount, UUID.randomUUID(), target);
    }

    /**
     * The subscription test of {@code POST /v3/notifications/test/begin}: type {@code notifications.test.begin},
     * the subscription's name as subject and series, no data.
     */
    static String testBegin(URI target) {
        String name = UUID.randomUUID().toString();
        return notification("notifications.test.begin", name, null, 1, target)
                .replace("\"source\": \"https://tacc.tapis.io/jobs\"", "\"source\": \"https://tacc.tapis.io/notifications\"");
    }

    static HttpResponse<String> post(URI target, String notification) {
        // OkHttp's RequestBody.create(json, MediaType.parse("application/json")) adds the charset.
        return Http.send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Tapis/v3")
                .POST(HttpRequest.BodyPublishers.ofString(notification, StandardCharsets.UTF_8)));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
