package com.clickeen.sf.jobs;

import com.clickeen.sf.learning.AnalyzeFailures;
import com.clickeen.sf.learning.Cleanup;
import com.clickeen.sf.learning.ExampleSelector;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.learning.ScoreInteractions;
import com.clickeen.sf.learning.Scoring;
import com.clickeen.sf.learning.UpdateExampleBanks;
import com.clickeen.sf.store.Backends;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The learning loop's scheduled jobs, registered explicitly. */
public final class LearningJobs {
  private final List<Job> jobs;

  public record Settings(Duration sessionTtl, Duration rawRetention) {}

  public LearningJobs(Backends b, Clock clock, Settings settings, Scoring scoring) {
    ScoreInteractions score = new ScoreInteractions(b.scores(), clock, scoring);
    UpdateExampleBanks banks = new UpdateExampleBanks(b.interactions(), b.exampleBanks(), new ExampleSelector(ExampleSelector.Settings.defaults()), clock);
    AnalyzeFailures analyze = new AnalyzeFailures(b.interactions(), b.failureReports(), clock);
    Cleanup cleanup = new Cleanup(b.kv(), b.blobs(), b.interactions(), clock, settings.sessionTtl(), settings.rawRetention());
    this.jobs = List.of(
        job("score-interactions", "Scores interactions that are new or have new outcomes, reviews or events.", "0 0 * * * *",
            p -> score.run(p) + " interactions scored"),
        job("update-example-banks", "Rebuilds each agent's example bank as a new version.", "0 0 3 * * *",
            p -> banks.run(p).entrySet().stream().map(e -> e.getKey() + " v" + e.getValue()[0] + " (" + e.getValue()[1] + " examples)")
                .collect(Collectors.joining(", "))),
        job("analyze-and-improve", "Writes a failure report per agent and prompt version for the last 7 days.", "0 0 4 * * MON",
            p -> analyze.run(p) + " failure reports written"),
        job("cleanup-old-sessions", "Removes expired sessions and raw payloads past the retention.", "0 0 2 * * *",
            p -> {
              Cleanup.Result r = cleanup.run(p);
              return r.kvEntries() + " expired KV entries, " + r.sessionRows() + " session rows, " + r.rawPayloads()
                  + " raw payloads removed";
            }));
  }

  private interface Work {
    String run(Progress p) throws Exception;
  }

  private static Job job(String name, String description, String cron, Work work) {
    return new Job() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public String cron() {
        return cron;
      }

      @Override
      public String run(Progress progress) throws Exception {
        return work.run(progress);
      }
    };
  }

  public List<Job> all() {
    return jobs;
  }

  public Optional<Job> find(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
  }
}
