package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Blog, SEO and help articles: title, slug, meta description, outline, Markdown body, keywords. */
final class ContentWriter extends ContractAgent {
  static final String ID = "content.writer";

  ContentWriter() {
    super(ID, List.of(), "Content Writer: blog, SEO and help articles with title, slug, meta description, outline, "
        + "Markdown body and keywords.", 3000, 0.6);
  }

  @Override
  String userMessage(JsonNode input) {
    return PromptParts.dataBlock("brief", input);
  }

  @Override
  String userText(JsonNode input) {
    return input.path("topic").asText();
  }

  @Override
  List<ValidationIssue> rules(JsonNode input, JsonNode result) {
    List<ValidationIssue> issues = new ArrayList<>();
    String body = result.path("bodyMarkdown").asText();
    String lower = body.toLowerCase(Locale.ROOT);
    JsonNode keywords = input.path("keywords");
    for (int i = 0; i < keywords.size(); i++) {
      if (!lower.contains(keywords.get(i).asText().toLowerCase(Locale.ROOT))) {
        issues.add(new ValidationIssue("$.result.bodyMarkdown", "does not use the keyword '" + keywords.get(i).asText() + "'"));
      }
    }
    int from = 0;
    JsonNode outline = result.path("outline");
    for (int i = 0; i < outline.size(); i++) {
      String heading = "## " + outline.get(i).asText();
      int at = body.indexOf(heading, from);
      if (at < 0) {
        issues.add(new ValidationIssue("$.result.outline[" + i + "]", "'" + outline.get(i).asText()
            + "' is not a '## ' heading of the body, in outline order"));
      } else {
        from = at + heading.length();
      }
    }
    return issues;
  }
}
