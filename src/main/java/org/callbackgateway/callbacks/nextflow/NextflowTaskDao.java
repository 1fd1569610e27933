package org.callbackgateway.callbacks.nextflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The tasks of Nextflow runs, each at the furthest state its events reported: a late {@code process_started}
 * never moves a completed task back.
 */
@RegisterConstructorMapper(NextflowTaskDao.StateCount.class)
public interface NextflowTaskDao {

    /** How many of a job's tasks are in one state. */
    record StateCount(String state, long tasks) {
    }

    @SqlUpdate("""
            INSERT INTO nextflow_tasks (job_id, run_id, task_id, process, state, updated_at)
            VALUES (:jobId, :runId, :taskId, :process, :state, :now)
            ON CONFLICT (job_id, run_id, task_id) DO UPDATE
               SET state = EXCLUDED.state,
                   process = COALESCE(EXCLUDED.process, nextflow_tasks.process),
                   updated_at = EXCLUDED.updated_at
             WHERE (CASE EXCLUDED.state WHEN 'submitted' THEN 0 WHEN 'running' THEN 1 ELSE 2 END)
                 > (CASE nextflow_tasks.state WHEN 'submitted' THEN 0 WHEN 'running' THEN 1 ELSE 2 END)
            """)
    void record(@Bind("jobId") UUID jobId, @Bind("runId") String runId, @Bind("taskId") long taskId,
                @Bind("process") String process, @Bind("state") String state, @Bind("now") Instant now);

    @SqlQuery("SELECT state, count(*) AS tasks FROM nextflow_tasks WHERE job_id = :jobId GROUP BY state")
    List<StateCount> counts(@Bind("jobId") UUID jobId);
}
