package com.clickeen.sf.jobs;

import com.clickeen.sf.learning.AnalyzeFailures;
import com.clickeen.sf.learning.Cleanup;
import com.clickeen.sf.learning.ExampleSelector;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.learning.ScoreInteractions;
import com.clickeen.sf.learning.Scoring;
import com.clickeen.sf.learning.UpdateExampleBanks;
import com.clickeen.sf.learning.evolution.CandidateGate;
import com.clickeen.sf.learning.evolution.EvolutionLoop;
import com.clickeen.sf.learning.evolution.EvolutionSettings;
import com.clickeen.sf.learning.evolution.PromptEvolution;
import com.clickeen.sf.learning.evolution.PromptProposer;
import com.clickeen.sf.learning.experiments.ExperimentEvaluator;
import com.clickeen.sf.learning.experiments.ExperimentService;
import com.clickeen.sf.store.Backends;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The learning loop's scheduled jobs, registered explicitly. */
public final class LearningJobs {
  private final List<Job> jobs;

  public record Settings(Duration sessionTtl, Duration rawRetention) {}

  /**
   * What the prompt-evolution half of the loop needs besides the stores.
   *
   * @param resultSchemas each agent's result schema (the output contract a candidate must keep)
   * @param gate the offline gate (it runs agents, so the caller that has them supplies it)
   */
  public record Loop(PromptProposer proposer, Function<String, JsonNode> resultSchemas, CandidateGate gate,
      EvolutionSettings settings, Duration attributionWindow) {}

  private final ExperimentService experiments;
  private final PromptEvolution evolution;

  public LearningJobs(Backends b, Clock clock, Settings settings, Scoring scoring, Loop loop) {
    this.experiments = new ExperimentService(b.experiments(), b.prompts(),
        new ExperimentEvaluator(ExperimentEvaluator.Settings.DEFAULT), new ExperimentService.Settings(0.5,
            loop.settings().maxExperimentDuration(), loop.attributionWindow(), loop.settings()::auto), clock);
    this.evolution = new PromptEvolution(b.interactions(), b.failureReports(), b.exampleBanks(), b.prompts(),
        loop.proposer(), loop.resultSchemas(), loop.settings().minInteractions(), clock);
    EvolutionLoop evolve = new EvolutionLoop(evolution, loop.gate(), experiments, b.prompts(), b.interactions(),
        loop.settings());
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
        job("analyze-and-improve", "Writes a failure report per agent and prompt version for the last 7 days, then "
            + "proposes a candidate prompt per agent with enough evidence (auto mode: gate, then an experiment).",
            "0 0 4 * * MON",
            p -> analyze.run(p) + " failure reports written; " + String.join("; ", evolve.run(p))),
        job("evaluate-experiments", "Looks at every running experiment (sample ratio, guardrails, sequential test) and "
            + "applies its decision: promote, roll back, end inconclusive or pause.", "0 30 * * * *",
            p -> {
              var outcomes = experiments.evaluateAll();
              return outcomes.isEmpty() ? "no running experiment" : outcomes.stream().map(o -> o.experiment().id() + " ("
                  + o.experiment().agentId() + "): " + o.evaluation().verdict().name().toLowerCase(java.util.Locale.ROOT)
                  + (o.applied() ? ", applied" : "") + " - " + o.evaluation().reason()).collect(Collectors.joining("; "));
            }),
        job("cleanup-old-sessions", "Removes expired sessions and raw payloads past the retention.", "0 0 2 * * *",
            p -> {
              Cleanup.Result r = cleanup.run(p);
              return r.kvEntries() + " expired KV entries, " + r.sessionRows() + " session rows, " + r.rawPayloads()
                  + " raw payloads removed";
            }));
  }

  /** The experiments of this loop (start, stop, promote, show). */
  public ExperimentService experiments() {
    return experiments;
  }

  /** The proposer half of analyze-and-improve, on demand ({@code ./sf prompts propose}). */
  public PromptEvolution evolution() {
    return evolution;
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
