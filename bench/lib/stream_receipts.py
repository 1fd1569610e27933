"""The stream scenario's client and what it received: bench/lib/sse_streams.py in a process of its own, the
status changes committed meanwhile (from the events table, with commit times), the exactly-once check and the
delay from commit to receipt."""
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from procs import process_seconds

LIB = Path(__file__).resolve().parent


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


