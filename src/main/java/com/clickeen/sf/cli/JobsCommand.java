package com.clickeen.sf.cli;

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

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Each job: schedule, last run and its result.")
  static final class ListJobs implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      try (ToolContext t = ToolContext.open(dataDir.resolve())) {
        Backends b = t.backends();
        System.out.printf("%-22s %-16s %-8s %-26s %s%n", "JOB", "SCHEDULE", "LAST", "AT", "RESULT");
        for (Job j : t.app().jobs().all()) {
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

  /** The jobs by name, for --help; {@code jobs run} checks the name against the jobs themselves. */
  static final List<String> NAMES = List.of("score-interactions", "update-example-banks", "analyze-and-improve",
      "evaluate-experiments", "cleanup-old-sessions");

  /** Candidates for {@code jobs run NAME} (listed in its help). */
  static final class JobNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job now (also while the service runs).")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = JobNames.class,
        description = "The job: ${COMPLETION-CANDIDATES}.")
    String name;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      try (ToolContext t = ToolContext.open(dataDir.resolve())) {
        Backends b = t.backends();
        LearningJobs jobs = t.app().jobs();
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
