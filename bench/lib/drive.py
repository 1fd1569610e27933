"""One benchmark run, called by bench/run once the bench server is up: every scenario and ceiling, the peer,
the correctness checks and the CPU split; then RESULTS.md and a JSON file.

    python3 bench/lib/drive.py <work folder> standard|scale
"""

import datetime
import http.client
import json
import math
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import forward
import report
import search
import stream
from pg import Postgres
from prefill import Prefill
from procs import CpuMeter, run_timed

BENCH = Path(__file__).resolve().parent.parent
CLASS = "org.callbackgateway.bench.BenchRequests"


@dataclass(frozen=True)
class Scenario:
    """A gateway scenario: which requests (a BenchRequests kind) go to which path, stored under which source."""
    key: str
    title: str
    kind: str
    path: str
    source: str

    @property
    def warmup_kind(self):
        # Notifications warm up with ignored ones, so that the measured run finds the job pool untouched.
        return "notification-warmup" if self.kind == "notification" else self.kind


# The scenario table. Sources (b)-(d) are the names their endpoints are expected to store; the count itself takes
# every delivery stored during the scenario, so a different name shows up in the breakdown rather than as a loss.
SCENARIOS = [
    Scenario("a", "(a) notification status changes", "notification", "/callbacks/notification", "notification"),
    Scenario("b", "(b) GitHub, HMAC-SHA256", "github", "/callbacks/github", "github"),
    Scenario("c", "(c) TuxSuite, ECDSA P-256", "tuxsuite", "/callbacks/tuxsuite", "tuxsuite"),
    Scenario("d", "(d) Standard Webhooks v1", "standard", "/callbacks/webhooks/bench", "bench"),
]
PLAIN_PATH = "/bench-ceiling/plain"


def env_int(name, default):
    return int(os.environ.get(name) or default)


