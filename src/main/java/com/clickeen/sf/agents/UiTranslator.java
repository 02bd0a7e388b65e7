package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a batch of UI strings. Every key comes back, and every placeholder (variables, ICU skeletons,
 * HTML tags) is kept exactly; a violation makes the result invalid.
 */
final class UiTranslator extends ContractAgent {
  static final String ID = "ui.translator";

  UiTranslator() {
    super(ID, List.of(), "UI Translator: translates a batch of UI strings {key: text} into a target locale, returning "
        + "every key and keeping placeholders ({name}, ICU plurals, HTML tags) exactly.", 4000, 0.2);
  }

  @Override
  String userMessage(JsonNode input) {
    return "Target locale: " + input.path("targetLocale").asText()
        + "\nSource locale: " + input.path("sourceLocale").asText("en")
        + "\n" + PromptParts.dataBlock("strings", input.path("strings"))
        + "\n" + PromptParts.dataBlock("glossary", input.path("glossary"))
        + "\n" + PromptParts.dataBlock("context", input.path("context"));
  }

  @Override
  String userText(JsonNode input) {
    return input.path("strings").size() + " strings to " + input.path("targetLocale").asText();
  }

  @Override
  List<ValidationIssue> rules(JsonNode input, JsonNode result) {
    List<ValidationIssue> issues = new ArrayList<>();
    if (!input.path("targetLocale").asText().equalsIgnoreCase(result.path("targetLocale").asText())) {
      issues.add(new ValidationIssue("$.result.targetLocale", "must be '" + input.path("targetLocale").asText() + "'"));
    }
    JsonNode source = input.path("strings");
    JsonNode out = result.path("strings");
    for (var e : source.properties()) {
      JsonNode t = out.get(e.getKey());
      String path = "$.result.strings['" + e.getKey() + "']";
      if (t == null || !t.isTextual()) {
        issues.add(new ValidationIssue(path, "is missing"));
        continue;
      }
      List<String> want = Placeholders.of(e.getValue().asText());
      List<String> got = Placeholders.of(t.asText());
      if (!want.equals(got)) {
        issues.add(new ValidationIssue(path, "placeholders changed: expected " + want + ", got " + got));
      }
      if (!e.getValue().asText().isBlank() && t.asText().isBlank()) {
        issues.add(new ValidationIssue(path, "is empty"));
      }
    }
    for (var e : out.properties()) {
      if (!source.has(e.getKey())) {
        issues.add(new ValidationIssue("$.result.strings['" + e.getKey() + "']", "is not a key that was given"));
      }
    }
    return issues;
  }
}
