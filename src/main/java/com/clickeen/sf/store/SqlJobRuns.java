package com.clickeen.sf.store;

import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link JobRuns} on the SQL index. */
record SqlJobRuns(SqlIndex sql) implements JobRuns {
  private static final RowMapper<JobRun> RUN = ConstructorMapper.of(JobRun.class);

  @Override
  public long startJobRun(String job, String trigger, long nowMs) {
    // RETURNING: both SQLite (3.35+) and PostgreSQL hand back the generated id the same way.
    return sql.call("recording the start of job " + job, h -> h.createQuery("INSERT INTO sf_job_runs (job, trigger, "
            + "started_at_ms, status) VALUES (:job, :trigger, :now, 'running') RETURNING id")
        .bind("job", job).bind("trigger", trigger).bind("now", nowMs).mapTo(Long.class).one());
  }

  @Override
  public void finishJobRun(long runId, String status, String detail, String error, long nowMs) {
    sql.call("recording the end of job run " + runId, h -> h.createUpdate("UPDATE sf_job_runs SET status = :status, "
            + "detail = :detail, error = :error, finished_at_ms = :now WHERE id = :id")
        .bind("status", status).bind("detail", detail).bind("error", error).bind("now", nowMs).bind("id", runId)
        .execute());
  }

  @Override
  public List<JobRun> jobRuns(String job, int limit) {
    return sql.call("reading job runs", h -> h.createQuery("SELECT id, job, trigger, started_at_ms, finished_at_ms, status, "
            + "detail, error FROM sf_job_runs WHERE (CAST(:job AS TEXT) IS NULL OR job = :job) ORDER BY id DESC LIMIT :limit")
        .bind("job", job).bind("limit", limit).map(RUN).list());
  }
}
