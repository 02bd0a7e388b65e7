package com.clickeen.sf.learning;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.FailureReports;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.InteractionRow;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code analyze-and-improve} job, first half: a failure report per agent and prompt version over the
 * last week: invalid results, low scores, bad reviews and undone edits, grouped by error, by invalid rule,
 * by intent and by outcome, each group with its count and sample interaction ids. Reports are stored
 * ({@code sf_reports}) and readable with {@code ./sf reports}. (Proposing prompt versions from them is the
 * next issue's work.)
 */
public final class AnalyzeFailures {
  static final Duration WINDOW = Duration.ofDays(7);
  static final double LOW_SCORE = 0.3;
  static final int MAX_ROWS = 50_000;
  static final int SAMPLES = 5;

  private final Interactions interactions;
  private final FailureReports reports;
  private final FailureCriteria criteria = new FailureCriteria(LOW_SCORE);
  private final Clock clock;

  public AnalyzeFailures(Interactions interactions, FailureReports reports, Clock clock) {
    this.interactions = interactions;
    this.reports = reports;
    this.clock = clock;
  }

  /** Writes one report per (agent, prompt version) with failures; returns how many were written. */
  public int run(Progress progress) {
    long now = clock.millis();
    List<String> agents = interactions.agentsWithInteractions();
    int written = 0;
    int done = 0;
    for (String agent : agents) {
      List<InteractionRow> rows = reports.failuresSince(agent, now - WINDOW.toMillis(), criteria.belowScore(), MAX_ROWS)
          .stream().filter(criteria::isFailure).toList();
      Map<String, List<InteractionRow>> byPrompt = new LinkedHashMap<>();
      for (InteractionRow r : rows) {
        byPrompt.computeIfAbsent(r.promptId() == null ? "unknown" : r.promptId(), k -> new ArrayList<>()).add(r);
      }
      for (var e : byPrompt.entrySet()) {
        ObjectNode report = Json.object();
        report.put("agentId", agent);
        report.put("promptId", e.getKey());
        report.put("since", java.time.Instant.ofEpochMilli(now - WINDOW.toMillis()).toString());
        report.put("until", java.time.Instant.ofEpochMilli(now).toString());
        report.put("failures", e.getValue().size());
        report.set("byError", groups(e.getValue(), r -> r.valid() ? null : errorClass(r.error())));
        report.set("byInvalidRule", groups(e.getValue(), r -> r.valid() ? null : rule(r.error())));
        report.set("byIntent", groups(e.getValue(), r -> r.intent() == null ? "none" : r.intent()));
        report.set("byOutcome", groups(e.getValue(), AnalyzeFailures::outcome));
        reports.saveReport(new FailureReports.Report(agent + ":" + e.getKey() + ":" + now, agent, e.getKey(), now, Json.text(report)));
        written++;
      }
      progress.update("failure reports", ++done, agents.size());
    }
    return written;
  }

  private static ArrayNode groups(List<InteractionRow> rows, Function<InteractionRow, String> key) {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (InteractionRow r : rows) {
      String k = key.apply(r);
      if (k != null) {
        g.computeIfAbsent(k, x -> new ArrayList<>()).add(r.id());
      }
    }
    ArrayNode out = Json.array();
    g.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, List<String>> x) -> -x.getValue().size()))
        .forEach(x -> {
          ObjectNode n = out.addObject();
          n.put("key", x.getKey());
          n.put("count", x.getValue().size());
          ArrayNode samples = n.putArray("sampleIds");
          x.getValue().stream().limit(SAMPLES).forEach(samples::add);
        });
    return out;
  }

  /** An error message without ids, numbers and quoted values, so alike errors group together. */
  static String errorClass(String error) {
    if (error == null) {
      return "invalid (no message)";
    }
    String e = error.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "N");
    return e.length() > 120 ? e.substring(0, 120) : e;
  }

  /** The rule a result broke: the first issue's path pattern and message, e.g. {@code $.result.ops[N].path: not one of the widget's controls}. */
  static String rule(String error) {
    if (error == null) {
      return "unknown";
    }
    int at = error.indexOf("$.result");
    if (at < 0) {
      return errorClass(error);
    }
    String r = error.substring(at).split(";")[0].replaceAll("\\[\\d+]", "[N]").replaceAll("'[^']*'", "'…'");
    return r.length() > 120 ? r.substring(0, 120) : r;
  }

  private static String outcome(InteractionRow r) {
    if (!r.valid()) {
      return r.resultOutcome() != null ? r.resultOutcome() : "invalid";
    }
    if ("bad".equals(r.outcomes().humanReview())) {
      return "reviewed bad";
    }
    if (Boolean.TRUE.equals(r.outcomes().abandoned())) {
      return "undone by the user";
    }
    return "low score";
  }
}
