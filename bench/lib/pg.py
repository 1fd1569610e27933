"""The benchmark's PostgreSQL: queries through psql, the pgbench ceilings, the scale check's lookup plans."""

import json
import subprocess


class Postgres:
    def __init__(self, port, database, user):
        self.port = port
        self.database = database
        self.user = user

    def psql(self, sql, database=None):
        """Runs SQL; returns psql's unaligned, tuples-only output."""
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "-d", database or self.database,
             "-AtqX", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}\n  for: {sql[:200]}")
        return result.stdout.strip()

    def value(self, sql):
        return self.psql(sql).splitlines()[0]

    def rows(self, sql):
        return [line.split("|") for line in self.psql(sql).splitlines() if line]

    def pgbench_command(self, script, body, clients, threads, seconds, log_prefix):
        return ["pgbench", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "-n", "-M", "prepared",
                "-c", str(clients), "-j", str(threads), "-T", str(seconds), "-f", str(script), "-D", f"body={body}",
                "-l", f"--log-prefix={log_prefix}", self.database]

    # --- what the scenarios count -------------------------------------------------------------------------------

    def last_delivery_id(self):
        return int(self.value("SELECT COALESCE(max(id), 0) FROM deliveries"))

    def deliveries_after(self, last_id):
        """Deliveries stored after last_id, by source and processing outcome."""
        return [(source, processing, int(n)) for source, processing, n in self.rows(
            f"SELECT source, processing, count(*) FROM deliveries WHERE id > {last_id} GROUP BY 1, 2 ORDER BY 1, 2")]

    def scan_counters(self):
        """Sequential and index scans so far of the tables a delivery reads."""
        # The deliveries table is partitioned: its scans are those of its partitions.
        # seq_tup_read tells a real sequential scan from one of an empty partition (the days ahead), which
        # PostgreSQL plans for any statement without a received-time bound and which reads nothing.
        return {name: {"seq_scan": int(seq), "seq_tup_read": int(read), "idx_scan": int(idx or 0)}
                for name, seq, read, idx in self.rows(
            "SELECT CASE WHEN relname LIKE 'deliveries%' THEN 'deliveries' ELSE relname END, sum(seq_scan), "
            "sum(seq_tup_read), sum(idx_scan) FROM pg_stat_user_tables "
            "WHERE relname = 'jobs' OR relname LIKE 'deliveries%' OR relname = 'delivery_keys' GROUP BY 1 ORDER BY 1")}

    # --- where PostgreSQL spends a scenario's time ------------------------------------------------------------

    def reset_statements(self):
        self.psql("SELECT pg_stat_statements_reset()")

    def top_statements(self, limit=8):
        """The statements that took the most execution time since the last reset, with calls, rows and the slowest
        execution (a spike there, a GIN pending-list flush for one, is what a p99 shows)."""
        rows = self.rows(f"""
            SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3),
                   round(max_exec_time::numeric, 1), round(total_plan_time::numeric, 1), rows,
                   regexp_replace(left(query, 160), '\\s+', ' ', 'g')
              FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY total_exec_time DESC LIMIT {limit}""")
        return [{"calls": int(calls), "total_ms": float(total), "mean_ms": float(mean), "max_ms": float(most),
                 "plan_ms": float(plan), "rows": int(count), "query": "|".join(query)}
                for calls, total, mean, most, plan, count, *query in rows]

    # --- the pgbench ceilings ----------------------------------------------------------------------------------

    def create_ceiling_tables(self):
        self.psql("""
            CREATE TABLE IF NOT EXISTS bench_ceiling_rows (
                id bigserial PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE IF NOT EXISTS bench_ceiling_jobs (
                id integer PRIMARY KEY, status text NOT NULL, updated_at timestamptz NOT NULL);
            INSERT INTO bench_ceiling_jobs SELECT g, 'Submitted', now() FROM generate_series(1, 1000) g
                ON CONFLICT DO NOTHING;""")

    # --- the scale check (the pre-fill is prefill.py) -----------------------------------------------------------

    def lookup_plans(self):
        """The plans of the lookups a delivery makes, with real keys; each must reach its row through an index."""
        job_id, external_id = self.rows("SELECT id, external_id FROM jobs ORDER BY created_at LIMIT 1")[0]
        key = self.value("SELECT delivery_key FROM delivery_keys WHERE source = 'github' "
                         "ORDER BY received_at DESC LIMIT 1")
        last, received = self.rows("SELECT id, received_at FROM deliveries ORDER BY received_at DESC, id DESC LIMIT 1")[0]
        lookups = {
            "delivery by source and delivery id (de-duplication)":
                f"SELECT delivery_id FROM delivery_keys WHERE source = 'github' AND delivery_key = '{key}'",
            "delivery by id and received time (settle)":
                f"SELECT * FROM deliveries WHERE id = {last} AND received_at = '{received}' FOR UPDATE",
            "job by internal id": f"SELECT * FROM jobs WHERE id = '{job_id}' FOR UPDATE",
            "job by external id": f"SELECT * FROM jobs WHERE external_id = '{external_id}' "
                                  "ORDER BY (source = 'de') DESC, created_at, id LIMIT 1 FOR UPDATE",
        }
        plans = []
        for name, sql in lookups.items():
            plan = json.loads(self.psql("EXPLAIN (FORMAT JSON) " + sql))[0]["Plan"]
            scans = [f"{node['Node Type']} on {node.get('Index Name', node.get('Relation Name'))}"
                     for node in _nodes(plan) if "Scan" in node["Node Type"]]
            plans.append({"lookup": name, "scans": scans,
                          # A bitmap heap scan reads what its bitmap index scans found: only a sequential scan fails.
                          "index_only": bool(scans) and all("Seq Scan" not in scan for scan in scans)})
        return plans


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)
