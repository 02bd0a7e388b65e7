package com.clickeen.sf.cli;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.FailureReports;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reports", mixinStandardHelpOptions = true,
    description = "Failure reports written by analyze-and-improve (newest first).")
public final class ReportsCommand implements Callable<Integer> {
  @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's reports (default: every agent's).")
  String agent;

  @Option(names = "--limit", defaultValue = "5", paramLabel = "N", description = "Reports to print at most (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() throws Exception {
    String id = agent == null ? null : AgentOption.resolve(agent);
    try (Backends b = LocalContext.open(dataDir.resolve())) {
      var reports = b.failureReports().reports(id, limit);
      if (reports.isEmpty()) {
        System.out.println(noReports(b, id));
      }
      for (FailureReports.Report r : reports) {
        System.out.println("# " + r.agentId() + " " + r.promptId() + " " + Instant.ofEpochMilli(r.createdAtMs()));
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.parse(r.json())));
      }
    }
    return 0;
  }

  /** Why there is nothing to show: the job never ran, or it ran and found nothing to report. */
  static String noReports(Backends b, String agentId) {
    var runs = b.jobRuns().jobRuns("analyze-and-improve", 1);
    String whose = agentId == null ? "" : " for " + agentId;
    if (runs.isEmpty()) {
      return "no failure reports" + whose + ": analyze-and-improve has not run yet (it runs Mondays 04:00; now: "
          + "./sf jobs run analyze-and-improve)";
    }
    var last = runs.getFirst();
    return "no failure reports" + whose + ": analyze-and-improve last ran " + Instant.ofEpochMilli(last.startedAtMs())
        + " (" + last.status() + ": " + (last.error() != null ? last.error() : last.detail()) + "); a report is "
        + "written for an agent with interactions in the last 7 days";
  }
}
