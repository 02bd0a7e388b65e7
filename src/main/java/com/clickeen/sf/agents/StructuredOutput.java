package com.clickeen.sf.agents;

import com.clickeen.sf.grants.BudgetExceededException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.SchemaValidator;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.llm.ChatMessage;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Turns a model answer into a result that satisfies the agent's schema: parse and validate; if that fails,
 * make one repair call (temperature 0, small max tokens) showing the model its answer and the problems;
 * if that fails too, 502 PROVIDER_ERROR with the issues. Both calls are metered like any other.
 */
final class StructuredOutput {
  static final int REPAIR_MAX_TOKENS = 600;
  private static final int MAX_ECHO_CHARS = 6000;

  private StructuredOutput() {}

  /** Parse and validation issues of {@code text}; empty when it is a valid result. */
  static List<ValidationIssue> check(String text, SchemaValidator validator) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IOException e) {
      return List.of(new ValidationIssue("$.result", "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
    }
    return validator.validate(node, "$.result");
  }

  static JsonNode parseOrRepair(AgentCall call, ChatRequest original, ChatResponse first, SchemaValidator validator,
      String agentId) throws ProviderException, BudgetExceededException {
    List<ValidationIssue> issues = check(first.text(), validator);
    if (issues.isEmpty()) {
      return parse(first.text());
    }
    String answer = first.text().length() > MAX_ECHO_CHARS ? first.text().substring(0, MAX_ECHO_CHARS) : first.text();
    StringBuilder problems = new StringBuilder();
    for (ValidationIssue i : issues) {
      problems.append("- ").append(i.path()).append(": ").append(i.message()).append('\n');
    }
    ChatRequest repair = new ChatRequest(null, List.of(
        ChatMessage.system("You repair JSON answers. Reply with one JSON object and nothing else. It must satisfy "
            + "this JSON Schema:\n" + validator.schema()),
        ChatMessage.user("This answer does not satisfy the schema:\n<answer>\n" + answer + "\n</answer>\nProblems:\n"
            + problems + "Return the corrected JSON object, keeping the answer's meaning.")),
        true, validator.schema(), Math.min(REPAIR_MAX_TOKENS, original.maxTokens()), 0.0, original.timeout(),
        original.task());
    ChatResponse second = call.model().chat(repair);
    List<ValidationIssue> after = check(second.text(), validator);
    if (!after.isEmpty()) {
      throw new ProviderException(second.usage().provider(), "model answer does not satisfy the " + agentId
          + " result schema, also after one repair call", after, null);
    }
    return parse(second.text());
  }

  private static JsonNode parse(String text) {
    try {
      return Json.parse(text);
    } catch (IOException e) {
      throw new IllegalStateException("checked JSON failed to parse", e);
    }
  }
}
