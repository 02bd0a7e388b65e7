package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Answers a user's question from the help articles given with it; cites them; says when a human must step in. */
final class SupportAgent extends ContractAgent {
  static final String ID = "support.agent";

  SupportAgent() {
    super(ID, List.of(), "Support Agent: answers a user's question from the help articles given with it, cites the "
        + "articles it used, and says when to escalate to a human.", 700, 0.2);
  }

  static final int STORED_ARTICLES = 5;

  /** Without articles in the input, the best-matching stored ones go into the prompt. */
  @Override
  JsonNode prepare(AgentCall call) {
    JsonNode input = call.input();
    if (input.has("articles") || call.helpCenter() == null) {
      return input;
    }
    com.fasterxml.jackson.databind.node.ObjectNode withArticles = input.deepCopy();
    var arr = withArticles.putArray("articles");
    for (var a : call.helpCenter().search(input.path("question").asText(), STORED_ARTICLES)) {
      var n = arr.addObject();
      n.put("id", a.id());
      n.put("title", a.title());
      n.put("body", a.body());
      if (a.url() != null) {
        n.put("url", a.url());
      }
    }
    return withArticles;
  }

  @Override
  String userMessage(JsonNode input) {
    return PromptParts.dataBlock("question", input.path("question"))
        + "\n" + PromptParts.dataBlock("articles", input.path("articles"))
        + (input.has("locale") ? "\nAnswer in locale: " + input.path("locale").asText() : "");
  }

  @Override
  String userText(JsonNode input) {
    return input.path("question").asText();
  }

  @Override
  List<ValidationIssue> rules(JsonNode input, JsonNode result) {
    List<ValidationIssue> issues = new ArrayList<>();
    Set<String> given = new HashSet<>();
    input.path("articles").forEach(a -> given.add(a.path("id").asText()));
    JsonNode cited = result.path("citedArticleIds");
    for (int i = 0; i < cited.size(); i++) {
      if (!given.contains(cited.get(i).asText())) {
        issues.add(new ValidationIssue("$.result.citedArticleIds[" + i + "]",
            "cites '" + cited.get(i).asText() + "', which is not one of the given articles " + given));
      }
    }
    if (given.isEmpty() && !result.path("escalate").asBoolean()) {
      issues.add(new ValidationIssue("$.result.escalate", "must be true when no article was given"));
    }
    if (result.path("escalate").asBoolean() && result.path("escalationReason").asText("").isBlank()) {
      issues.add(new ValidationIssue("$.result.escalationReason", "is required when escalate is true"));
    }
    if (!result.path("escalate").asBoolean() && cited.isEmpty()) {
      issues.add(new ValidationIssue("$.result.citedArticleIds", "an answer that does not escalate must cite an article"));
    }
    return issues;
  }
}
