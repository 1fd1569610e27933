"""Writes a run's figures: a JSON file under bench/results/ and a section at the top of bench/RESULTS.md."""

import json
import os
import platform
import subprocess
from pathlib import Path

import search

MARKER = "<!-- runs, newest first: bench/run inserts each run below this line -->"
CEILINGS = [("plain", "plain servlet"), ("pgbench-insert", "pgbench INSERT"),
            ("pgbench-insert-update", "pgbench INSERT+UPDATE"), ("peer", "peer webhook")]


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()


def add_ratios(results):
    """Each gateway scenario's throughput over each ceiling's and the peer's, measured in the same run."""
    by_key = {r["key"]: r for r in results if r["status"] == "ok"}
    for result in results:
        if result["kind"] == "gateway" and result["status"] == "ok":
            result["ratios"] = {key: round(result["rps"] / by_key[key]["rps"], 3) if key in by_key else None
                                for key, _ in CEILINGS}


def document(run, started, load_before, load_after, scale):
    add_ratios(run.results)
    commit = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    json_file = Path("bench") / "results" / f"{stamp}-{commit}-{run.mode}.json"
    return {
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": commit, "uncommitted_changes": dirty, "mode": run.mode,
        "note": os.environ.get("BENCH_NOTE", ""),
        "json_file": str(json_file),
        "machine": {"cores": os.cpu_count(), "kernel": platform.release(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in load_after]},
        "settings": {"duration_s": run.duration, "warmup_s": run.warmup, "connections": run.connections,
                     "wrk_threads": run.threads, "status_hook": run.status_hook,
                     "gateway_pool_size": int(run.ready["pool_size"]),
                     "jvm_options": os.environ.get("BENCH_JVM_OPTS", ""),
                     "jobs": int(os.environ.get("BENCH_JOBS") or 1000)},
        "postgres": {k.removeprefix("pg_"): v for k, v in run.ready.items()
                     if k.startswith("pg_") and k not in ("pg_port", "pg_data_dir", "pg_user", "pg_database")},
        "results": run.results,
        "scale": scale,
    }


