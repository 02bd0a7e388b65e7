package com.clickeen.sf.cli;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.InteractionRow;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Print an agent's interactions since a date as JSONL: index fields, outcomes, review, feedback and score.")
public final class ExportCommand implements Callable<Integer> {
  @Mixin
  AgentOption agent;

  @Option(names = "--since", required = true, paramLabel = "DATE", description = "yyyy-mm-dd (UTC) or an ISO instant.")
  String since;

  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() throws Exception {
    String id = agent.id();
    long sinceMs;
    try {
      sinceMs = since.contains("T") ? Instant.parse(since).toEpochMilli()
          : LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      System.err.println("sf export: --since '" + since + "' is not a date (yyyy-mm-dd) or instant");
      return 2;
    }
    long n = 0;
    try (Backends b = LocalContext.open(dataDir.resolve());
         BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
      String after = null;
      while (true) {
        List<InteractionRow> page = b.interactions().interactionsSince(id, sinceMs, after, 1_000);
        for (InteractionRow r : page) {
          out.write(Json.text(r));
          out.newLine();
          n++;
        }
        if (page.size() < 1_000) {
          break;
        }
        after = page.getLast().id();
      }
    }
    System.err.println("sf export: " + n + " interactions");
    return 0;
  }
}
