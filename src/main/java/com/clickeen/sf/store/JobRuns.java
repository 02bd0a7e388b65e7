package com.clickeen.sf.store;

import java.util.List;

/** Every run of a job, scheduled or by hand ({@code sf_job_runs}). */
public interface JobRuns {

  /** Records a run as started ({@code running}); returns its id. */
  long startJobRun(String job, String trigger, long nowMs);

  void finishJobRun(long runId, String status, String detail, String error, long nowMs);

  /** The newest runs of a job (all jobs when null), newest first. */
  List<JobRun> jobRuns(String job, int limit);

  record JobRun(long id, String job, String trigger, long startedAtMs, Long finishedAtMs, String status, String detail,
      String error) {}
}
