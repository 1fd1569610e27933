package org.callbackgateway.testing;

/**
 * Payloads from the reference documents, verbatim but for the fields a test fills in.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The notification-agent message of de-callback-endpoints.md, for job {@code id} moving to {@code status}. */
    public static String notification(String id, String status, String endDate) {
        return """
                {
                    "deleted": false,
                    "message": {
                        "id": "DA357AC8-C311-44AD-BA79-23C9AF73850D",
                        "text": "wc_10081655 submitted",
                        "timestamp": "1381276614133"
                    },
                    "outputDir": "/iplant/home/snow-dog/analyses/wc_10081655-2013-10-08-16-56-53.284",
                    "outputManifest": [],
                    "payload": {
                        "action": "job_status_change",
                        "analysis_id": "C7F05682-23C8-4182-B9A2-E09650A5F49B",
                        "analysis_name": "Word Count",
                        "description": "",
                        "display_name": "",
                        "enddate": "%s",
                        "id": "%s",
                        "name": "wc_10081655",
                        "resultfolderid": "/iplant/home/snow-dog/analyses/wc_10081655-2013-10-08-16-56-53.284",
                        "startdate": "1381276613284",
                        "status": "%s",
                        "user": "snow-dog"
                    },
                    "seen": true,
                    "type": "analysis",
                    "user": "snow-dog"
                }
                """.formatted(endDate, id, status);
    }

    /** The seed's message exactly as documented (job 29E3A5C8-..., status Submitted). */
    public static String notification() {
        return notification("29E3A5C8-EAD4-4F79-B450-A2FEF6548C30", "Submitted", "");
    }
}
