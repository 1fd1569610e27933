#!/usr/bin/env python3
"""Writes src/main/resources/openapi.json, the gateway's OpenAPI 3.0 description, from the table below.

Run it after changing an endpoint: python3 tools/openapi.py
"""
import json
import pathlib

ENVELOPE = {"$ref": "#/components/schemas/Error"}
SUCCESS = {"type": "object", "properties": {"success": {"type": "boolean"}}}


def answers(*codes, ok=None):
    out = {}
    for code in codes:
        if code < 300:
            out[str(code)] = {"description": "success",
                              "content": {"application/json": {"schema": ok or SUCCESS}}}
        else:
            out[str(code)] = {"description": "error envelope",
                              "content": {"application/json": {"schema": ENVELOPE}}}
    return out


def op(summary, codes, secured=None, body=False, params=(), ok=None, tag=None):
    o = {"summary": summary, "responses": answers(*codes, ok=ok)}
    if tag:
        o["tags"] = [tag]
    if secured:
        o["security"] = [{"bearer": []}]
    if body:
        o["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
    if params:
        o["parameters"] = [{"name": n, "in": where, "required": where == "path", "schema": {"type": "string"}}
                           for n, where in params]
        for parameter in o["parameters"]:
            if parameter["name"] in ENUMS:
                parameter["schema"]["enum"] = ENUMS[parameter["name"]]
    return o


# The DE's job statuses, in rank order (jobs.JobStatus).
JOB_STATUSES = ["Pending", "Submitted", "Queued", "Idle", "Running", "ImpendingCancellation", "Completed", "Failed",
                "Canceled"]
ENUMS = {"status": JOB_STATUSES}


# Every callback may also be refused by its source's protection: 403 (address) or 429 (rate), before the body.
SIGNED = (200, 401, 403, 413, 429)
paths = {
    "/callbacks/notification": {"post": op("DE notification-agent message", (200, 400, 403, 404, 413, 429, 503), body=True, tag="callbacks")},
    "/callbacks/agave-job/{uuid}": {"post": op("Agave: the job changed (any body, e.g. the job as JSON); its status is pulled",
                                               (200, 400, 403, 404, 429, 500, 503),
                                               params=[("uuid", "path")], tag="callbacks")},
    "/callbacks/tapis-job/{uuid}": {"post": op("Tapis v3 notification; a status change is confirmed by reading the job "
                                               "from Tapis; other well-formed events are stored and ignored (200)",
                                               (200, 400, 403, 404, 413, 429, 503), body=True,
                                               params=[("uuid", "path")], tag="callbacks")},
    "/callbacks/nextflow/{id}": {"post": op("Nextflow weblog event (-with-weblog) of a registered run; HTTP Basic when "
                                            "the job has a callback credential", (200, 400, 401, 404, 413, 503),
                                            body=True, params=[("id", "path")], tag="callbacks")},
    "/callbacks/github": {"post": op("GitHub webhook (X-Hub-Signature-256)", SIGNED, body=True, tag="callbacks")},
    "/callbacks/gitea": {"post": op("Gitea/Forgejo webhook (X-Gitea-Signature)", SIGNED, body=True, tag="callbacks")},
    "/callbacks/gitlab": {"post": op("GitLab webhook (X-Gitlab-Token)", SIGNED, body=True, tag="callbacks")},
    "/callbacks/tuxsuite": {"post": op("TuxSuite callback (x-tux-payload-signature)", SIGNED + (400,), body=True, tag="callbacks")},
    "/callbacks/webhooks/{source}": {"post": op("Standard Webhooks sender", SIGNED, body=True, params=[("source", "path")], tag="callbacks")},
    "/v1/authenticate/token/{client_id}": {"get": op("Client token for the client-key header (JWT as text)", (200, 401, 429),
                                                     params=[("client_id", "path"), ("client-key", "header")], tag="auth")},
    "/v1/oauth2/token": {"post": op("Client credentials grant (HTTP Basic)", (200, 400, 401, 429), tag="auth")},
    "/v1/oidc/config": {"get": op("Console sign-in through the site's identity provider: its issuer, the console's "
                                  "client id, scopes and the discovered endpoints; identity_provider null when off",
                                  (200, 503), tag="auth")},
    "/v1/oidc/token": {"post": op("Trade the identity provider's ID token and the nonce key for the gateway's token "
                                  "({access_token, token_type, expires_in, username, role}); once per ID token",
                                  (200, 400, 401, 404), body=True, tag="auth")},
    "/secured/jobs": {
        "post": op("Register a job", (201, 400, 401, 403, 409), secured=True, body=True, tag="jobs"),
        "get": op("List jobs, paged", (200, 400, 401, 403), secured=True,
                  params=[("status", "query"), ("source", "query"), ("owner", "query"), ("limit", "query"), ("cursor", "query"), ("user", "query")], tag="jobs"),
    },
    "/secured/jobs/{id}": {
        "get": op("A job with its status history", (200, 400, 401, 404), secured=True, params=[("id", "path")], tag="jobs"),
        "patch": op("Set the external id, once", (200, 400, 401, 404, 409), secured=True, body=True, params=[("id", "path")], tag="jobs"),
    },
    "/secured/events": {"get": op("Live event stream (text/event-stream): id = position, event = type, data = the "
                                  "forwarding envelope; resume with Last-Event-ID or after", (200, 400, 401, 403, 503),
                                  secured=True, params=[("after", "query"), ("Last-Event-ID", "header"), ("user", "query"),
                                                        ("source", "query"), ("type", "query"), ("job", "query"),
                                                        ("ticket", "query")], tag="events")},
    "/secured/events/tickets": {"post": op("A single-use stream ticket (60 s) for ?ticket=, for browsers' EventSource",
                                           (201, 400, 401, 403), secured=True, params=[("user", "query")], tag="events")},
    "/secured/deliveries": {"get": op("Search stored deliveries, newest first, paged with a stable cursor (admin); "
                                      "payload.<path>=value conditions on the JSON payload", (200, 400, 401, 403), secured=True,
                                      params=[("source", "query"), ("outcome", "query"), ("event_type", "query"), ("job", "query"),
                                              ("delivery", "query"), ("payload", "query"), ("since", "query"), ("until", "query"),
                                              ("limit", "query"), ("cursor", "query"), ("body", "query")], tag="deliveries")},
    "/admin/deliveries/{id}/replay": {"post": op("Replay one stored delivery through its source's processing", (200, 400, 401, 403, 404, 409),
                                                 secured=True, body=True, params=[("id", "path")], tag="deliveries")},
    "/admin/deliveries/replay": {"post": op("Start a bulk replay of every delivery a filter matches", (202, 400, 401, 403),
                                            secured=True, body=True, tag="deliveries")},
    "/admin/replays/{id}": {"get": op("Progress of a bulk replay", (200, 401, 403, 404), secured=True, params=[("id", "path")], tag="deliveries")},
    "/admin/replays/{id}/cancel": {"post": op("Cancel a bulk replay", (200, 401, 403, 404, 409), secured=True, params=[("id", "path")], tag="deliveries")},
    "/secured/deliveries/summary": {"get": op("The last 24 hours of deliveries by source, outcome and hour (admin)", (200, 401, 403),
                                              secured=True, tag="deliveries")},
    "/secured/deliveries/{id}": {"get": op("One stored delivery (admin)", (200, 401, 403, 404), secured=True, params=[("id", "path")], tag="deliveries")},
    "/admin/clients": {
        "post": op("Create a client; its key is shown once", (201, 400, 401, 403, 409), secured=True, body=True, tag="admin"),
        "get": op("List clients", (200, 401, 403), secured=True, tag="admin"),
    },
    "/admin/clients/{id}": {
        "get": op("Show a client", (200, 401, 403, 404), secured=True, params=[("id", "path")], tag="admin"),
        "delete": op("Delete a client", (204, 401, 403, 404), secured=True, params=[("id", "path")], tag="admin"),
    },
    "/admin/clients/{id}/rotate-key": {"post": op("New key, shown once", (200, 401, 403, 404), secured=True, params=[("id", "path")], tag="admin")},
    "/admin/clients/{id}/disable": {"post": op("Disable a client", (200, 401, 403, 404), secured=True, params=[("id", "path")], tag="admin")},
    "/admin/sources": {
        "post": op("Register a signed source", (201, 400, 401, 403, 409), secured=True, body=True, tag="admin"),
        "get": op("List sources", (200, 401, 403), secured=True, tag="admin"),
    },
    "/admin/sources/{name}": {
        "get": op("Show a source", (200, 401, 403, 404), secured=True, params=[("name", "path")], tag="admin"),
        "delete": op("Delete a source", (204, 401, 403, 404), secured=True, params=[("name", "path")], tag="admin"),
    },
    "/admin/sources/{name}/secrets": {
        "post": op("Add a secret or public key (a generated secret is shown once)", (201, 400, 401, 403, 404, 409), secured=True, body=True, params=[("name", "path")], tag="admin"),
        "get": op("List a source's secrets (never their values)", (200, 401, 403, 404), secured=True, params=[("name", "path")], tag="admin"),
    },
    "/admin/sources/{name}/secrets/{id}": {
        "patch": op("Retire a secret at not_after", (200, 400, 401, 403, 404), secured=True, body=True, params=[("name", "path"), ("id", "path")], tag="admin"),
        "delete": op("Delete a secret", (204, 401, 403, 404), secured=True, params=[("name", "path"), ("id", "path")], tag="admin"),
    },
    "/": {"get": {"summary": "Redirects a browser to the operator console", "tags": ["console"],
                  "responses": {"303": {"description": "Location: <context>/console/"}}}},
    "/console/{file}": {"get": {"summary": "The operator console's static files (index.html for /console/)", "tags": ["console"],
                                "parameters": [{"name": "file", "in": "path", "required": True, "schema": {"type": "string"}}],
                                "responses": {"200": {"description": "HTML, JavaScript, CSS or SVG, with a strict Content-Security-Policy",
                                                      "content": {"text/html": {"schema": {"type": "string"}}}},
                                              "404": {"description": "error envelope",
                                                      "content": {"application/json": {"schema": ENVELOPE}}}}}},
    "/admin/subscriptions": {
        "post": op("Subscribe a URL to events; its whsec_ secret is shown once", (201, 400, 401, 403, 409), secured=True, body=True, tag="forwarding"),
        "get": op("List subscriptions (header names, never values or secrets)", (200, 401, 403), secured=True, tag="forwarding"),
    },
    "/admin/subscriptions/{id}": {
        "get": op("Show a subscription", (200, 401, 403, 404), secured=True, params=[("id", "path")], tag="forwarding"),
        "patch": op("Change a subscription (switch on again after a 410 or a pause)", (200, 400, 401, 403, 404, 409), secured=True, body=True, params=[("id", "path")], tag="forwarding"),
        "delete": op("Delete a subscription", (204, 401, 403, 404, 409), secured=True, params=[("id", "path")], tag="forwarding"),
    },
    "/admin/subscriptions/{id}/secrets": {
        "post": op("Add a signing secret for rotation (shown once)", (201, 400, 401, 403, 404, 409), secured=True, body=True, params=[("id", "path")], tag="forwarding"),
    },
    "/admin/subscriptions/{id}/secrets/{secret}": {
        "patch": op("Retire a signing secret at not_after", (200, 400, 401, 403, 404, 409), secured=True, body=True, params=[("id", "path"), ("secret", "path")], tag="forwarding"),
        "delete": op("Delete a signing secret (not the last one)", (204, 401, 403, 404, 409), secured=True, params=[("id", "path"), ("secret", "path")], tag="forwarding"),
    },
    "/admin/subscriptions/{id}/attempts": {"get": op("Forwarding attempts, newest first", (200, 400, 401, 403, 404), secured=True,
                                                     params=[("id", "path"), ("event_id", "query"), ("before", "query"), ("limit", "query")], tag="forwarding")},
    "/admin/subscriptions/{id}/messages": {"get": op("Queued, delivered and dead-lettered messages, newest first", (200, 400, 401, 403, 404), secured=True,
                                                     params=[("id", "path"), ("state", "query"), ("before", "query"), ("limit", "query")], tag="forwarding")},
    "/admin/subscriptions/{id}/redeliver": {"post": op("Send one event again (same webhook-id)", (202, 400, 401, 403, 404), secured=True, body=True, params=[("id", "path")], tag="forwarding")},
    "/admin/subscriptions/{id}/replay": {"post": op("Send every matching event of [since, until) again", (202, 400, 401, 403, 404), secured=True, body=True, params=[("id", "path")], tag="forwarding")},
    "/secured/oauth/authorization-requests/{api}": {"post": op("Start an authorization: a state and the provider's URL", (200, 400, 401, 404), secured=True, body=True, params=[("api", "path")], tag="oauth")},
    "/secured/oauth/redirect-uris": {"get": op("Authorization URLs for every API the acting user must authorize", (200, 400, 401), secured=True, params=[("state_info", "query"), ("user", "query")], tag="oauth")},
    "/secured/oauth/access-code/{api}": {"get": op("Complete the caller's authorization with the provider's code and state", (200, 400, 401, 404, 502), secured=True, params=[("api", "path"), ("code", "query"), ("state", "query")], tag="oauth")},
    "/secured/oauth/token-info/{api}": {
        "get": op("The acting user's token for the API, never the token itself", (200, 401, 404), secured=True, params=[("api", "path")], tag="oauth"),
        "delete": op("Forget the acting user's token", (200, 401, 404), secured=True, params=[("api", "path")], tag="oauth"),
    },
    "/admin/oauth/token-info/{api}": {
        "get": op("Any user's token information (admin)", (200, 400, 401, 403, 404), secured=True, params=[("api", "path"), ("proxy-user", "query")], tag="oauth"),
        "delete": op("Forget any user's token (admin)", (200, 400, 401, 403, 404), secured=True, params=[("api", "path"), ("proxy-user", "query")], tag="oauth"),
    },
    "/oauth/callback/{api}": {"get": {"summary": "The provider's redirect: completes the exchange, then 303 to the API's UI URL",
                                      "tags": ["oauth"],
                                      "parameters": [{"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                                                     for n in ("code", "state", "error", "error_description")]
                                                    + [{"name": "api", "in": "path", "required": True, "schema": {"type": "string"}}],
                                      "responses": {"303": {"description": "to the UI URL with state_info, or with error, error_description and api_name"},
                                                    "404": {"description": "error envelope", "content": {"application/json": {"schema": ENVELOPE}}},
                                                    "405": {"description": "error envelope", "content": {"application/json": {"schema": ENVELOPE}}}}}},
    "/healthz": {"get": op("The process is alive", (200,), tag="operations")},
    "/readyz": {"get": op("Database reachable and migrated", (200, 503), tag="operations")},
    "/metrics": {"get": {"summary": "Prometheus metrics", "tags": ["operations"],
                         "responses": {"200": {"description": "text exposition", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"summary": "This document", "tags": ["operations"],
                              "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
}

document = {
    "openapi": "3.0.3",
    "info": {"title": "Callback Gateway", "version": "0.1.0",
             "description": "Receives, verifies and durably stores upstream callbacks; keeps job status true; "
                            "runs the OAuth authorization-code exchange."},
    "paths": paths,
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        "schemas": {"Error": {"type": "object", "required": ["error_code", "message", "success"], "properties": {
            "error_code": {"type": "string", "example": "ERR_NOT_FOUND"},
            "message": {"type": "string"},
            "success": {"type": "boolean", "example": False}}}},
    },
}

target = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/openapi.json"
target.write_text(json.dumps(document, indent=2) + "\n")
print("wrote", target)
