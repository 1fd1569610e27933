"""Gateway A's memory and threads in the stream scenario: /proc for RSS and threads, jcmd for the live heap at
quiet moments, jstat (performance counters, no attach) once a second during a run."""
import re
import subprocess
import threading
from pathlib import Path


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
