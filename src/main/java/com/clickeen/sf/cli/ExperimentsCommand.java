package com.clickeen.sf.cli;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.experiments.EvaluationJson;
import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.ExperimentException;
import com.clickeen.sf.learning.experiments.ExperimentService;
import com.clickeen.sf.learning.experiments.ExperimentStore.DecisionRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "experiments", mixinStandardHelpOptions = true,
    description = "A/B tests of a candidate prompt version against the active one, decided by the hourly "
        + "evaluate-experiments job (always-valid sequential test, sample-ratio check, guardrails). See docs/EXPERIMENTS.md.",
    subcommands = {ExperimentsCommand.Start.class, ExperimentsCommand.ListExperiments.class, ExperimentsCommand.Show.class,
        ExperimentsCommand.Stop.class, ExperimentsCommand.Promote.class})
public final class ExperimentsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs {@code work} on the loop's experiment service; an experiment error is a message and exit 2 (1 for a conflict). */
  static int withExperiments(DataDirOption dataDir, String command, Work work) {
    try (ToolContext t = ToolContext.open(dataDir.resolve())) {
      return work.run(t.app().jobs().experiments());
    } catch (ExperimentException e) {
      System.err.println("sf experiments " + command + ": " + e.getMessage());
      return e.kind() == ExperimentException.Kind.CONFLICT ? 1 : 2;
    }
  }

  interface Work {
    int run(ExperimentService experiments);
  }

  static String line(Experiment e) {
    return "%s  %-20s v%d vs v%d  %3.0f %%  %-9s %-12s started %s%s".formatted(e.id(), e.agentId(), e.controlVersion(),
        e.candidateVersion(), e.traffic() * 100, e.metric().label(), e.status().label(),
        Instant.ofEpochMilli(e.startedAtMs()), e.decision() == null ? "" : "  " + e.decision());
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start an experiment: the candidate version against the agent's active version. Prints the "
          + "experiment's id on its last line.")
  static final class Start implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Option(names = "--candidate", required = true, paramLabel = "N", description = "The candidate prompt version.")
    int candidate;

    @Option(names = "--traffic", paramLabel = "SHARE", description = "The candidate's share of subjects, in (0, 1) (default 0.5).")
    Double traffic;

    @Option(names = "--metric", paramLabel = "METRIC", description = "score (default) or converted.")
    String metric;

    @Option(names = "--maturity", paramLabel = "DURATION",
        description = "How old an interaction must be before its metric counts, e.g. PT1H or P7D (default: 0 for "
            + "score, the attribution window for converted).")
    Duration maturity;

    @Option(names = "--max-days", paramLabel = "DAYS", description = "End inconclusive after this many days (default 14).")
    Integer maxDays;

    @Option(names = "--manual", description = "Never promote by itself: a promote verdict waits for 'experiments promote'.")
    boolean manual;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      Experiment.Metric m;
      try {
        m = metric == null ? null : Experiment.Metric.parse(metric);
      } catch (IllegalArgumentException e) {
        System.err.println("sf experiments start: " + e.getMessage());
        return 2;
      }
      if (maxDays != null && maxDays < 1) {
        System.err.println("sf experiments start: --max-days must be at least 1");
        return 2;
      }
      return withExperiments(dataDir, "start", x -> {
        Experiment e = x.start(new ExperimentService.StartRequest(id, candidate, traffic, m, maturity,
            maxDays == null ? null : Duration.ofDays(maxDays), manual ? Boolean.FALSE : null));
        System.out.println("started: " + line(e));
        System.out.println(e.id());
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Experiments, newest first.")
  static final class ListExperiments implements Callable<Integer> {
    @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's experiments.")
    String agent;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent == null ? null : AgentOption.resolve(agent);
      return withExperiments(dataDir, "list", x -> {
        var all = x.list(id, 100);
        if (all.isEmpty()) {
          System.out.println("no experiment yet (start one with ./sf experiments start --agent A --candidate N)");
        }
        all.forEach(e -> System.out.println(line(e)));
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One experiment as JSON: its settings and status, the statistics now and the decision log.")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id (exp-…).")
    String id;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      return withExperiments(dataDir, "show", x -> {
        Experiment e = x.get(id);
        ObjectNode n = Json.object();
        n.put("id", e.id());
        n.put("agentId", e.agentId());
        n.put("status", e.status().label());
        n.put("controlVersion", e.controlVersion());
        n.put("candidateVersion", e.candidateVersion());
        n.put("traffic", e.traffic());
        n.put("metric", e.metric().label());
        n.put("maturity", e.maturity().toString());
        n.put("maxDuration", e.maxDuration().toString());
        n.put("autoPromote", e.autoPromote());
        n.put("startedAt", Instant.ofEpochMilli(e.startedAtMs()).toString());
        n.put("endedAt", e.endedAtMs() == null ? null : Instant.ofEpochMilli(e.endedAtMs()).toString());
        n.put("decision", e.decision());
        n.set("statistics", EvaluationJson.node(x.evaluate(e)));
        ArrayNode log = n.putArray("decisions");
        for (DecisionRecord d : x.decisions(e.id())) {
          ObjectNode o = log.addObject();
          o.put("at", Instant.ofEpochMilli(d.atMs()).toString());
          o.put("verdict", d.verdict());
          o.put("applied", d.applied());
          o.put("reason", d.reason());
          try {
            o.set("statistics", Json.parse(d.statsJson()));
          } catch (java.io.IOException ex) {
            o.put("statistics", d.statsJson());
          }
        }
        System.out.println(n.toPrettyString());
        return 0;
      });
    }
  }

  /** A command on one experiment, by id: applies {@link #apply} and prints the experiment after it. */
  abstract static class OnOne implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The experiment's id (exp-…).")
    String id;

    @Mixin
    DataDirOption dataDir;

    abstract String name();

    abstract Experiment apply(ExperimentService experiments, String id);

    @Override
    public Integer call() {
      return withExperiments(dataDir, name(), x -> {
        Experiment e = apply(x, id);
        System.out.println(e.status().label() + ": " + line(e));
        return 0;
      });
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop an open experiment; the control stays active.")
  static final class Stop extends OnOne {
    @Override
    String name() {
      return "stop";
    }

    @Override
    Experiment apply(ExperimentService experiments, String id) {
      return experiments.stop(id);
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Promote an open experiment's candidate now: it becomes the agent's active version.")
  static final class Promote extends OnOne {
    @Override
    String name() {
      return "promote";
    }

    @Override
    Experiment apply(ExperimentService experiments, String id) {
      return experiments.promote(id);
    }
  }
}
