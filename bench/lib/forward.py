"""Scenario (b) with one subscription on loopback: the ingest rate with no subscriber, with the subscriber live
and with it dead (connections refused), and the forwarding rate and lag of the live run."""
import http.server
import json
import threading
import time
import urllib.request


class Receiver:
    """A subscriber on loopback that answers 204 to everything, as fast as Python's threaded server goes."""

    def __init__(self):
        class Hook(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def close(self):
        self.server.shutdown()


def admin_call(run, method, path, body=None):
    base = run.gateway
    token_request = urllib.request.Request(f"{base}/v1/authenticate/token/{run.ready['admin_id']}",
                                           headers={"client-key": run.ready["admin_key"]})
    token = urllib.request.urlopen(token_request).read().decode().strip()
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        text = answer.read().decode()
        return json.loads(text) if text else None


def forwarding_scenario(run, scenario, free_port):
    """Three runs of (b); returns their results, the live one with the forwarding figures."""
    results = [run.gateway_scenario(scenario, "b-no-subscriber")]
    receiver = Receiver()
    created = admin_call(run, "POST", "/admin/subscriptions", {"url": receiver.url(), "sources": [scenario.source]})
    subscription = created["subscription"]["id"]
    try:
        since = run.pg.value("SELECT coalesce(max(id), 0) FROM outbound_messages")
        live = run.gateway_scenario(scenario, "b-subscriber-live")
        live["forwarding"] = drain(run, subscription, since)
        run.say("forwarding: " + json.dumps(live["forwarding"]))
        results.append(live)
        admin_call(run, "PATCH", f"/admin/subscriptions/{subscription}", {"url": f"http://127.0.0.1:{free_port()}/dead"})
        dead = run.gateway_scenario(scenario, "b-subscriber-dead")
        baseline = results[0].get("rps") or 0
        for result in (live, dead):
            result["ingest_vs_no_subscriber"] = round(result.get("rps", 0) / baseline, 3) if baseline else None
        run.say(f"ingest vs no subscriber: live {live['ingest_vs_no_subscriber']}, dead {dead['ingest_vs_no_subscriber']}"
                " (must stay >= 0.9 with the subscriber dead)")
        results.append(dead)
    finally:
        admin_call(run, "DELETE", f"/admin/subscriptions/{subscription}")
        receiver.close()
    return results


def drain(run, subscription, since, seconds=300):
    """Waits until the live run's messages are delivered; their rate, and the lag from event to delivery."""
    deadline = time.time() + seconds
    pending_sql = (f"SELECT count(*) FROM outbound_messages WHERE subscription_id = '{subscription}' "
                   f"AND id > {since} AND state = 'pending'")
    while time.time() < deadline and int(run.pg.value(pending_sql)) > 0:
        time.sleep(1)
    row = run.pg.rows(
        "SELECT count(*), extract(epoch FROM max(m.finished_at) - min(e.occurred_at)),"
        " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.finished_at - e.occurred_at)),"
        " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM m.finished_at - e.occurred_at)),"
        " max(extract(epoch FROM m.finished_at - e.occurred_at))"
        f" FROM outbound_messages m JOIN events e ON e.id = m.event_id WHERE m.subscription_id = '{subscription}'"
        f" AND m.id > {since} AND m.state = 'delivered'")[0]
    delivered, span, p50, p99, worst = (float(value or 0) for value in row)
    return {"delivered": int(delivered), "pending_left": int(run.pg.value(pending_sql)),
            "forward_rps": round(delivered / span, 1) if span else None,
            "lag_p50_s": round(p50, 3), "lag_p99_s": round(p99, 3), "lag_max_s": round(worst, 3)}
