package com.clickeen.sf.llm;

import com.clickeen.sf.agents.editor.Colors;
import com.clickeen.sf.agents.editor.Dictionary;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model's editor behaviour: finds the control a request names (by label, path or label words;
 * only the pinned ones after a clarification; every one of a concept when the request says "across the
 * widget" or "all") and reads its value from the request by the control's kind (colour, on/off, number,
 * option, text after "to"). Anything else is a clarifying question listing the controls. Deterministic and
 * small on purpose: a stand-in that keeps the contract, not a language model.
 */
final class OfflineEditor {
  private static final Pattern ON = Pattern.compile("(?iu)\\b(?:turn on|enable|show|activate|switch on|activa|active|aktiviere|attiva|ative)\\s+(?:the\\s+)?(.+)");
  private static final Pattern OFF = Pattern.compile("(?iu)\\b(?:turn off|disable|hide|deactivate|switch off|desactiva|désactive|deaktiviere|disattiva|desative)\\s+(?:the\\s+)?(.+)");
  private static final Pattern SET = Pattern.compile("(?iu)\\b(?:set|change|make|update|put|switch|cambia|pon|mets|change|ändere|setze|metti|mude|zet)\\s+(?:the\\s+|el\\s+|la\\s+|le\\s+|die\\s+|der\\s+|das\\s+|il\\s+|o\\s+|a\\s+)?(.+?)\\s+(?:to|=|:|as|a|en|à|auf|zu|in|para|naar|op)\\s+(.+)");
  private static final Pattern ALL = Pattern.compile("(?iu)\\b(all|every|both|across)\\b");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  private OfflineEditor() {}

  static ObjectNode answer(JsonNode input) {
    String prompt = input.path("prompt").asText().trim().replaceAll("[.!]+$", "");
    List<JsonNode> controls = new ArrayList<>();
    List<String> pinned = new ArrayList<>();
    input.path("pinnedPaths").forEach(p -> pinned.add(p.asText()));
    for (JsonNode c : input.path("controls")) {
      if (pinned.isEmpty() || pinned.contains(c.path("path").asText())) {
        controls.add(c);
      }
    }
    ArrayNode ops = Json.array();
    List<String> said = new ArrayList<>();
    Matcher m;
    if (!pinned.isEmpty()) {
      for (JsonNode c : controls) {
        add(ops, said, c, value(c, prompt));
      }
    } else if ((m = SET.matcher(prompt)).find() && byName(controls, m.group(1)) != null) {
      JsonNode c = byName(controls, m.group(1));
      add(ops, said, c, coerce(c, m.group(2).trim()));
    } else if ((m = ON.matcher(prompt)).find() && byName(controls, m.group(1)) != null) {
      add(ops, said, byName(controls, m.group(1)), JsonNodeFactory.instance.booleanNode(true));
    } else if ((m = OFF.matcher(prompt)).find() && byName(controls, m.group(1)) != null) {
      add(ops, said, byName(controls, m.group(1)), JsonNodeFactory.instance.booleanNode(false));
    } else {
      for (JsonNode c : mentioned(controls, prompt)) {
        add(ops, said, c, value(c, prompt));
      }
    }
    ObjectNode out = Json.object();
    if (!ops.isEmpty()) {
      out.set("ops", ops);
      out.put("message", "Done: I set " + String.join(", ", said) + ".");
      out.putObject("meta").put("intent", "edit");
      return out;
    }
    JsonNode page = input.path("sourcePage");
    List<String> labels = new ArrayList<>();
    controls.forEach(c -> labels.add(label(c)));
    String list = String.join(", ", labels.subList(0, Math.min(8, labels.size())));
    out.put("message", page.isObject()
        ? "I read " + (page.has("title") ? "“" + page.path("title").asText() + "” " : "") + "(" + page.path("url").asText()
            + "). Which setting should I fill from it (" + list + "), and with what?"
        : "I can change these settings: " + list + ". Which one would you like to change, and to what?");
    out.putObject("meta").put("intent", "clarify");
    return out;
  }

  private static void add(ArrayNode ops, List<String> said, JsonNode control, JsonNode value) {
    if (control == null || value == null) {
      return;
    }
    ObjectNode op = ops.addObject();
    op.put("op", "set");
    op.put("path", control.path("path").asText());
    op.set("value", value);
    said.add(label(control) + " to " + (value.isTextual() ? value.asText() : value.toString()));
  }

  private static String label(JsonNode control) {
    return control.path("label").asText(control.path("path").asText());
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
  }

  private static String kind(JsonNode c) {
    return (c.path("kind").asText() + " " + c.path("type").asText()).toLowerCase(Locale.ROOT);
  }

