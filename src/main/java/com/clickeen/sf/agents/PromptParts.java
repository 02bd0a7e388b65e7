package com.clickeen.sf.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** How user text and contracts go into prompts: as delimited data that cannot close its own delimiter. */
final class PromptParts {
  private static final Pattern TAGS = Pattern.compile("(?i)</?\\s*user_message\\s*>");

  private PromptParts() {}

  /** The user's text between {@code <user_message>} tags, with any such tags inside it removed. */
  static String userMessage(String text) {
    return "<user_message>\n" + TAGS.matcher(text).replaceAll("") + "\n</user_message>";
  }

  /** Input data as a delimited JSON block (user-controlled text stays data, never instructions). */
  static String dataBlock(String tag, JsonNode value) {
    String json = value == null ? "null" : value.toString();
    return "<" + tag + ">\n" + TAGS.matcher(json).replaceAll("") .replace("</" + tag + ">", "") + "\n</" + tag + ">";
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** The closing part of every system prompt: answer as one JSON object that satisfies the schema. */
  static String outputContract(JsonNode resultSchema) {
    return CONTRACTS.computeIfAbsent(resultSchema, s -> "\n\nAnswer with one JSON object and nothing else. It must "
        + "satisfy this JSON Schema:\n" + s.toString());
  }

  /**
   * The contract text of each agent's result schema (one schema object per agent, loaded once), written once:
   * writing the schema on every execute was 1.3 % of the CPU without the JIT in bench/profile.sh --profile.
   */
  private static final java.util.Map<JsonNode, String> CONTRACTS =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
}
