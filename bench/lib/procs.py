"""CPU time of the processes a benchmark scenario involves, read from /proc."""

import os
import subprocess
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name (field 3 onwards), or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return raw[raw.rindex(")") + 2:].split()


def process_seconds(pid, children=False):
    """utime + stime of one process, plus the CPU of its reaped children when asked; 0 when it is gone."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # After the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); index = field - 3.
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICKS


def postgres_seconds(postmaster_pid):
    """The postmaster with every backend and helper it runs, and those it has reaped (exited connections)."""
    total = process_seconds(postmaster_pid, children=True)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat_fields(entry)
            if fields is not None and int(fields[1]) == postmaster_pid:
                total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def machine_seconds():
    """(busy, total) CPU seconds of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    total = sum(values[:8])  # user nice system idle iowait irq softirq steal
    idle = values[3] + values[4]
    return (total - idle) / TICKS, total / TICKS


class CpuMeter:
    """Samples the server under test and PostgreSQL around one load run; the load generator is timed by run().

    server_pid may be a list (several gateway instances, summed); extra_loadgen names load generators that run
    beside the timed one (the stream scenario's client), counted with it."""

    def __init__(self, server_pid, postmaster_pid, server_children=False, extra_loadgen=()):
        self.server_pids = list(server_pid) if isinstance(server_pid, (list, tuple)) else [server_pid]
        self.postmaster_pid = postmaster_pid
        self.server_children = server_children
        self.extra_loadgen = list(extra_loadgen)

    def sample(self):
        busy, total = machine_seconds()
        return {
            "server": sum(process_seconds(pid, self.server_children) for pid in self.server_pids if pid),
            "extra_loadgen": sum(process_seconds(pid) for pid in self.extra_loadgen),
            "postgres": postgres_seconds(self.postmaster_pid),
            "busy": busy,
            "total": total,
            "wall": time.monotonic(),
        }

    @staticmethod
    def split(before, after, loadgen_seconds):
        """Percent of one core each, over the run's wall time: 200 is both cores of a 2-core machine."""
        wall = after["wall"] - before["wall"]
        loadgen_seconds += after.get("extra_loadgen", 0.0) - before.get("extra_loadgen", 0.0)
        server = after["server"] - before["server"]
        postgres = after["postgres"] - before["postgres"]
        busy = after["busy"] - before["busy"]
        cores = (after["total"] - before["total"]) / wall
        other = max(0.0, busy - server - postgres - loadgen_seconds)
        pct = lambda seconds: round(100.0 * seconds / wall, 1)
        return {
            "server": pct(server),
            "postgres": pct(postgres),
            "loadgen": pct(loadgen_seconds),
            "other": pct(other),
            "idle": round(max(0.0, 100.0 * cores - pct(busy)), 1),
        }


def run_timed(command, env=None, cwd=None, stdout_path=None):
    """Runs a load generator to its end; returns (exit code, its own CPU seconds, output text)."""
    with open(stdout_path, "w") as out:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_utime + usage.ru_stime, Path(stdout_path).read_text()

