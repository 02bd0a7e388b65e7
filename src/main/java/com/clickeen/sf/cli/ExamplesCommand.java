package com.clickeen.sf.cli;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.ExampleBanks;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "examples", mixinStandardHelpOptions = true, description = "The example banks.",
    subcommands = {ExamplesCommand.ListExamples.class})
public final class ExamplesCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The examples of an agent's current bank.")
  static final class ListExamples implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        List<ExampleBanks.Example> ex = b.exampleBanks().examples(id);
        if (ex.isEmpty()) {
          var runs = b.jobRuns().jobRuns("update-example-banks", 1);
          if (runs.isEmpty()) {
            System.out.println(id + " has no example bank yet: update-example-banks has not run (daily 03:00; now: "
                + "./sf jobs run update-example-banks)");
          } else {
            var last = runs.getFirst();
            System.out.println(id + " has no examples: update-example-banks last ran "
                + java.time.Instant.ofEpochMilli(last.startedAtMs()) + " (" + last.status() + ": "
                + (last.error() != null ? last.error() : last.detail()) + "); an interaction becomes an example once it "
                + "is scored at least 0.6 or reviewed golden (./sf jobs run score-interactions scores new ones)");
          }
          return 0;
        }
        System.out.println(id + " example bank v" + ex.getFirst().bankVersion() + ": " + ex.size() + " examples");
        for (ExampleBanks.Example e : ex) {
          System.out.printf("%.3f  %-38s %-8s %-6s %s%n", e.score(), e.interactionId(), e.intent() == null ? "-" : e.intent(),
              e.locale() == null ? "-" : e.locale(), oneLine(e.inputText()));
        }
      }
      return 0;
    }

    static String oneLine(String s) {
      String t = s == null ? "" : s.replaceAll("\\s+", " ");
      return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
  }
}
