package com.clickeen.sf.jobs;

import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.store.JobRuns;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a job and records the run ({@code sf_job_runs}): started, then ok with its account or failed with its error. */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobRuns runs;
  private final Clock clock;

  public JobRunner(JobRuns runs, Clock clock) {
    this.runs = runs;
    this.clock = clock;
  }

  public String run(Job job, String trigger, Progress progress) throws Exception {
    long runId = runs.startJobRun(job.name(), trigger, clock.millis());
    long t0 = System.nanoTime();
    try {
      String detail = job.run(progress);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      runs.finishJobRun(runId, "ok", detail + " (" + ms + " ms)", null, clock.millis());
      LOG.info("job {} ({}) ok in {} ms: {}", job.name(), trigger, ms, detail);
      return detail;
    } catch (Exception | Error e) {
      runs.finishJobRun(runId, "failed", null, e.toString(), clock.millis());
      LOG.error("job {} ({}) failed; it will be retried: {}", job.name(), trigger, e.toString(), e);
      throw e;
    }
  }
}
