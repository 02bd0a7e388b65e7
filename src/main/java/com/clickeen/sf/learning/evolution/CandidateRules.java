package com.clickeen.sf.learning.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a candidate prompt must keep of its parent, checked before it is stored as a candidate:
 * <ul>
 *   <li>every template placeholder ({@code {{name}}}, {@code ${name}});
 *   <li>the output contract: every field name and enum value of the agent's result schema that the parent
 *       names in quotes (such as {@code "next"} and {@code "end"}), and no instruction to answer outside JSON;
 *   <li>the injection guards: each paragraph or bullet of the parent that says its inputs are data, not
 *       instructions, or forbids revealing the instructions, word for word (spacing aside).
 * </ul>
 * It also bounds the length: not empty, at most four times the parent and 20,000 characters.
 */
public final class CandidateRules {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[A-Za-z0-9_.]+\\s*}}|\\$\\{[A-Za-z0-9_.]+}");
  private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z0-9_.-]+)\"");
  private static final Pattern GUARD = Pattern.compile(
      "(?i)data,\\s+not\\s+instructions|never\\s+(reveal|follow\\s+instructions)|not\\s+instructions");
  private static final Pattern NOT_JSON = Pattern.compile(
      "(?i)(answer|reply|respond)\\w*\\s+(in|with)\\s+(plain\\s+text|markdown|prose)|do\\s+not\\s+(answer|reply|respond)\\s+(in|with)\\s+json");
  static final int MAX_CHARS = 20_000;

  private CandidateRules() {}

  /** The reasons the candidate is rejected; empty when it keeps everything it must. */
  public static List<String> problems(String parent, String candidate, JsonNode resultSchema) {
    List<String> out = new ArrayList<>();
    if (candidate == null || candidate.isBlank()) {
      out.add("the candidate is empty");
      return out;
    }
    int max = Math.min(MAX_CHARS, Math.max(4 * parent.length(), 2_000));
    if (candidate.length() > max) {
      out.add("the candidate has " + candidate.length() + " characters, more than the limit of " + max);
    }
    for (String p : matches(PLACEHOLDER, parent, 0)) {
      if (!candidate.contains(p)) {
        out.add("drops the placeholder " + p);
      }
    }
    Set<String> contract = contractWords(resultSchema);
    for (String word : matches(QUOTED, parent, 1)) {
      if (contract.contains(word) && !candidate.contains("\"" + word + "\"")) {
        out.add("drops the output contract's \"" + word + "\"");
      }
    }
    Matcher notJson = NOT_JSON.matcher(candidate);
    if (notJson.find()) {
      out.add("contradicts the output contract (JSON only): '" + notJson.group() + "'");
    }
    String flat = normalize(candidate);
    for (String guard : guards(parent)) {
      if (!flat.contains(normalize(guard))) {
        out.add("drops the injection guard '" + abbreviate(guard) + "'");
      }
    }
    return out;
  }

  /** The parent's guard paragraphs or bullets (a bullet runs until the next bullet or blank line). */
  static List<String> guards(String prompt) {
    List<String> blocks = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : prompt.split("\n", -1)) {
      boolean starts = line.stripLeading().startsWith("- ") || line.isBlank();
      if (starts && !cur.isEmpty()) {
        blocks.add(cur.toString());
        cur.setLength(0);
      }
      if (!line.isBlank()) {
        cur.append(line).append('\n');
      }
    }
    if (!cur.isEmpty()) {
      blocks.add(cur.toString());
    }
    return blocks.stream().filter(b -> GUARD.matcher(b).find()).map(String::strip).toList();
  }

  private static Set<String> contractWords(JsonNode schema) {
    Set<String> words = new LinkedHashSet<>();
    collect(schema, words);
    return words;
  }

  private static void collect(JsonNode node, Set<String> words) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) {
        props.fieldNames().forEachRemaining(words::add);
      }
      JsonNode en = node.get("enum");
      if (en != null && en.isArray()) {
        en.forEach(v -> {
          if (v.isTextual()) {
            words.add(v.textValue());
          }
        });
      }
      JsonNode c = node.get("const");
      if (c != null && c.isTextual()) {
        words.add(c.textValue());
      }
      node.elements().forEachRemaining(child -> collect(child, words));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, words));
    }
  }

  private static Set<String> matches(Pattern p, String text, int group) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(group));
    }
    return out;
  }

  private static String normalize(String s) {
    return s.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
  }
}