  private static JsonNode byName(List<JsonNode> controls, String name) {
    String n = norm(name);
    for (JsonNode c : controls) {
      if (!c.path("label").asText().isEmpty() && norm(c.path("label").asText()).equals(n)) {
        return c;
      }
    }
    for (JsonNode c : controls) {
      String path = c.path("path").asText();
      if (norm(path).equals(n) || norm(path.substring(path.lastIndexOf('.') + 1)).equals(n) || path.equals(name.trim())) {
        return c;
      }
    }
    JsonNode best = null;
    int bestLength = 0;
    for (JsonNode c : controls) {
      String l = norm(c.path("label").asText());
      if (l.length() >= 3 && n.contains(l) && l.length() > bestLength) {
        best = c;
        bestLength = l.length();
      }
    }
    return best;
  }

  /** The controls a request names; all of a concept's controls when it says "all", "both" or "across". */
  private static List<JsonNode> mentioned(List<JsonNode> controls, String prompt) {
    if (ALL.matcher(prompt).find()) {
      for (Dictionary.Concept concept : Dictionary.standard().conceptsIn(prompt)) {
        List<JsonNode> all = controls.stream()
            .filter(c -> Dictionary.matches(concept, c.path("path").asText(), c.path("label").asText(null))).toList();
        if (!all.isEmpty()) {
          return all;
        }
      }
    }
    JsonNode one = byName(controls, prompt);
    if (one != null) {
      return List.of(one);
    }
    List<String> words = Dictionary.tokens(prompt);
    for (JsonNode c : controls) {
      List<String> labelWords = Dictionary.tokens(c.path("label").asText()).stream().filter(w -> w.length() > 2).toList();
      if (!labelWords.isEmpty() && words.containsAll(labelWords)) {
        return List.of(c);
      }
    }
    for (Dictionary.Concept concept : Dictionary.standard().conceptsIn(prompt)) {
      List<JsonNode> all = controls.stream()
          .filter(c -> Dictionary.matches(concept, c.path("path").asText(), c.path("label").asText(null))).toList();
      if (all.size() == 1) {
        return all;
      }
    }
    return List.of();
  }

  /** The value a request gives a control, read by the control's kind; null when it gives none. */
  private static JsonNode value(JsonNode c, String prompt) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String kind = kind(c);
    JsonNode option = option(c, prompt);
    if (option != null) {
      return option;
    }
    if (kind.matches(".*\\b(colou?r|fill)\\b.*")) {
      return Colors.in(prompt).<JsonNode>map(f::textNode).orElse(null);
    }
    if (kind.matches(".*\\b(boolean|bool|toggle|switch|checkbox)\\b.*")) {
      boolean on = prompt.matches("(?iu).*\\b(on|enable|show|activate|yes|true)\\b.*");
      boolean off = prompt.matches("(?iu).*\\b(off|disable|hide|deactivate|no|false)\\b.*");
      return on == off ? null : f.booleanNode(on);
    }
    if (kind.matches(".*\\b(number|integer|range|slider|int|float)\\b.*") || c.has("min") || c.has("max")) {
      Matcher n = NUMBER.matcher(prompt);
      return n.find() ? number(n.group()) : null;
    }
    Matcher to = Pattern.compile("(?iu)\\bto\\s+[\"“']?(.+?)[\"”']?$").matcher(prompt);
    return kind.matches(".*\\b(text|string)\\b.*") && to.find() ? f.textNode(to.group(1)) : null;
  }

  private static JsonNode option(JsonNode c, String text) {
    String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}-]+", " ") + " ";
    JsonNode hit = null;
    for (JsonNode o : c.path("options")) {
      for (String name : List.of(o.path("label").asText(""), o.path("value").asText(""))) {
        if (!name.isBlank() && t.contains(" " + name.toLowerCase(Locale.ROOT) + " ")) {
          hit = o.path("value");
        }
      }
    }
    for (JsonNode e : c.path("enumValues")) {
      if (t.contains(" " + e.asText().toLowerCase(Locale.ROOT) + " ")) {
        hit = e;
      }
    }
    return hit;
  }

  private static JsonNode number(String s) {
    double d = Double.parseDouble(s);
    return d == Math.rint(d) ? JsonNodeFactory.instance.numberNode((long) d) : JsonNodeFactory.instance.numberNode(d);
  }

  private static JsonNode coerce(JsonNode control, String raw) {
    String v = raw.replaceAll("^[\"“']|[\"”']$", "");
    JsonNode option = option(control, v);
    if (option != null) {
      return option;
    }
    String kind = kind(control);
    if (kind.matches(".*\\b(boolean|bool|toggle|switch|checkbox)\\b.*")) {
      return JsonNodeFactory.instance.booleanNode(v.matches("(?i)on|true|yes|enabled?"));
    }
    if (kind.matches(".*\\b(colou?r|fill)\\b.*")) {
      return JsonNodeFactory.instance.textNode(Colors.in(v).orElse(v));
    }
    if (kind.matches(".*\\b(number|integer|range|slider|int|float)\\b.*") || control.has("min") || control.has("max")) {
      Matcher num = NUMBER.matcher(v);
      if (num.find()) {
        return number(num.group());
      }
    }
    return JsonNodeFactory.instance.textNode(v);
  }
}
