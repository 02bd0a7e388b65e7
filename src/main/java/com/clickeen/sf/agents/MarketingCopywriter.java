package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Funnel, landing-page and PLG copy: variants of headline, subhead, body and call to action. */
final class MarketingCopywriter extends ContractAgent {
  static final String ID = "marketing.copywriter";
  static final int DEFAULT_VARIANTS = 3;

  MarketingCopywriter() {
    super(ID, List.of(), "Marketing Copywriter: funnel, landing-page and product-led-growth copy for an audience, a "
        + "goal and a locale, as variants of headline, subhead, body and call to action.", 1200, 0.8);
  }

  @Override
  String userMessage(JsonNode input) {
    return PromptParts.dataBlock("brief", input) + "\nVariants wanted: " + input.path("variants").asInt(DEFAULT_VARIANTS);
  }

  @Override
  String userText(JsonNode input) {
    return input.path("goal").asText() + " — " + input.path("audience").asText();
  }

  @Override
  List<ValidationIssue> rules(JsonNode input, JsonNode result) {
    List<ValidationIssue> issues = new ArrayList<>();
    int wanted = input.path("variants").asInt(DEFAULT_VARIANTS);
    if (result.path("variants").size() != wanted) {
      issues.add(new ValidationIssue("$.result.variants", "has " + result.path("variants").size()
          + " variants; " + wanted + " were asked for"));
    }
    String locale = input.path("locale").asText("en");
    if (!locale.equalsIgnoreCase(result.path("locale").asText())) {
      issues.add(new ValidationIssue("$.result.locale", "must be the requested locale '" + locale + "'"));
    }
    int max = input.path("constraints").path("headlineMaxChars").asInt(Integer.MAX_VALUE);
    JsonNode variants = result.path("variants");
    for (int i = 0; i < variants.size(); i++) {
      int len = variants.get(i).path("headline").asText().length();
      if (len > max) {
        issues.add(new ValidationIssue("$.result.variants[" + i + "].headline", "is " + len
            + " characters; the brief allows " + max));
      }
    }
    return issues;
  }
}
