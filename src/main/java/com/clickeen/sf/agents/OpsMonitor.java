package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Alerts, metrics and logs in; severity, summary, probable cause, runbook and whether to page out. */
final class OpsMonitor extends ContractAgent {
  static final String ID = "ops.monitor";

  OpsMonitor() {
    super(ID, List.of(), "Ops Monitor: reads alerts, metrics and log excerpts; answers severity, summary, probable "
        + "cause, runbook steps and whether to page the human on call.", 900, 0.1);
  }

  @Override
  String userMessage(JsonNode input) {
    return PromptParts.dataBlock("service", input.path("service"))
        + "\n" + PromptParts.dataBlock("alerts", input.path("alerts"))
        + "\n" + PromptParts.dataBlock("metrics", input.path("metrics"))
        + "\n" + PromptParts.dataBlock("logs", input.path("logs"));
  }

  @Override
  String userText(JsonNode input) {
    JsonNode first = input.path("alerts").path(0);
    return first.isMissingNode() ? "ops signals for " + input.path("service").asText("a service")
        : first.path("name").asText() + ": " + first.path("message").asText();
  }

  @Override
  List<ValidationIssue> rules(JsonNode input, JsonNode result) {
    List<ValidationIssue> issues = new ArrayList<>();
    String severity = result.path("severity").asText();
    boolean page = result.path("page").asBoolean();
    if ("critical".equals(severity) && !page) {
      issues.add(new ValidationIssue("$.result.page", "must be true for a critical incident"));
    }
    if (("info".equals(severity) || "low".equals(severity)) && page) {
      issues.add(new ValidationIssue("$.result.page", "must be false for severity " + severity));
    }
    return issues;
  }
}
