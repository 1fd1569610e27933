"""The scale check's searches: GET /secured/deliveries on the filled table through the gateway's HTTP API, each
timed over REQUESTS requests, with EXPLAIN (ANALYZE, BUFFERS) of the exact statement the gateway runs for it
(SearchPlans builds it with the gateway's own code)."""

import http.client
import json
import math
import re
import subprocess
import time
import urllib.parse

import prefill

REQUESTS = 20
WARMUP = 2
# The JSON-path search must answer within this (p50 of REQUESTS, through HTTP) from an index.
TARGET_MS = 100


def cases(pg):
    """(name, query string) of every search measured; values are taken from the filled table."""
    typical = typical_repository()
    job = pg.value("SELECT job_id FROM deliveries WHERE job_id IS NOT NULL AND received_at < now() - interval '1 day' "
                   "LIMIT 1")
    key = pg.value("SELECT delivery_key FROM delivery_keys WHERE source = 'github' ORDER BY received_at "
                   "OFFSET 1000 LIMIT 1")
    since = pg.value("SELECT to_char(date_trunc('hour', now() AT TIME ZONE 'UTC') - interval '5 days', "
                     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
    until = pg.value(f"SELECT to_char(timestamptz '{since}' AT TIME ZONE 'UTC' + interval '1 hour', "
                     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
    path = "payload.repository.full_name="
    return [
        ("JSON path, typical repository", path + quote(prefill.repository(typical))),
        ("JSON path, busiest repository", path + quote(prefill.repository(0))),
        # Between the two ways a day is read (its newest rows in order, or its matches from the GIN index).
        ("JSON path, second busiest repository", path + quote(prefill.repository(1))),
        ("JSON path, repository 20", path + quote(prefill.repository(20))),
        ("JSON path, quietest repository", path + quote(prefill.repository(prefill.REPOSITORIES - 1))),
        ("JSON path, no match", path + quote("nobody/nothing")),
        ("JSON path + source + event type", "source=github&event_type=push&" + path + quote(prefill.repository(typical))),
        ("no filter", ""),
        ("source", "source=notification"),
        ("outcome, common", "outcome=received"),
        ("outcome, rare", "outcome=not_found"),
        ("outcome, rare (rejected)", "outcome=rejected"),
        ("event type, common", "event_type=push"),
        ("event type, none", "event_type=ping"),
        ("job", "job=" + quote(job)),
        ("delivery id", "delivery=" + quote(key)),
        ("time range, one hour", f"since={quote(since)}&until={quote(until)}"),
    ]


def typical_repository():
    """Repository 1000: about one GitHub push in 5,000 (some 1,500 of 10 million rows, 50 a day), so that the
    first page comes from about one partition."""
    return prefill.REPOSITORIES // 5


def quote(value):
    return urllib.parse.quote(value, safe="")


def measure(run):
    token = admin_token(run)
    results = []
    for name, query in cases(run.pg):
        run.say(f"  search: {name}: ?{query}")
        results.append(one(run, token, name, query))
    return results


def one(run, token, name, query):
    timings, matches, cursor = [], None, None
    for attempt in range(WARMUP + REQUESTS):
        started = time.perf_counter()
        status, body = get(run.gateway, "/secured/deliveries?" + "&".join(filter(None, [query, "limit=50"])), token)
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"search {name} answered {status}: {body[:300]}")
        if attempt >= WARMUP:
            timings.append(elapsed)
        page = json.loads(body)
        matches, cursor = len(page["deliveries"]), page.get("next_cursor")
    timings.sort()
    plan = explain(run, "&".join(filter(None, [query, "limit=50"])))
    second = None
    if cursor and name.startswith("JSON path, typical"):
        # The second page: the cursor must skip the newer partitions, not read them again.
        second = {"query": query + "&cursor=" + quote(cursor),
                  "plan": explain(run, "&".join([query, "limit=50", "cursor=" + quote(cursor)]))}
    scans = scans_of(plan)
    return {
        "name": name, "query": query, "answered": matches,
        "p50_ms": round(percentile(timings, 0.5), 1), "p99_ms": round(percentile(timings, 0.99), 1),
        "plan_execution_ms": execution_ms(plan), "scans": scans,
        "index_only": bool(scans) and not any(scan.startswith("Seq Scan") for scan in scans),
        "plan": plan, "second_page": second,
    }


def check(results):
    """The JSON-path search's pass: answered from the payload index, p50 under TARGET_MS."""
    typical = next(r for r in results if r["name"].startswith("JSON path, typical"))
    gin = any("payload_idx" in scan for scan in typical["scans"])
    return typical["index_only"] and gin and typical["p50_ms"] < TARGET_MS


def admin_token(run):
    status, body = get(run.gateway, "/v1/authenticate/token/" + run.ready["admin_id"], None,
                       {"client-key": run.ready["admin_key"]})
    if status != 200:
        raise RuntimeError(f"admin token: {status} {body[:200]}")
    return body.strip()


def get(base, path, token, headers=None):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request("GET", path, headers=dict(headers or {}, **(
            {"Authorization": "Bearer " + token} if token else {})))
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def explain(run, query):
    result = subprocess.run(["java", "-cp", run.classpath, "org.callbackgateway.callbacks.SearchPlans",
                             str(run.work), query], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"SearchPlans failed: {result.stderr[-800:]}")
    return result.stdout.rstrip("\n")


def scans_of(plan):
    """Each scan node of a text plan: 'Index Scan using x on y', 'Bitmap Index Scan on x', 'Seq Scan on y'."""
    found = []
    for line in plan.splitlines():
        match = re.search(r"((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan(?: Backward)?|Bitmap Index Scan|"
                          r"Bitmap Heap Scan)(?: using \S+)? on \S+)", line)
        if match:
            found.append(match.group(1))
    return found


def execution_ms(plan):
    match = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return float(match.group(1)) if match else None


def percentile(values, q):
    return values[min(len(values) - 1, math.ceil(q * len(values)) - 1)] if values else 0


def summary(scan):
    """The distinct scan kinds and indexes of a plan, for a table cell (partitions folded together)."""
    kinds = []
    for scan in scan_names(scan):
        if scan not in kinds:
            kinds.append(scan)
    return ", ".join(kinds)


def scan_names(scans):
    for scan in scans:
        yield re.sub(r"deliveries_\d{8}", "deliveries_<day>", scan)
