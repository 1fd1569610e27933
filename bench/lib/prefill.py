"""The scale check's pre-fill: millions of deliveries spread over the daily partitions of the retention window.

Each day is filled by one psql session with set-based SQL (INSERT ... SELECT generate_series) into a table of
its own without indexes, then attached as that day's partition: ATTACH builds every index the partitioned table
has (the same definitions, names and kinds as the partitions the gateway creates itself: the primary key, the
received-time, source, job, key, duplicate and replay indexes, the GIN jsonb_path_ops index of the payload), which
is several times faster than keeping them up to date row by row. The keys of the accepted deliveries go into
delivery_keys, whose two indexes are dropped for the fill and built again afterwards, so that the run's
de-duplication checks every new delivery id against all of them.

The rows are what the gateway stores for the senders: four in five are GitHub push deliveries shaped like the
ones scenario (b) sends (BenchBodies.githubPush), from 5,000 repositories of very different activity (a few
busy ones, many quiet ones), verified and received, one in a thousand rejected; one in five are DE notification
agent status changes for the registered jobs, applied, ignored or not found.
"""

import datetime
import subprocess
import time

# The repository of a row: a skewed pick from REPOSITORIES, so that some names match many rows and most match few.
REPOSITORIES = 5000


def repository(number):
    """The full_name of repository `number`, as the SQL below makes it."""
    return f"lab-{number % 97}/pipeline-{number}"


def expected_share(number):
    """The share of GitHub rows from repository `number` (the inverse of the SQL's skewed pick)."""
    low, high = number / REPOSITORIES, (number + 1) / REPOSITORIES
    return high ** (1 / 3) - low ** (1 / 3)