class Run:
    def __init__(self, work, mode):
        self.work = Path(work)
        self.mode = mode
        self.ready = read_properties(self.work / "ready.properties")
        self.secrets = read_properties(self.work / "secrets.properties")
        self.classpath = (self.work / "classpath").read_text().strip()
        self.gateway = self.ready["gateway_url"].rstrip("/")
        self.pg = Postgres(int(self.ready["pg_port"]), self.ready["pg_database"], self.ready["pg_user"])
        self.postmaster = int((Path(self.ready["pg_data_dir"]) / "postmaster.pid").read_text().split()[0])
        self.duration = env_int("BENCH_DURATION", 20)
        self.warmup = env_int("BENCH_WARMUP", 5)
        self.connections = env_int("BENCH_CONNECTIONS", 64)
        self.threads = env_int("BENCH_WRK_THREADS", 2)
        self.max_rate = env_int("BENCH_MAX_RATE", 4000)
        # auto: exact status counts where they cost nothing that matters (the gateway's rates), wrk's own count of
        # answers >= 400 for the ceilings and the peer, where wrk's CPU competes with the server's.
        self.status_hook = os.environ.get("BENCH_STATUS_HOOK") or "auto"
        self.requests = self.work / "requests"
        self.requests.mkdir(exist_ok=True)
        self.results = []
        self.log = open(self.work / "drive.log", "a")

    def say(self, line):
        print(line, flush=True)
        self.log.write(line + "\n")
        self.log.flush()

    # --- requests ----------------------------------------------------------------------------------------------

    def generate(self, kind, count, name, first=0, files=None):
        """Writes count requests of a kind into requests/<name>.0 ...; returns the prefix."""
        prefix = self.requests / name
        subprocess.run(["java", "-cp", self.classpath, CLASS, "generate", str(self.work), kind, str(count),
                        str(files or self.threads), str(prefix), str(first)], check=True, stdout=self.log)
        return prefix

    def discard(self, prefix):
        for file in prefix.parent.glob(prefix.name + ".*"):
            file.unlink()

    # --- load ----------------------------------------------------------------------------------------------------

    def wrk(self, base_url, prefix, path, seconds, label, meter, gateway=False):
        """One wrk run replaying requests/<prefix>.*; returns its summary with the CPU split."""
        summary_file = self.work / f"wrk-{label}.json"
        hook = self.status_hook == "1" or (self.status_hook == "auto" and gateway)
        env = dict(os.environ, BENCH_WRK_SUMMARY=str(summary_file), BENCH_STATUS_HOOK="1" if hook else "0")
        # A 10 s timeout: wrk's default of 2 s counts slow answers of a loaded machine as errors.
        command = ["wrk", "-t", str(self.threads), "-c", str(self.connections), "-d", f"{seconds}s",
                   "--timeout", "10s", "--latency", "-s", str(BENCH / "wrk" / "replay.lua"), base_url, "--", str(prefix), path]
        before = meter.sample()
        code, cpu, output = run_timed(command, env=env, stdout_path=self.work / f"wrk-{label}.txt")
        after = meter.sample()
        if code != 0 or not summary_file.exists():
            raise RuntimeError(f"wrk failed ({code}): {output[-500:]}")
        summary = json.loads(summary_file.read_text())
        summary["cpu"] = CpuMeter.split(before, after, cpu)
        return summary

    def gateway_meter(self):
        return CpuMeter(int(self.ready["jvm_pid"]), self.postmaster)

    # --- scenarios -----------------------------------------------------------------------------------------------

    def gateway_scenario(self, scenario, label=None, scan_checks=False, base=None, meter=None):
        """One scenario against the gateway (or, with base, another instance on its database; meter then says
        whose CPU is the server's)."""
        label = label or scenario.key
        base = base or self.gateway
        self.say(f"--- {scenario.title} [{label}]")
        probe = self.generate(scenario.warmup_kind, 1, f"{label}-probe", files=1)
        status, body = send_first(base, scenario.path, probe)
        if status == 404 and json_field(body, "message") == "not found":
            return self.skipped(scenario, label, f"skipped: endpoint not present ({scenario.path} answers 404)")
        if not 200 <= status < 300:
            return self.skipped(scenario, label, f"failed: probe answered {status} {body[:160]}", failed=True)
        meter = meter or self.gateway_meter()
        warm = self.generate(scenario.warmup_kind, self.max_rate * self.warmup, f"{label}-warmup", first=1)
        warm_summary = self.wrk(base, warm, scenario.path, self.warmup, f"{label}-warmup", meter, gateway=True)
        self.discard(warm)
        warm_rate = warm_summary["requests"] / (warm_summary["duration_us"] / 1e6)
        # Enough unique requests for three times the warm-up's rate; running out shows as "wrapped".
        count = max(2000, int(3 * warm_rate * self.duration))
        measured = self.generate(scenario.kind, count, label, first=1 + self.max_rate * self.warmup)
        settle(lambda: self.pg.last_delivery_id())
        last_id = self.pg.last_delivery_id()
        # The scan counters are read around the load alone: the harness's own counting queries come after.
        scans_before = self.quiet_scan_counters() if scan_checks else None
        self.pg.reset_statements()
        summary = self.wrk(base, measured, scenario.path, self.duration, label, meter, gateway=True)
        statements = self.pg.top_statements()
        self.discard(measured)
        scans_after = self.quiet_scan_counters() if scan_checks else None
        stored = settle(lambda: sum(n for _, _, n in self.pg.deliveries_after(last_id)), target=summary["sent"])
        breakdown = self.pg.deliveries_after(last_id)
        result = self.result(scenario.key, label, scenario.title, "gateway", summary)
        result["correctness"] = gateway_correctness(summary, stored, breakdown, scenario.source)
        result["request_pool"] = count
        result["statements"] = statements
        for statement in statements[:5]:
            self.say(f"    {statement['total_ms']:>10,.0f} ms  {statement['calls']:>7,} calls  "
                     f"{statement['mean_ms']:.3f} ms each (max {statement['max_ms']:,.0f})  {statement['query'][:80]}")
        if scan_checks:
            result["scans"] = scan_delta(scans_before, scans_after)
        self.say(report.one_line(result))
        return result

    def plain_ceiling(self):
        self.say("--- ceiling: plain servlet")
        prefix = self.generate("notification-warmup", self.max_rate * self.warmup, "plain", first=10_000_000)
        meter = self.gateway_meter()
        self.wrk(self.gateway, prefix, PLAIN_PATH, self.warmup, "plain-warmup", meter)
        summary = self.wrk(self.gateway, prefix, PLAIN_PATH, self.duration, "plain", meter)
        self.discard(prefix)
        result = self.result("plain", "plain", "ceiling: plain servlet, same Jetty", "ceiling", summary)
        result["correctness"] = answers_only(summary)
        self.say(report.one_line(result))
        return result

    def pgbench_ceiling(self, key, title, body):
        self.say(f"--- {title}")
        script = BENCH / "pgbench" / f"{key.removeprefix('pgbench-')}.sql"
        meter = CpuMeter(None, self.postmaster)
        warm = self.pg.pgbench_command(script, body, self.connections, self.threads, self.warmup,
                                       self.work / f"{key}-warm")
        run_timed(warm, stdout_path=self.work / f"{key}-warmup.txt")
        for log in self.work.glob(f"{key}-warm.*"):
            log.unlink()
        rows_before = int(self.pg.value("SELECT count(*) FROM bench_ceiling_rows"))
        log_prefix = self.work / f"{key}-log"
        before = meter.sample()
        code, cpu, output = run_timed(self.pg.pgbench_command(script, body, self.connections, self.threads,
                                                              self.duration, log_prefix),
                                      stdout_path=self.work / f"{key}.txt")
        after = meter.sample()
        if code != 0:
            raise RuntimeError(f"pgbench failed: {output[-800:]}")
        rows = int(self.pg.value("SELECT count(*) FROM bench_ceiling_rows")) - rows_before
        summary = pgbench_summary(output, log_prefix)
        summary["cpu"] = CpuMeter.split(before, after, cpu)
        result = self.result(key, key, title, "ceiling", summary)
        failed = summary["failed"]
        result["correctness"] = {
            "ok": failed == 0 and rows == summary["requests"],
            "detail": f"{summary['requests']} transactions, {rows} rows inserted, {failed} failed"}
        self.say(report.one_line(result))
        return result

    def peer(self):
        self.say("--- peer: webhook (adnanh/webhook) payload-hmac-sha256")
        port = free_port()
        hooks = self.work / "webhook-hooks.json"
        hooks.write_text(json.dumps([{
            "id": "github",
            "execute-command": "/bin/true",
            "response-message": '{"success":true}',
            "trigger-rule-mismatch-http-response-code": 401,
            "trigger-rule": {"match": {"type": "payload-hmac-sha256", "secret": self.secrets["github_secret"],
                                       "parameter": {"source": "header", "name": "X-Hub-Signature-256"}}},
        }], indent=2))
        process = subprocess.Popen(["webhook", "-hooks", str(hooks), "-ip", "127.0.0.1", "-port", str(port)],
                                   stdout=self.log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_port(port)
            prefix = self.generate("github", self.max_rate * self.warmup, "peer", first=20_000_000)
            good, _ = send_first(base, "/hooks/github", prefix)
            forged, _ = send_first(base, "/hooks/github", prefix, tamper=True)
            if good != 200 or forged < 400:
                raise RuntimeError(f"webhook peer misconfigured: signed {good}, forged {forged} (want 200, >= 400)")
            meter = CpuMeter(process.pid, self.postmaster, server_children=True)
            self.wrk(base, prefix, "/hooks/github", self.warmup, "peer-warmup", meter)
            summary = self.wrk(base, prefix, "/hooks/github", self.duration, "peer", meter)
            self.discard(prefix)
        finally:
            process.terminate()
            process.wait(timeout=10)
        result = self.result("peer", "peer", "peer: webhook 2.8, HMAC rule, GitHub bodies", "peer", summary)
        result["correctness"] = answers_only(summary)
        result["correctness"]["detail"] += f"; a forged signature is answered {forged}"
        self.say(report.one_line(result))
        return result

    # --- scale check ---------------------------------------------------------------------------------------------

    def scale_check(self, rows, days):
        retention = int(self.ready["retention_days"])
        if days >= retention:
            # The oldest filled day would be dropped by a retention round during the run.
            raise RuntimeError(f"BENCH_SCALE_DAYS {days} must be below the gateway's retention of {retention} days")
        scenario = SCENARIOS[1]
        empty = self.gateway_scenario(scenario, "b-empty", scan_checks=True)
        stand_in = None
        if empty["status"] != "ok":
            # (b) is not there yet: measure the same effect on (a), named as a stand-in, rather than nothing.
            stand_in = SCENARIOS[0]
            scenario = stand_in
            self.results.append(empty)
            empty = self.gateway_scenario(scenario, "a-empty", scan_checks=True)
        self.results.append(empty)
        self.say(f"--- pre-filling {rows:,} deliveries over the {days} days before today")
        started = time.monotonic()
        filled = Prefill(self.pg, self.say).fill(rows, days)
        prefill_seconds = time.monotonic() - started
        self.say(f"  {filled:,} deliveries stored, {prefill_seconds:.0f} s")
        if scenario.kind == "notification":
            # The first run left the pool's jobs Running or Completed; a fresh pool gives the second run the same
            # mix of applied and ignored changes.
            subprocess.run(["java", "-cp", self.classpath, CLASS, "jobs", str(self.work),
                            os.environ.get("BENCH_JOBS") or "1000"], check=True, stdout=self.log)
        full = self.gateway_scenario(scenario, f"{scenario.key}-{rows:,}-rows".replace(",", "_"), scan_checks=True)
        self.results.append(full)
        plans = self.pg.lookup_plans()
        self.say("--- searches on the filled table (GET /secured/deliveries)")
        searches = search.measure(self)
        self.hold()
        ratio = full["rps"] / empty["rps"] if empty.get("rps") and full.get("rps") else None
        no_seq = all(result.get("scans", {}).get(table, {}).get("seq_tup_read", 0) == 0
                     for result in (empty, full) for table in ("deliveries", "jobs"))
        return {
            "scenario": scenario.key,
            "stand_in_for_b": stand_in is not None,
            "rows": filled,
            "prefill_seconds": round(prefill_seconds, 1),
            "table_size": self.pg.value("SELECT pg_size_pretty(sum(pg_total_relation_size(name::regclass))) "
                                        "FROM delivery_partitions"),
            "empty_rps": empty.get("rps"),
            "full_rps": full.get("rps"),
            "ratio": round(ratio, 3) if ratio else None,
            "within_20_percent": ratio is not None and ratio >= 0.8,
            "no_sequential_scans": no_seq,
            "scans": {result["label"]: result.get("scans", {}) for result in (empty, full)},
            "plans": plans,
            "plans_use_indexes": all(plan["index_only"] for plan in plans),
            "days": days,
            "searches": searches,
            "search_ok": search.check(searches),
        }

    def hold(self):
        """With BENCH_SCALE_HOLD=1, keeps the gateway and the filled PostgreSQL running for inspection until the
        work folder's `hold` file is removed."""
        if os.environ.get("BENCH_SCALE_HOLD") != "1":
            return
        marker = self.work / "hold"
        marker.write_text(f"gateway {self.gateway}\npsql -h 127.0.0.1 -p {self.pg.port} -U {self.pg.user} -d {self.pg.database}\n")
        self.say(f"--- holding the filled table: remove {marker} to go on")
        while marker.exists():
            time.sleep(2)

    def quiet_scan_counters(self):
        # PostgreSQL 15 reports an idle backend's table counters within about ten seconds; wait them out (the harness queries nothing meanwhile).
        time.sleep(11)
        return self.pg.scan_counters()

    # --- results -------------------------------------------------------------------------------------------------

    def result(self, key, label, title, kind, summary):
        seconds = summary["duration_us"] / 1e6
        latency = summary["latency_us"]
        return {
            "key": key, "label": label, "title": title, "kind": kind, "status": "ok",
            "rps": round(summary["requests"] / seconds, 1),
            "requests": summary["requests"],
            "p50_ms": round(latency["p50"] / 1000, 2), "p99_ms": round(latency["p99"] / 1000, 2),
            "p999_ms": round(latency["p999"] / 1000, 2),
            "cpu": summary["cpu"],
            "wrk": {k: summary[k] for k in ("sent", "wrapped", "errors", "statuses") if k in summary},
        }

    def skipped(self, scenario, label, reason, failed=False):
        self.say(f"{scenario.title}: {reason}")
        return {"key": scenario.key, "label": label, "title": scenario.title, "kind": "gateway",
                "status": "failed" if failed else "skipped", "reason": reason}


# --- checks ------------------------------------------------------------------------------------------------------

def gateway_correctness(summary, stored, breakdown, source):
    """Every 2xx answer must be a stored delivery, and nothing else may be answered.

    wrk stops with up to one request per connection sent but not yet answered; the gateway may or may not finish
    those (wrk closes the sockets), so the stored count lies between the 2xx answers and that plus the unanswered.
    """
    errors = summary["errors"]
    non_2xx = errors["status"] if not summary.get("statuses") else sum(
        n for status, n in summary["statuses"].items() if not 200 <= int(status) < 300)
    answered_2xx = summary["requests"] - non_2xx
    unanswered = summary["sent"] - summary["requests"]
    socket_errors = errors["connect"] + errors["read"] + errors["write"]
    sources = sorted({row[0] for row in breakdown})
    problems = []
    if non_2xx:
        statuses = ", ".join(f"{n} x {status}" for status, n in sorted(summary.get("statuses", {}).items())
                             if not 200 <= int(status) < 300)
        problems.append(f"{non_2xx} non-2xx answers" + (f" ({statuses})" if statuses else ""))
    if not answered_2xx <= stored <= answered_2xx + unanswered:
        problems.append(f"stored {stored}, not between {answered_2xx} answered 2xx and that + {unanswered} unanswered")
    if summary["wrapped"]:
        problems.append("the request pool ran out: delivery ids repeated")
    if socket_errors:
        problems.append(f"{socket_errors} socket errors")
    if sources and sources != [source]:
        problems.append(f"stored under sources {sources}, expected {source}")
    outcomes = ", ".join(f"{n} {processing}" for _, processing, n in breakdown)
    detail = (f"{answered_2xx} answered 2xx, {stored} stored ({outcomes}), {non_2xx} non-2xx; "
              f"{unanswered} sent but unanswered when wrk stopped, {stored - answered_2xx} of them stored"
              + slow(errors))
    return {"ok": not problems, "detail": detail if not problems else "; ".join(problems) + f" [{detail}]",
            "answered_2xx": answered_2xx, "unanswered": unanswered, "stored": stored, "non_2xx": non_2xx}


def answers_only(summary):
    errors = summary["errors"]
    bad = errors["status"] + errors["connect"] + errors["read"] + errors["write"]
    return {"ok": bad == 0, "detail": f"{summary['requests']} answered, {errors['status']} non-2xx, "
                                      f"{bad - errors['status']} socket errors" + slow(errors)}


def slow(errors):
    # wrk counts a connection again at each check while its answer is overdue: a sign, not a count of requests.
    return f"; wrk saw answers overdue past its 10 s timeout {errors['timeout']} times" if errors["timeout"] else ""


def scan_delta(before, after):
    return {table: {kind: after[table][kind] - before.get(table, {}).get(kind, 0) for kind in after[table]}
            for table in after}


def pgbench_summary(output, log_prefix):
    values = {}
    for line in output.splitlines():
        if "=" in line or ":" in line:
            key, _, value = line.partition("=" if line.startswith("tps") else ":")
            values[key.strip()] = value.strip()
    latencies = []
    for log in log_prefix.parent.glob(log_prefix.name + ".*"):
        latencies += [int(line.split()[2]) for line in log.read_text().splitlines() if line]
        log.unlink()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, math.ceil(q * len(latencies)) - 1)] if latencies else 0
    processed = int(values["number of transactions actually processed"].split("/")[0])
    duration = float(values.get("duration", "0 s").split()[0])
    return {
        "requests": processed, "duration_us": duration * 1e6,
        "failed": int(values.get("number of failed transactions", "0").split()[0]),
        "tps_reported": values.get("tps"),
        "latency_us": {"p50": pick(0.5), "p99": pick(0.99), "p999": pick(0.999)},
    }


