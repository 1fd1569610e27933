"""The stream scenario: scenario (a) through a second gateway instance (B) on the same database, once without and
once with many event streams open on the first (A); A's memory and threads before and during, and the delay from
each status change's commit to its receipt on the streams."""
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from forward import admin_call
from procs import CpuMeter, process_seconds

LIB = Path(__file__).resolve().parent
INSTANCE_MAIN = "org.callbackgateway.cluster.ClusterNodeMain"
READY_LINE = "cluster node ready on port "


def env_int(name, default):
    return int(os.environ.get(name) or default)


def stream_scenario(run, scenario, free_port):
    streams = env_int("BENCH_STREAMS", 2000)
    users = env_int("BENCH_STREAM_USERS", streams)
    jobs = env_int("BENCH_STREAM_JOBS", 10000)
    run.say(f"--- stream scenario: {streams:,} streams of {users:,} users on instance A, (a) through instance B, "
            f"{jobs:,} jobs per run")
    second = SecondInstance(run, free_port())
    client = None
    try:
        second.start()
        a_pid, b_pid = int(run.ready["jvm_pid"]), second.process.pid
        fresh_pool(run, jobs, users)
        without = run.gateway_scenario(scenario, "a-via-B-no-streams", base=second.url,
                                       meter=CpuMeter((a_pid, b_pid), run.postmaster))
        if without["status"] != "ok":
            return [without]
        before = snapshot(a_pid, collect=True)
        token = service_token(run)
        client = StreamClient(run, streams, users, token)
        opened = snapshot(a_pid, collect=True)
        opened["opened"], opened["refused"] = client.opened, client.failed
        run.say(f"streams: {client.opened:,} open, {client.failed} refused{' ' + client.first_failure if client.failed else ''}; "
                f"gateway A before {before}, with the streams {opened}")
        fresh_pool(run, jobs, users)
        sampler = Sampler(a_pid)
        with_streams = run.gateway_scenario(
            scenario, "a-via-B-with-streams", base=second.url,
            meter=CpuMeter((a_pid, b_pid), run.postmaster, extra_loadgen=[client.process.pid]))
        during = sampler.stop()
        if with_streams["status"] != "ok":
            return [without, with_streams]
        wait_sequenced(run)
        events = status_events(run)
        expected = client.expected(events)
        client_cpu = client.cpu_seconds()
        receipts = client.finish(expected)
        check = check_streams(receipts, events)
        delays = delay_figures(receipts, events)
        with_streams["streams"] = {
            "streams": streams, "users": users, "jobs_per_run": jobs,
            "opened": client.opened, "refused": client.failed, "first_refusal": client.first_failure,
            "gateway_a": {"before": before, "streams_open": opened, "during": during},
            "heap_kib_per_stream": per_stream(before, opened, client.opened),
            "delay": delays, "check": check,
            "client_cpu_s": round(client_cpu, 2),
        }
        baseline = without.get("rps") or 0
        with_streams["streams"]["baseline_rps"] = baseline
        with_streams["ingest_vs_no_streams"] = round(with_streams["rps"] / baseline, 3) if baseline else None
        if not check["ok"] or client.failed:
            correctness = with_streams["correctness"]
            correctness["ok"] = False
            correctness["detail"] = (f"streams: {check['detail']}; {client.failed} refused; "
                                     + correctness["detail"])
        else:
            with_streams["correctness"]["detail"] += "; streams: " + check["detail"]
        run.say("streams: " + json.dumps({k: with_streams["streams"][k] for k in ("delay", "check", "gateway_a")}))
        run.say(f"ingest with the streams vs without: {with_streams['ingest_vs_no_streams']}")
        return [without, with_streams]
    finally:
        if client:
            client.kill()
        second.stop()


# --- the second instance -----------------------------------------------------------------------------------------