# The row of generate_series value g: its hash-derived fraction u in [0, 1), source, repository, outcome.
ROWS_SQL = """
INSERT INTO {table} (id, source, delivery_key, event_type, content_type, body, body_size, verification,
                     verification_detail, processing, processing_detail, job_id, received_at, headers,
                     signature_headers, payload)
SELECT {first_id} + g - 1, r.source, r.delivery_key, r.event_type, 'application/json', convert_to(r.doc, 'UTF8'),
       octet_length(r.doc), r.verification, r.verification_detail, r.processing, r.processing_detail, r.job_id,
       r.at, r.headers, r.signature_headers, r.doc::jsonb
  FROM generate_series({low}::bigint, {high}) g
 CROSS JOIN LATERAL (SELECT timestamptz '{day_start}' + interval '1 day' * (g - {low} + 0.5) / ({high} - {low} + 1) AS at,
                            ((g::bigint * 2654435761) % 4294967296) / 4294967296.0::float8 AS u,
                            md5('prefill-' || g)::uuid::text AS key,
                            (SELECT array_agg(id ORDER BY id) FROM jobs) AS jobs) t
 CROSS JOIN LATERAL (SELECT floor({repositories} * t.u ^ 3)::int AS repo,
                            lpad(to_hex(g * 40503), 16, '0') || md5(g::text) AS before,
                            lpad(to_hex((g + 1) * 40503), 16, '0') || md5((g + 1)::text) AS after,
                            to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS iso,
                            extract(epoch FROM t.at)::bigint AS epoch) p
 CROSS JOIN LATERAL (
     SELECT CASE WHEN g % 5 = 0 THEN 'notification' ELSE 'github' END AS source,
            CASE WHEN g % 5 = 0 THEN NULL ELSE t.key END AS delivery_key,
            CASE WHEN g % 5 = 0 THEN NULL ELSE 'push' END AS event_type,
            CASE WHEN g % 5 = 0 THEN 'unsigned' WHEN g % 1000 = 1 THEN 'rejected' ELSE 'verified' END AS verification,
            CASE WHEN g % 1000 = 1 THEN 'X-Hub-Signature-256 does not match the body' END AS verification_detail,
            CASE WHEN g % 5 <> 0 THEN 'received' WHEN g % 50 = 0 THEN 'not_found'
                 WHEN g % 3 = 0 THEN 'ignored' ELSE 'applied' END AS processing,
            CASE WHEN g % 5 <> 0 THEN NULL WHEN g % 50 = 0 THEN 'no job with external id ' || t.key
                 WHEN g % 3 = 0 THEN 'not a forward transition' ELSE 'Running' END AS processing_detail,
            CASE WHEN g % 5 = 0 AND g % 50 <> 0 THEN t.jobs[1 + g % cardinality(t.jobs)] END AS job_id,
            CASE WHEN g % 5 = 0 THEN NULL ELSE jsonb_build_object(
                'User-Agent', 'GitHub-Hookshot/5f3a1c2', 'X-GitHub-Delivery', t.key, 'X-GitHub-Event', 'push',
                'X-GitHub-Hook-ID', '44055', 'Content-Type', 'application/json') END AS headers,
            CASE WHEN g % 5 = 0 THEN NULL ELSE jsonb_build_object(
                'X-Hub-Signature-256', 'sha256=' || md5(t.key) || md5(p.after)) END AS signature_headers,
            t.at,
            CASE WHEN g % 5 = 0 THEN format(
'{{"deleted":false,"message":{{"id":"%1$s","text":"wc_%2$s %3$s","timestamp":"%4$s"}},'
'"outputDir":"/iplant/home/snow-dog/analyses/wc_%2$s-2024-10-08-16-56-53.284","outputManifest":[%5$s],'
'"payload":{{"action":"job_status_change","analysis_id":"C7F05682-23C8-4182-B9A2-E09650A5F49B",'
'"analysis_name":"Word Count","description":"","display_name":"","enddate":"","id":"%6$s",'
'"name":"wc_%2$s","resultfolderid":"/iplant/home/snow-dog/analyses/wc_%2$s-2024-10-08-16-56-53.284",'
'"startdate":"%4$s","status":"Running","user":"snow-dog"}},"seen":false,"type":"analysis","user":"snow-dog"}}',
                t.key, 10081655 + g % 1000, 'running', p.epoch * 1000,
                (SELECT string_agg(format('{{"path":"/iplant/home/snow-dog/analyses/wc_%s/output/part-%s.tsv",'
                                          '"size":%s,"type":"text/tab-separated-values"}}', 10081655 + g % 1000, f,
                                          1024 * (f + 3)), ',') FROM generate_series(0, 8) f),
                t.jobs[1 + g % cardinality(t.jobs)])
            ELSE format(
'{{"ref":"refs/heads/main","before":"%1$s","after":"%2$s","created":false,"deleted":false,"forced":false,'
'"compare":"https://github.com/%3$s/compare/%4$s...%5$s",'
'"repository":{{"id":%6$s,"node_id":"R_kgDO%7$s","name":"pipeline-%8$s","full_name":"%3$s",'
'"private":false,"owner":{{"login":"lab-%9$s","id":%10$s,"type":"Organization"}},'
'"html_url":"https://github.com/%3$s","description":"Pipelines for the analysis platform",'
'"fork":false,"url":"https://github.com/%3$s","created_at":1696512000,'
'"pushed_at":%11$s,"git_url":"git://github.com/%3$s.git",'
'"clone_url":"https://github.com/%3$s.git","default_branch":"main","master_branch":"main"}},'
'"pusher":{{"name":"snow-dog","email":"snow-dog@example.org"}},'
'"sender":{{"login":"snow-dog","id":5123987,"type":"User","site_admin":false}},'
'"head_commit":{{"id":"%2$s","tree_id":"%12$s","distinct":true,'
'"message":"Run the word count stage on the new cluster queue (prefill %13$s)","timestamp":"%14$s",'
'"url":"https://github.com/%3$s/commit/%2$s",'
'"author":{{"name":"Snow Dog","email":"snow-dog@example.org","username":"snow-dog"}},'
'"committer":{{"name":"GitHub","email":"noreply@github.com","username":"web-flow"}},'
'"added":["pipelines/wordcount/queue.yaml"],"removed":[],'
'"modified":["pipelines/wordcount/stage.py","pipelines/wordcount/README.md","ci/matrix.yaml"]}},'
'"commits":[{{"id":"%2$s","distinct":true,"message":"Run the word count stage on the new cluster queue",'
'"timestamp":"%14$s","author":{{"name":"Snow Dog","email":"snow-dog@example.org","username":"snow-dog"}},'
'"added":["pipelines/wordcount/queue.yaml"],"removed":[],'
'"modified":["pipelines/wordcount/stage.py","pipelines/wordcount/README.md","ci/matrix.yaml"]}}]}}',
                p.before, p.after, 'lab-' || p.repo % 97 || '/pipeline-' || p.repo, left(p.before, 12),
                left(p.after, 12), 702345118 + p.repo, upper(left(md5(p.repo::text), 8)), p.repo, p.repo % 97,
                145602211 + p.repo % 97, p.epoch, md5(p.after), g, p.iso)
            END AS doc) r
"""


