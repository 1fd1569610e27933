"""The stream scenario: scenario (a) through a second gateway instance (B) on the same database, once without and
once with many event streams open on the first (A); A's memory and threads before and during, and the delay from
each status change's commit to its receipt on the streams."""
import json
import os
import signal
import subprocess
import time
import urllib.request

from forward import admin_call
from procs import CpuMeter
from stream_memory import Sampler, per_stream, snapshot
from stream_receipts import StreamClient, check_streams, delay_figures, status_events, wait_sequenced
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
