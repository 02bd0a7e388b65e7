package com.clickeen.sf.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.JobRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler runs each job when the (settable) clock reaches its cron time, in the configured zone, and retries failures. */
class JobSchedulerTest {
  @TempDir
  Path dir;

  static Job job(String name, String cron, AtomicInteger runs, int failFirst) {
    return new Job() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return name;
      }

      @Override
      public String cron() {
        return cron;
      }

      @Override
      public String run(Progress progress) {
        int n = runs.incrementAndGet();
        if (n <= failFirst) {
          throw new IllegalStateException("boom " + n);
        }
        return "run " + n;
      }
    };
  }

  @Test
  void a_daily_job_runs_at_its_local_time_and_a_failure_is_retried_and_visible() {
    // 02:00 in Paris is 01:00 UTC in November.
    SettableClock clock = new SettableClock(Instant.parse("2026-11-24T00:59:50Z"));
    AtomicInteger cleanupRuns = new AtomicInteger();
    AtomicInteger hourlyRuns = new AtomicInteger();
    try (Backends b = Backends.embedded(dir, clock)) {
      JobRunner runner = new JobRunner(b.jobRuns(), clock);
      List<Job> jobs = List.of(job("cleanup-old-sessions", "0 0 2 * * *", cleanupRuns, 1),
          job("score-interactions", "0 0 * * * *", hourlyRuns, 0));
      try (JobScheduler s = new JobScheduler(b.sql(), b.sqlDialect(), jobs, runner, clock, ZoneId.of("Europe/Paris"),
          Duration.ofMillis(100))) {
        s.start();
        sleep(500);
        assertThat(cleanupRuns.get()).isZero();
        assertThat(hourlyRuns.get()).isZero();
        clock.set(Instant.parse("2026-11-24T01:00:01Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cleanupRuns.get() == 1 && hourlyRuns.get() == 1);
        // The failure is recorded, then retried after the backoff (1 minute), not at tomorrow's 02:00.
        await().atMost(Duration.ofSeconds(10)).until(() -> !b.jobRuns().jobRuns("cleanup-old-sessions", 1).isEmpty()
            && "failed".equals(b.jobRuns().jobRuns("cleanup-old-sessions", 1).getFirst().status()));
        JobRuns.JobRun failed = b.jobRuns().jobRuns("cleanup-old-sessions", 1).getFirst();
        assertThat(failed.error()).contains("boom 1");
        assertThat(failed.trigger()).isEqualTo("schedule");
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        await().atMost(Duration.ofSeconds(20)).until(() -> cleanupRuns.get() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(b.jobRuns().jobRuns("cleanup-old-sessions", 1).getFirst().status()));
        // The hourly job ran once in that hour.
        assertThat(hourlyRuns.get()).isEqualTo(1);
        clock.set(Instant.parse("2026-11-24T02:00:02Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hourlyRuns.get() == 2);
      }
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
