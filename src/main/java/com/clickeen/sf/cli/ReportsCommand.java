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
  @Option(names = "--agent")
  String agent;

  @Option(names = "--limit", defaultValue = "5")
  int limit;

  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() throws Exception {
    String id = agent == null ? null : AgentOption.resolve(agent);
    try (Backends b = LocalContext.open(dataDir.resolve())) {
      var reports = b.failureReports().reports(id, limit);
      if (reports.isEmpty()) {
        System.out.println("no failure reports yet (./sf jobs run analyze-and-improve)");
      }
      for (FailureReports.Report r : reports) {
        System.out.println("# " + r.agentId() + " " + r.promptId() + " " + Instant.ofEpochMilli(r.createdAtMs()));
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.parse(r.json())));
      }
    }
    return 0;
  }
}
