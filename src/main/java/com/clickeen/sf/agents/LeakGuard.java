package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses results that reveal the system prompt: any run of {@value #SHINGLE} consecutive words of the active
 * prompt found verbatim (case and punctuation aside) in a result's text makes it invalid.
 */
final class LeakGuard {
  static final int SHINGLE = 8;
  private final Set<String> shingles = new HashSet<>();

  LeakGuard(String systemPrompt) {
    List<String> words = words(systemPrompt);
    for (int i = 0; i + SHINGLE <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + SHINGLE)));
    }
  }

  List<ValidationIssue> check(JsonNode result) {
    List<ValidationIssue> issues = new ArrayList<>();
    walk(result, "$.result", issues);
    return issues;
  }

  private void walk(JsonNode n, String path, List<ValidationIssue> issues) {
    if (n.isTextual()) {
      List<String> w = words(n.textValue());
      for (int i = 0; i + SHINGLE <= w.size(); i++) {
        if (shingles.contains(String.join(" ", w.subList(i, i + SHINGLE)))) {
          issues.add(new ValidationIssue(path, "reveals the system prompt"));
          return;
        }
      }
    } else if (n.isObject()) {
      n.properties().forEach(e -> walk(e.getValue(), path + "." + e.getKey(), issues));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "[" + i + "]", issues);
      }
    }
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }
}