# --- small helpers -----------------------------------------------------------------------------------------------

def settle(read, target=None, seconds=30):
    """Polls until the value reaches target, or stops changing (the in-flight transactions have committed)."""
    value, deadline = read(), time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.5)
        latest = read()
        if (target is not None and latest == target) or (target is None and latest == value):
            return latest
        value = latest
    return value


def first_record(prefix):
    data = Path(f"{prefix}.0").read_bytes()
    newline = data.index(b"\n")
    head, _, body = data[newline + 1:newline + 1 + int(data[:newline])].partition(b"\r\n\r\n")
    return [line.split(": ", 1) for line in head.decode("ascii").split("\r\n")], body


def send_first(base, path, prefix, tamper=False):
    """Sends a file's first request once; returns (status, body)."""
    headers, body = first_record(prefix)
    if tamper:
        body = body.replace(b"main", b"mian", 1)
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.putrequest("POST", path, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def json_field(text, name):
    try:
        return json.loads(text).get(name)
    except (ValueError, AttributeError):
        return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as client:
            if client.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def read_properties(path):
    """A Java properties file as written by Properties.store (no continuation lines)."""
    values = {}
    for line in Path(path).read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.replace("\\:", ":").replace("\\=", "=").replace("\\\\", "\\")
    return values


def main():
    work, mode = sys.argv[1], sys.argv[2]
    run = Run(work, mode)
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = os.getloadavg()
    selected = (os.environ.get("BENCH_SCENARIOS") or "plain,pgbench-insert,pgbench-insert-update,a,b,c,d,forward,peer")
    sample_body = first_record(run.generate("notification-warmup", 1, "sample", files=1))[1].decode("utf-8")
    run.pg.create_ceiling_tables()
    scale = None
    if mode == "scale":
        scale = run.scale_check(env_int("BENCH_SCALE_ROWS", 10_000_000), env_int("BENCH_SCALE_DAYS", 29))
    else:
        for key in selected.split(","):
            if key == "plain":
                run.results.append(run.plain_ceiling())
            elif key == "pgbench-insert":
                run.results.append(run.pgbench_ceiling(
                    key, "ceiling: pgbench, one 2 KB jsonb INSERT per transaction", sample_body))
            elif key == "pgbench-insert-update":
                run.results.append(run.pgbench_ceiling(
                    key, "ceiling: pgbench, INSERT + UPDATE per transaction", sample_body))
            elif key == "peer":
                run.results.append(run.peer())
            elif key == "forward":
                run.results.extend(forward.forwarding_scenario(run, SCENARIOS[1], free_port))
            elif key == "stream":
                run.results.extend(stream.stream_scenario(run, SCENARIOS[0], free_port))
            else:
                scenario = next(s for s in SCENARIOS if s.key == key)
                run.results.append(run.gateway_scenario(scenario))
    document = report.document(run, started, load_before, os.getloadavg(), scale)
    report.write(BENCH, document)
    run.say(f"results: {BENCH / 'RESULTS.md'} and {document['json_file']}")
    failed = [r["label"] for r in run.results if r["status"] == "failed" or not r.get("correctness", {"ok": True})["ok"]]
    if scale and not (scale["within_20_percent"] and scale["no_sequential_scans"] and scale["plans_use_indexes"]
                      and scale["search_ok"]):
        failed.append("scale check")
    if failed:
        run.say("FAILED: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