class Prefill:
    def __init__(self, pg, say, sessions=2):
        self.pg = pg
        self.say = say
        self.sessions = sessions
        # A partition the gateway made itself (today's): the definitions every filled partition gets.
        self.template = partition(datetime.date.fromisoformat(pg.value("SELECT (now() AT TIME ZONE 'UTC')::date")))
        self._index_sql = None

    def fill(self, rows, days):
        """Adds `rows` deliveries over the `days` whole days before today (UTC), one partition a day; returns
        the deliveries then stored."""
        today = datetime.date.fromisoformat(self.pg.value("SELECT (now() AT TIME ZONE 'UTC')::date"))
        first_id = int(self.pg.value("SELECT nextval('deliveries_id_seq')"))
        self.pg.psql(f"SELECT setval('deliveries_id_seq', {first_id + rows - 1})")
        plan = []
        for index in range(days):
            day = today - datetime.timedelta(days=days - index)
            low, high = 1 + rows * index // days, rows * (index + 1) // days
            plan.append((day, low, high))
        for day, _, _ in plan:
            self.clear(day)
        self.say(f"  {days} partitions, {plan[0][0]} to {plan[-1][0]}, about {rows // days:,} rows each; "
                 "delivery_keys indexes dropped until the fill is done")
        self.pg.psql("ALTER TABLE delivery_keys DROP CONSTRAINT delivery_keys_pkey; "
                     "DROP INDEX delivery_keys_received_idx")
        # Some 25 GB of WAL: checkpoints every 1 GB (the default max_wal_size) would write each page again and
        # again. The setting is restored, and a checkpoint taken, before (b) runs again.
        self.pg.psql("ALTER SYSTEM SET max_wal_size = '16GB'")
        self.pg.psql("SELECT pg_reload_conf()")
        started = time.monotonic()
        pending = list(plan)
        running = []
        done = 0
        while pending or running:
            while pending and len(running) < self.sessions:
                day, low, high = pending.pop(0)
                running.append((day, high - low + 1, time.monotonic(), _Script(self.pg, self.day_sql(day, low, high, first_id))))
            finished = [job for job in running if job[3].poll()]
            for job in finished:
                running.remove(job)
                day, count, began, script = job
                script.check()
                done += count
                elapsed = time.monotonic() - started
                self.say(f"  {day}: {count:,} rows in {time.monotonic() - began:.0f} s; {done:,} / {rows:,} "
                         f"({elapsed:.0f} s, about {elapsed / done * (rows - done):.0f} s to go)")
            if not finished:
                time.sleep(0.5)
        self.say("  building the delivery_keys indexes")
        self.pg.psql("SET maintenance_work_mem = '512MB'; "
                     "ALTER TABLE delivery_keys ADD CONSTRAINT delivery_keys_pkey PRIMARY KEY (source, delivery_key); "
                     "CREATE INDEX delivery_keys_received_idx ON delivery_keys (received_at)")
        self.say("  VACUUM ANALYZE delivery_keys, ANALYZE deliveries")
        self.pg.psql("VACUUM (ANALYZE) delivery_keys")
        self.pg.psql("ANALYZE deliveries")
        self.pg.psql("ALTER SYSTEM RESET max_wal_size")
        self.pg.psql("SELECT pg_reload_conf()")
        self.say("  CHECKPOINT")
        self.pg.psql("CHECKPOINT")
        return int(self.pg.value("SELECT count(*) FROM deliveries"))

    def clear(self, day):
        """Drops the day's partition when the gateway made it already (it makes yesterday's): it must be empty."""
        name = partition(day)
        if self.pg.value(f"SELECT to_regclass('{name}') IS NOT NULL") == "t":
            if self.pg.value(f"SELECT EXISTS (SELECT 1 FROM {name})") == "t":
                raise RuntimeError(f"partition {name} holds deliveries already; the pre-fill needs an empty day")
            self.pg.psql(f"DROP TABLE {name}")

    def day_sql(self, day, low, high, first_id):
        name = partition(day)
        start = f"{day.isoformat()} 00:00:00+00"
        end = f"{(day + datetime.timedelta(days=1)).isoformat()} 00:00:00+00"
        rows = ROWS_SQL.format(table=name, first_id=first_id, low=low, high=high, day_start=start,
                               repositories=REPOSITORIES)
        indexes = "\n".join(statement.replace(self.template, name) + ";" for statement in self.index_sql())
        return f"""
\\set ON_ERROR_STOP 1
SET maintenance_work_mem = '256MB';
CREATE TABLE {name} (LIKE deliveries INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION);
{rows};
-- Accepted deliveries hold their key for de-duplication, as the gateway's own do.
INSERT INTO delivery_keys (source, delivery_key, delivery_id, received_at)
SELECT source, delivery_key, id, received_at FROM {name} WHERE delivery_key IS NOT NULL AND verification <> 'rejected';
-- The indexes and constraints of a partition the gateway made, built here so that ATTACH (which holds a lock
-- on deliveries that a second ATTACH waits for) only adopts them; the CHECK spares it the scan of the bounds.
{indexes}
ALTER TABLE {name} ADD CONSTRAINT {name}_bounds CHECK (received_at >= '{start}' AND received_at < '{end}');
ALTER TABLE deliveries ATTACH PARTITION {name} FOR VALUES FROM ('{start}') TO ('{end}');
ALTER TABLE {name} DROP CONSTRAINT {name}_bounds;
VACUUM {name};
"""

    def index_sql(self):
        """The indexes, primary key and foreign keys of the template partition, as statements."""
        if self._index_sql is None:
            constraints = [f"ALTER TABLE {self.template} ADD CONSTRAINT {name} {definition}"
                           for name, definition in self.pg.rows(
                               f"SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                               f"WHERE conrelid = '{self.template}'::regclass AND contype IN ('p', 'f') ORDER BY contype DESC")]
            indexes = [definition for (definition,) in self.pg.rows(
                f"SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid "
                f"AND c.conrelid = i.indrelid WHERE i.indrelid = '{self.template}'::regclass AND c.oid IS NULL ORDER BY 1")]
            self._index_sql = constraints + indexes
        return self._index_sql


def partition(day):
    return "deliveries_" + day.strftime("%Y%m%d")


class _Script:
    """One psql session running a script (each statement its own transaction) while the caller starts others."""

    def __init__(self, pg, script):
        self.process = subprocess.Popen(
            ["psql", "-h", "127.0.0.1", "-p", str(pg.port), "-U", pg.user, "-d", pg.database, "-AtqX", "-f", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.process.stdin.write(script)
        self.process.stdin.close()

    def poll(self):
        return self.process.poll() is not None

    def check(self):
        error = self.process.stderr.read()
        if self.process.returncode != 0:
            raise RuntimeError(f"psql failed: {error.strip()}")
