package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.SchemaValidator;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a model answer into a result that satisfies the agent's schema and rules: parse and check; if that
 * fails, make one repair call (temperature 0, small max tokens) showing the model its answer and the
 * problems. Both calls are metered like any other: the repair is one more of the grant's requests.
 */
final class StructuredOutput {
  static final int REPAIR_MAX_TOKENS = 600;
  private static final int MAX_ECHO_CHARS = 6000;

  /** Rules a result must keep beyond its schema (placeholders kept, ops inside controls, ...). */
  @FunctionalInterface
  interface Rules {
    List<ValidationIssue> check(JsonNode result);

    Rules NONE = result -> List.of();
  }

  /**
   * What came out: {@code result} is the last parsed answer (null if none parsed), {@code issues} empty
   * when it is valid.
   */
  record Outcome(JsonNode result, List<ValidationIssue> issues, boolean repaired, String provider, String skipped) {
    boolean valid() {
      return issues.isEmpty();
    }
  }

  private StructuredOutput() {}

  /** Parse, schema and rule issues of {@code text}; empty when it is a valid result. */
  static List<ValidationIssue> check(String text, SchemaValidator validator, Rules rules) {
    JsonNode node = parseOrNull(text);
    if (node == null) {
      return List.of(new ValidationIssue("$.result", "not valid JSON"));
    }
    List<ValidationIssue> issues = new ArrayList<>(validator.validate(node, "$.result"));
    if (issues.isEmpty()) {
      issues.addAll(rules.check(node));
    }
    return issues;
  }

  /**
   * The answer checked, repaired once if needed. The repair is one more of the grant's model calls, so it is made
   * only when the grant has one for it, as Clickeen's widget copilot does: not when the grant allows fewer than
   * two ({@code maxRequests}), nor when its requests are spent by then. Without the repair the first answer's
   * issues stand and {@code skipped} says why. Any other budget the repair would break is the caller's 429.
   */
  static Outcome parseWithRepair(AgentCall call, LeakGuards leakGuards, ChatRequest original, ChatResponse first,
      SchemaValidator validator, Rules agentRules) throws ProviderException, BudgetExceededException {
    LeakGuard guard = leakGuards.of(call.prompt().text());
    Rules rules = result -> {
      List<ValidationIssue> issues = new ArrayList<>(agentRules.check(result));
      issues.addAll(guard.check(result));
      return issues;
    };
    List<ValidationIssue> issues = check(first.text(), validator, rules);
    if (issues.isEmpty()) {
      return new Outcome(parseOrNull(first.text()), List.of(), false, first.usage().provider(), null);
    }
    if (!call.model().grantAllowsRepair()) {
      return new Outcome(parseOrNull(first.text()), issues, false, first.usage().provider(),
          "no repair: the grant allows fewer than 2 model calls (maxRequests)");
    }
    String answer = first.text().length() > MAX_ECHO_CHARS ? first.text().substring(0, MAX_ECHO_CHARS) : first.text();
    StringBuilder problems = new StringBuilder();
    for (ValidationIssue i : issues) {
      problems.append("- ").append(i.path()).append(": ").append(i.message()).append('\n');
    }
    ChatRequest repair = new ChatRequest(null, List.of(
        ChatMessage.system("You repair JSON answers. Reply with one JSON object and nothing else. It must satisfy "
            + "this JSON Schema:\n" + validator.schema()),
        ChatMessage.user("This answer does not satisfy the schema or the task's rules:\n<answer>\n" + answer
            + "\n</answer>\nProblems:\n" + problems + "Return the corrected JSON object, keeping the answer's meaning.")),
        true, validator.schema(), Math.min(REPAIR_MAX_TOKENS, original.maxTokens()), 0.0, original.timeout(),
        original.task(), original.taskInput());
    ChatResponse second;
    try {
      second = call.model().chat(repair);
    } catch (BudgetExceededException e) {
      if (!"maxRequests".equals(e.budget())) {
        throw e;
      }
      return new Outcome(parseOrNull(first.text()), issues, false, first.usage().provider(),
          "no repair: the grant has no model call left (maxRequests)");
    }
    List<ValidationIssue> after = check(second.text(), validator, rules);
    return new Outcome(parseOrNull(second.text()), after, true, second.usage().provider(), null);
  }

  /** Like {@link #parseWithRepair}, but a result still invalid after the repair is a 502 PROVIDER_ERROR. */
  static JsonNode parseOrRepair(AgentCall call, LeakGuards leakGuards, ChatRequest original, ChatResponse first,
      SchemaValidator validator, String agentId) throws ProviderException, BudgetExceededException {
    return require(parseWithRepair(call, leakGuards, original, first, validator, Rules.NONE), agentId);
  }

  static JsonNode require(Outcome o, String agentId) throws ProviderException {
    if (!o.valid()) {
      throw new ProviderException(o.provider(), "model answer does not satisfy the " + agentId + " result schema and "
          + "rules" + (o.repaired() ? ", also after one repair call" : " (" + o.skipped() + ")"), o.issues(), null);
    }
    return o.result();
  }

  private static JsonNode parseOrNull(String text) {
    try {
      return Json.parse(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
