package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.JobRuns;
import com.clickeen.sf.store.JobRuns.JobRun;
import org.junit.jupiter.api.Test;

/** {@link JobRuns} on every SQL backend. */
abstract class JobRunsContract extends SqlPortContract {

  @Test
  void runs_are_recorded_from_start_to_end_newest_first() {
    JobRuns runs = backends.jobRuns();
    long first = runs.startJobRun("j", "cli", 1);
    long second = runs.startJobRun("other", "schedule", 2);
    long third = runs.startJobRun("j", "schedule", 3);
    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
    runs.finishJobRun(first, "ok", "done", null, 4);
    runs.finishJobRun(second, "failed", null, "java.lang.IllegalStateException: x", 5);
    assertThat(runs.jobRuns("j", 5)).containsExactly(
        new JobRun(third, "j", "schedule", 3, null, "running", null, null),
        new JobRun(first, "j", "cli", 1, 4L, "ok", "done", null));
    assertThat(runs.jobRuns(null, 2)).extracting(JobRun::id).containsExactly(third, second);
    assertThat(runs.jobRuns(null, 5)).filteredOn(r -> r.id() == second).singleElement()
        .satisfies(r -> assertThat(r.error()).isEqualTo("java.lang.IllegalStateException: x"));
    assertThat(runs.jobRuns("none", 5)).isEmpty();
  }
}