def write(bench, doc):
    path = bench.parent / doc["json_file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    results_md = bench / "RESULTS.md"
    text = results_md.read_text() if results_md.exists() else "# Benchmark results\n\n" + MARKER + "\n"
    if MARKER not in text:
        text += "\n" + MARKER + "\n"
    head, _, rest = text.partition(MARKER)
    results_md.write_text(head + MARKER + "\n\n" + section(doc) + rest.lstrip("\n"))


def section(doc):
    s, pg, m = doc["settings"], doc["postgres"], doc["machine"]
    changes = " + uncommitted changes" if doc["uncommitted_changes"] else ""
    lines = [
        f"## {doc['date'][:16].replace('T', ' ')} UTC · `{doc['commit']}`{changes} · {doc['mode']}",
        "",
    ]
    if doc["note"]:
        lines += [f"**{doc['note']}**", ""]
    lines += [
        f"{s['connections']} connections, {s['wrk_threads']} wrk threads, {s['duration_s']} s per scenario after "
        f"{s['warmup_s']} s of warm-up; gateway pool {s['gateway_pool_size']}, {s['jobs']} jobs; PostgreSQL "
        f"{pg.get('server_version')} fsync={pg.get('fsync')} synchronous_commit={pg.get('synchronous_commit')} "
        f"full_page_writes={pg.get('full_page_writes')} shared_buffers={pg.get('shared_buffers')}; "
        f"{m['cores']} cores, load average {m['load_average_before'][0]} before, {m['load_average_after'][0]} after.",
        "",
        "| scenario | req/s | p50 ms | p99 ms | p99.9 ms | "
        + " | ".join(f"÷ {name}" for _, name in CEILINGS)
        + " | CPU % server / PostgreSQL / load gen / other / idle | correct |",
        "|---|---:|---:|---:|---:|" + "---:|" * len(CEILINGS) + "---|---|",
    ]
    for r in doc["results"]:
        if r["status"] != "ok":
            lines.append(f"| {r['title']} | {r['reason']} |" + " |" * (5 + len(CEILINGS)))
            continue
        ratios = r.get("ratios", {})
        cpu = r["cpu"]
        lines.append(
            f"| {r['title']}{' [' + r['label'] + ']' if r['label'] != r['key'] else ''} | {r['rps']:,.0f} "
            f"| {r['p50_ms']} | {r['p99_ms']} | {r['p999_ms']} | "
            + " | ".join(fmt_ratio(ratios.get(key)) for key, _ in CEILINGS)
            + f" | {cpu['server']:.0f} / {cpu['postgres']:.0f} / {cpu['loadgen']:.0f} / {cpu['other']:.0f} "
              f"/ {cpu['idle']:.0f} | {'yes' if r['correctness']['ok'] else '**NO**'} |")
    lines += ["", "Checks:", ""]
    for r in doc["results"]:
        if r["status"] == "ok":
            lines.append(f"- {r['label']}: {r['correctness']['detail']}")
        else:
            lines.append(f"- {r['label']}: {r['reason']}")
    for r in doc["results"]:
        if r.get("streams"):
            lines += [""] + stream_lines(r)
    if doc["scale"]:
        lines += [""] + scale_lines(doc["scale"])
    lines += ["", f"Figures as JSON: [`{doc['json_file']}`]({doc['json_file'].removeprefix('bench/')})", "", ""]
    return "\n".join(lines)


def scale_lines(scale):
    stand_in = " (stand-in: (b) is not present yet)" if scale["stand_in_for_b"] else ""
    lines = [
        f"Scale check, scenario ({scale['scenario']}){stand_in}: {scale['rows']:,} deliveries "
        f"({scale['table_size']} with indexes, pre-filled in {scale['prefill_seconds']:.0f} s): "
        f"{scale['full_rps']:,.0f} req/s against {scale['empty_rps']:,.0f} on the empty table, ratio "
        f"{scale['ratio']} ({'not' if scale['within_20_percent'] else '**more than**'} 20% slower); sequential scans of "
        f"deliveries or jobs that read rows during the measured runs (pg_stat_user_tables): "
        f"{'none' if scale['no_sequential_scans'] else '**' + seq_scans(scale) + '**'}.",
        "",
    ]
    for plan in scale["plans"]:
        lines.append(f"- {plan['lookup']}: {', '.join(plan['scans'])}"
                     + ("" if plan["index_only"] else " — **not an index scan**"))
    if scale.get("searches"):
        lines += [""] + search_lines(scale)
    return lines


def search_lines(scale):
    searches = scale["searches"]
    lines = [
        f"Searches through `GET /secured/deliveries` on the {scale['rows']:,} deliveries ({scale['days']} daily "
        f"partitions), `limit=50`, each {search.REQUESTS} times after {search.WARMUP} warm-up requests; the JSON-path "
        f"search {'passes' if scale['search_ok'] else '**fails**'} (p50 under {search.TARGET_MS} ms from the "
        "payload's GIN index). Plan: `EXPLAIN (ANALYZE, BUFFERS)` of the statement the gateway runs, once after "
        "the timed requests; scans with partitions folded together.",
        "",
        "| search | query | rows | p50 ms | p99 ms | plan ms | scans |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for s in searches:
        lines.append(f"| {s['name']} | `{s['query'] or '(none)'}` | {s['answered']} | {s['p50_ms']} | {s['p99_ms']} "
                     f"| {s['plan_execution_ms']} | {search.summary(s['scans'])}"
                     + ("" if s["index_only"] else " — **sequential scan**") + " |")
    typical = next(s for s in searches if s["name"].startswith("JSON path, typical"))
    lines += ["", f"Plan of the JSON-path search (`?{typical['query']}&limit=50`):", "", "```", typical["plan"], "```"]
    if typical.get("second_page"):
        lines += ["", "Its second page (`&cursor=...`):", "", "```", typical["second_page"]["plan"], "```"]
    return lines


def stream_lines(result):
    """The stream scenario: ingest beside the same run without streams, the delay, gateway A's memory and threads."""
    s = result["streams"]
    delay, a = s["delay"], s["gateway_a"]
    before, opened, during = a["before"], a["streams_open"], a["during"]
    goal = delay.get("p99_ms") is not None and delay["p99_ms"] <= 250
    lines = [
        f"Event streams: {s['opened']:,} of {s['streams']:,} streams open on instance A ({s['users']:,} users, one "
        f"service client; {s['refused']} refused) while (a) ran through instance B with {s['jobs_per_run']:,} fresh "
        f"jobs per run: ingest {result['rps']:,.0f} req/s against {s['baseline_rps']:,.0f} "
        f"without the streams (ratio {result['ingest_vs_no_streams']}); delay from commit to receipt "
        f"({delay['basis']}) over {delay['receipts']:,} receipts: p50 {delay.get('p50_ms')} ms, "
        f"p99 {delay.get('p99_ms')} ms, max {delay.get('max_ms')} ms "
        f"(goal p99 <= 250 ms: {'met' if goal else '**not met**'}); the stream client used "
        f"{s['client_cpu_s']} s of CPU (counted as load generator's).",
        "",
        f"| gateway A | before the streams | {s['opened']:,} streams open, idle | during (a), peak |",
        "|---|---:|---:|---:|",
        f"| RSS MiB | {before['rss_mib']} | {opened['rss_mib']} | {during.get('rss_mib_peak')} |",
        f"| heap in use MiB | {before['heap_used_mib']} (after GC) | {opened['heap_used_mib']} (after GC) "
        f"| {during.get('heap_used_mib_peak')} |",
        f"| threads | {before['threads']} | {opened['threads']} | {during.get('threads_peak')} |",
        "",
        f"Live heap per open stream (after full collections): {s.get('heap_kib_per_stream')} KiB. \"during\" spans "
        "the probe, warm-up and measured run of (a), sampled once a second (/proc and jstat).",
    ]
    return lines


def seq_scans(scale):
    return ", ".join(f"{run}: {table} {counts['seq_scan']} reading {counts.get('seq_tup_read', '?')} rows"
                     for run, scans in scale.get("scans", {}).items()
                     for table, counts in scans.items() if counts.get("seq_tup_read", counts["seq_scan"]))


def fmt_ratio(value):
    if value is None:
        return "—"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def one_line(result):
    if result["status"] != "ok":
        return f"{result['label']}: {result['reason']}"
    cpu = result["cpu"]
    return (f"{result['label']}: {result['rps']:,.0f} req/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
            f"p99.9 {result['p999_ms']} ms; CPU server {cpu['server']:.0f}% pg {cpu['postgres']:.0f}% "
            f"loadgen {cpu['loadgen']:.0f}% other {cpu['other']:.0f}%; "
            f"{'correct' if result['correctness']['ok'] else 'NOT CORRECT'}: {result['correctness']['detail']}")