class SecondInstance:
    """Gateway B: the bench server's settings (instance.properties) in a JVM of its own on the same database."""

    def __init__(self, run, port):
        self.run = run
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = run.work / "instance-b.log"
        self.process = None

    def start(self):
        options = (os.environ.get("BENCH_JVM_OPTS") or "-Xms2g -Xmx2g -XX:+UseG1GC").split()
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
        env["GATEWAY_LOG_LEVEL"] = "INFO"
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(
                ["java", *options, "-DGATEWAY_LOG_LEVEL=INFO", "-cp", self.run.classpath, INSTANCE_MAIN,
                 str(self.port), str(self.run.work / "instance.properties")],
                env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if READY_LINE + str(self.port) in self.log.read_text(errors="replace"):
                self.run.say(f"instance B ready on {self.url} (pid {self.process.pid})")
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise RuntimeError(f"instance B did not start; see {self.log}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def fresh_pool(run, jobs, users):
    """A new pool of Submitted jobs spread over the stream users: each run of (a) applies the same changes."""
    subprocess.run(["java", "-cp", run.classpath, "org.callbackgateway.bench.BenchRequests", "jobs", str(run.work),
                    str(jobs), str(users)], check=True, stdout=run.log)


def service_token(run):
    """A token of a service client made for the streams (one caller: the per-caller cap is set for it)."""
    client_id = f"bench-streams-{int(time.time())}"
    created = admin_call(run, "POST", "/admin/clients", {"client_id": client_id, "role": "service"})
    request = urllib.request.Request(f"{run.gateway}/v1/authenticate/token/{client_id}",
                                     headers={"client-key": created["client_key"]})
    return urllib.request.urlopen(request).read().decode().strip()


# --- the stream client ---------------------------------------------------------------------------------------------

class StreamClient:
    """bench/lib/sse_streams.py in a process of its own (its CPU is counted as load generator's)."""

    def __init__(self, run, streams, users, token):
        self.run = run
        self.users = users
        self.receipts_file = run.work / "stream-receipts.txt"
        host, port = run.gateway.removeprefix("http://").split(":")
        self.process = subprocess.Popen(
            [sys.executable, str(LIB / "sse_streams.py"), host, port, str(streams), str(users), str(self.receipts_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(run.work / "stream-client.log", "w"), text=True)
        self.process.stdin.write(token + "\n")
        self.process.stdin.close()
        first = self.process.stdout.readline().split(maxsplit=4)
        if len(first) < 4 or first[0] != "open":
            raise RuntimeError(f"the stream client did not open its streams: {first}; see stream-client.log")
        self.opened, self.failed = int(first[1]), int(first[3])
        self.first_failure = first[4].strip() if len(first) > 4 else ""
        self.received = self.ended = 0
        threading.Thread(target=self._progress, daemon=True).start()

    def _progress(self):
        for line in self.process.stdout:
            fields = line.split()
            if len(fields) == 4 and fields[0] == "received":
                self.received, self.ended = int(fields[1]), int(fields[3])

    def expected(self, events):
        """Receipts due: every status change of a stream's user, on each of that user's streams."""
        per_user = {}
        for _, owner, _, _ in events:
            per_user[owner] = per_user.get(owner, 0) + 1
        return sum(per_user.get(f"bench-user-{index % self.users}", 0) for index in range(self.opened))

    def cpu_seconds(self):
        return process_seconds(self.process.pid)

    def finish(self, expected, quiet_seconds=10, limit_seconds=120):
        """Waits until the streams have received what is due (or nothing more comes), then reads the receipts."""
        deadline, last, last_change = time.monotonic() + limit_seconds, -1, time.monotonic()
        while time.monotonic() < deadline and self.received < expected:
            if self.received != last:
                last, last_change = self.received, time.monotonic()
            elif time.monotonic() - last_change > quiet_seconds:
                break
            time.sleep(0.5)
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        return read_receipts(self.receipts_file)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def read_receipts(path):
    streams, received = {}, {}
    for line in Path(path).read_text().splitlines():
        fields = line.split()
        if fields[0] == "S":
            streams[int(fields[1])] = {"user": fields[2], "after": int(fields[3]), "ended": fields[4] == "1"}
            received[int(fields[1])] = []
        else:
            received[int(fields[1])].append((int(fields[2]), float(fields[3])))
    return {"streams": streams, "received": received}


# --- the log's side: what was committed, and when ------------------------------------------------------------------

def wait_sequenced(run, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and int(run.pg.value("SELECT count(*) FROM events WHERE position IS NULL")):
        time.sleep(0.5)


def status_events(run):
    """(position, owner, commit time, occurred_at) of every status change of the stream users' jobs.

    The commit time is that of the transaction that stored the notification (its deliveries row is written
    once, in the transaction that appended the event; the event row itself is rewritten by the sequencer),
    from PostgreSQL's commit timestamps; without them (track_commit_timestamp off) occurred_at stands in: it is
    taken inside that transaction, so the delay is then over-stated by the transaction's remaining time."""
    commit = ("extract(epoch FROM pg_xact_commit_timestamp(d.xmin))"
              if run.ready.get("pg_track_commit_timestamp") == "on" else "NULL")
    rows = run.pg.rows(
        f"SELECT e.position, e.job_owner, {commit}, extract(epoch FROM e.occurred_at) FROM events e"
        " LEFT JOIN deliveries d ON d.id = e.delivery_id"
        " WHERE e.type = 'job.status_changed' AND e.job_owner LIKE 'bench-user-%' AND e.position IS NOT NULL"
        " ORDER BY e.position")
    return [(int(p), owner, float(c) if c else None, float(o)) for p, owner, c, o in rows]


def check_streams(receipts, events):
    """Each stream received exactly its user's status changes after the position it opened at, in order, once."""
    by_owner = {}
    for position, owner, _, _ in events:
        by_owner.setdefault(owner, []).append(position)
    wrong, missing, extra, ended = 0, 0, 0, 0
    total = 0
    for index, stream in receipts["streams"].items():
        due = [p for p in by_owner.get(stream["user"], []) if p > stream["after"]]
        got = [p for p, _ in receipts["received"][index]]
        total += len(got)
        ended += stream["ended"]
        if got != due:
            wrong += 1
            missing += len(set(due) - set(got))
            extra += len(got) - len(set(got) & set(due))
    ok = wrong == 0 and ended == 0
    detail = (f"{len(receipts['streams']):,} streams received {total:,} events, each exactly its user's status "
              "changes in order, once" if ok else
              f"{wrong} streams off ({missing} events missing, {extra} unexpected or repeated), "
              f"{ended} ended by the gateway; {total:,} received")
    return {"ok": ok, "detail": detail, "received": total, "streams_off": wrong, "missing": missing,
            "unexpected": extra, "ended_early": ended}


def delay_figures(receipts, events):
    """Receipt time minus commit time, over every receipt (and minus occurred_at, for comparison)."""
    committed = {position: (commit, occurred) for position, _, commit, occurred in events}
    from_commit, from_occurred = [], []
    for stream_receipts in receipts["received"].values():
        for position, at in stream_receipts:
            commit, occurred = committed.get(position, (None, None))
            if commit is not None:
                from_commit.append(at - commit)
            if occurred is not None:
                from_occurred.append(at - occurred)
    basis = "commit timestamp" if from_commit else "occurred_at"
    return {"basis": basis, **percentiles(from_commit or from_occurred, "ms"),
            "from_occurred_at": percentiles(from_occurred, "ms")}


def percentiles(values, unit):
    if not values:
        return {"receipts": 0}
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, max(0, int(q * len(values) + 0.999999) - 1))]
    return {"receipts": len(values), f"p50_{unit}": round(pick(0.5) * 1000, 1),
            f"p99_{unit}": round(pick(0.99) * 1000, 1), f"max_{unit}": round(values[-1] * 1000, 1)}


# --- gateway A's memory and threads --------------------------------------------------------------------------------

def per_stream(before, opened, streams):
    """The live heap (after full collections) the open streams added, per stream."""
    if not streams or before.get("heap_used_mib") is None or opened.get("heap_used_mib") is None:
        return None
    return round((opened["heap_used_mib"] - before["heap_used_mib"]) * 1024 / streams, 1)


def proc_status(pid):
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {"rss_mib": round(int(fields["VmRSS"].split()[0]) / 1024, 1), "threads": int(fields["Threads"])}


def snapshot(pid, collect=False):
    """RSS and threads from /proc; the heap in use from jcmd, after a full collection when asked (the live set)."""
    if collect:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, check=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    used = re.search(r"heap\s+total \d+K, used (\d+)K", info)
    return {**proc_status(pid), "heap_used_mib": round(int(used.group(1)) / 1024, 1) if used else None,
            "after_gc": collect}


class Sampler:
    """Once a second during a run: RSS and threads from /proc, and the heap in use from one jstat (which reads the
    JVM's performance counters, without attaching to it)."""

    def __init__(self, pid):
        self.pid = pid
        self.samples = []
        self.heap = []
        self.done = threading.Event()
        self.jstat = subprocess.Popen(["jstat", "-gc", str(pid), "1000"], stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self._proc, daemon=True).start()
        threading.Thread(target=self._jstat, daemon=True).start()

    def _proc(self):
        while not self.done.wait(1.0):
            self.samples.append(proc_status(self.pid))

    def _jstat(self):
        header = None
        for line in self.jstat.stdout:
            fields = line.split()
            if fields and fields[0] == "S0C":
                header = fields
            elif header and len(fields) == len(header):
                value = dict(zip(header, fields))
                self.heap.append(sum(float(value[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024)

    def stop(self):
        self.done.set()
        self.jstat.terminate()
        self.jstat.wait()
        if not self.samples:
            return {}
        return {"rss_mib_peak": max(s["rss_mib"] for s in self.samples),
                "threads_peak": max(s["threads"] for s in self.samples),
                "threads_mean": round(sum(s["threads"] for s in self.samples) / len(self.samples), 1),
                "heap_used_mib_peak": round(max(self.heap), 1) if self.heap else None,
                "samples": len(self.samples)}
