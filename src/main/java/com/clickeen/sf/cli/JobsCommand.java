package com.clickeen.sf.cli;

import com.clickeen.sf.SfConfig;
import com.clickeen.sf.jobs.Job;
import com.clickeen.sf.jobs.JobRunner;
import com.clickeen.sf.jobs.LearningJobs;
import com.clickeen.sf.learning.LearningEvents;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.JobRuns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "The learning loop's scheduled jobs.",
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.Run.class})
public final class JobsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static LearningJobs jobs(Backends b) {
    // The jobs verify no grant: a placeholder secret stands in for AI_GRANT_HMAC_SECRET.
    SfConfig c = SfConfig.fromEnv(SfConfig.processEnvironment(), SfConfig.Overrides.none().withPort(0)
        .withDataDir(java.nio.file.Path.of(".")).withGrantSecret(new byte[SfConfig.MIN_SECRET_BYTES]));
    return new LearningJobs(b, Clock.systemUTC(), new LearningJobs.Settings(c.sessionTtl(), c.rawRetention()),
        com.clickeen.sf.learning.Scoring.standard());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Each job: schedule, last run and its result.")
  static final class ListJobs implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        System.out.printf("%-22s %-16s %-8s %-26s %s%n", "JOB", "SCHEDULE", "LAST", "AT", "RESULT");
        for (Job j : jobs(b).all()) {
          List<JobRuns.JobRun> runs = b.jobRuns().jobRuns(j.name(), 1);
          JobRuns.JobRun last = runs.isEmpty() ? null : runs.getFirst();
          System.out.printf("%-22s %-16s %-8s %-26s %s%n", j.name(), j.cron(), last == null ? "never" : last.status(),
              last == null ? "" : Instant.ofEpochMilli(last.startedAtMs()).toString(),
              last == null ? j.description() : last.error() != null ? last.error() : last.detail());
        }
        for (String consumer : List.of(LearningEvents.TOPIC_CONVERTED, LearningEvents.TOPIC_PAID)) {
          System.out.printf("%-22s %-16s %-8s %-26s %s%n", consumer, "queue consumer", "-", "",
              "attributes events from POST /v1/learning/events (runs inside the service)");
        }
      }
      return 0;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job now (also while the service runs).")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        LearningJobs jobs = jobs(b);
        Job job = jobs.find(name).orElse(null);
        if (job == null) {
          System.err.println("sf jobs run: no job '" + name + "'; jobs: "
              + jobs.all().stream().map(Job::name).toList());
          return 2;
        }
        JobRunner runner = new JobRunner(b.jobRuns(), Clock.systemUTC());
        String detail;
        try (BarProgress bar = new BarProgress()) {
          detail = runner.run(job, "cli", bar);
        } catch (Exception e) {
          System.err.println("sf jobs run " + name + ": failed: " + e.getMessage());
          return 1;
        }
        System.out.println(name + ": " + detail);
      }
      return 0;
    }
  }

  /** A progress bar on stderr, created at the first update of each step. */
  static final class BarProgress implements Progress, AutoCloseable {
    private final Map<String, ProgressBar> bars = new java.util.LinkedHashMap<>();

    private final boolean terminal = System.console() != null;

    @Override
    public synchronized void update(String step, long done, long total) {
      if (!terminal) {
        return; // the closing line says what was done; a bar is noise in a log
      }
      ProgressBar bar = bars.computeIfAbsent(step, s -> new ProgressBarBuilder().setTaskName(s).setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(200).continuousUpdate().build());
      if (total >= 0) {
        bar.maxHint(total);
      }
      bar.stepTo(done);
    }

    @Override
    public synchronized void close() {
      bars.values().forEach(ProgressBar::close);
    }
  }
}
