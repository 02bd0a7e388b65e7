package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses results that reveal the system prompt. A text is a leak when the runs of {@value #SHINGLE} or more
 * consecutive words it shares verbatim with the active prompt (case and punctuation aside) cover at least
 * {@value #LEAK_WORDS} of its words. Prompts state facts the model is meant to relay (a sentence about the
 * plans, say), so a single shared sentence is not a leak; printing the instructions is.
 */
final class LeakGuard {
  static final int SHINGLE = 8;
  static final int LEAK_WORDS = 24;
  private final Set<String> shingles = new HashSet<>();

  /** Built once per prompt text by {@link LeakGuards}. */
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
      boolean[] covered = new boolean[w.size()];
      int count = 0;
      for (int i = 0; i + SHINGLE <= w.size(); i++) {
        if (shingles.contains(String.join(" ", w.subList(i, i + SHINGLE)))) {
          for (int j = i; j < i + SHINGLE; j++) {
            if (!covered[j]) {
              covered[j] = true;
              count++;
            }
          }
        }
      }
      if (count >= LEAK_WORDS) {
        issues.add(new ValidationIssue(path, "reveals the system prompt (" + count + " words verbatim)"));
      }
    } else if (n.isObject()) {
      n.properties().forEach(e -> walk(e.getValue(), path + "." + e.getKey(), issues));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "[" + i + "]", issues);
      }
    }
  }

  /**
   * The lower-cased runs of letters and numbers of {@code text} (Unicode categories L and N), what splitting on
   * the regex {@code [^\p{L}\p{N}]+} gives, without the regex: it took about 7 us for a 140-character answer.
   */
  static List<String> words(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      if (wordChar(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.add(lower.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(lower.substring(start));
    }
    return out;
  }

  private static boolean wordChar(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }
}
