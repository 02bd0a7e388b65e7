package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A widget's controls, and the checks every editor op must pass against them: the path exists, enum values
 * are allowed, numbers lie in min..max, booleans are booleans, array ops touch array controls, inserts need
 * an {@code itemIdPath}. Also the light-edits policy: at most {@value #MAX_OPS} ops and
 * {@value #MAX_PATHS} distinct paths, and no links, scripts or embeds without the user's confirmation.
 */
final class EditorControls {
  static final int MAX_OPS = 6;
  static final int MAX_PATHS = 4;
  static final String POLICY_VERSION = "light-edits-v2";
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]|\\.\\d+(?=\\.|$)");
  /** A list-index placeholder segment in a control path, as in {@code sections.__i__.faqs}. */
  private static final Pattern TOKEN = Pattern.compile("__[^.]+__");
  private static final Pattern RISKY_PATH = Pattern.compile("(?i)(url|href|link|embed|script|html|iframe|src|code)");
  private static final Pattern RISKY_VALUE = Pattern.compile("(?i)(<\\s*script|javascript:|<\\s*iframe|on\\w+\\s*=|https?://|data:text/html)");

  enum Kind { BOOLEAN, NUMBER, ENUM, ARRAY, COLOR, OBJECT, TEXT }

  record Control(String path, Kind kind, String label, String groupLabel, List<JsonNode> allowed, Double min, Double max,
      String itemIdPath, JsonNode raw) {}

  private final Map<String, Control> byPath = new LinkedHashMap<>();
  private final JsonNode config;

  EditorControls(JsonNode controls, JsonNode currentConfig) {
    this.config = currentConfig;
    for (JsonNode c : controls) {
      String kindText = (c.path("kind").asText("") + " " + c.path("type").asText("")).toLowerCase(Locale.ROOT);
      List<JsonNode> allowed = new ArrayList<>();
      c.path("options").forEach(o -> allowed.add(o.path("value")));
      c.path("enumValues").forEach(allowed::add);
      Kind kind;
      if (kindText.matches(".*\\b(array|list|repeater|items|collection)\\b.*")) {
        kind = Kind.ARRAY;
      } else if (kindText.matches(".*\\b(colou?r|colou?r-?picker|fill)\\b.*")) {
        kind = Kind.COLOR;
      } else if (kindText.matches(".*\\b(object|json)\\b.*")) {
        kind = Kind.OBJECT;
      } else if (kindText.matches(".*\\b(boolean|bool|toggle|switch|checkbox)\\b.*")) {
        kind = Kind.BOOLEAN;
      } else if (!allowed.isEmpty() || kindText.matches(".*\\b(select|enum|radio|dropdown|segmented)\\b.*")) {
        kind = Kind.ENUM;
      } else if (kindText.matches(".*\\b(number|integer|range|slider|int|float)\\b.*") || c.has("min") || c.has("max")) {
        kind = Kind.NUMBER;
      } else {
        kind = Kind.TEXT;
      }
      byPath.put(c.path("path").asText(), new Control(c.path("path").asText(), kind, c.path("label").asText(null),
          c.path("groupLabel").asText(null), allowed, c.has("min") ? c.get("min").asDouble() : null,
          c.has("max") ? c.get("max").asDouble() : null, c.path("itemIdPath").asText(null), c));
    }
  }

  List<Control> all() {
    return List.copyOf(byPath.values());
  }

  /** The control a path belongs to: exact, or an array-item path such as {@code items[2].question} for {@code items[].question}. */
  Optional<Control> find(String path) {
    Control exact = byPath.get(path);
    if (exact != null) {
      return Optional.of(exact);
    }
    String wildcard = INDEX.matcher(path).replaceAll("[]");
    if (byPath.containsKey(wildcard)) {
      return Optional.of(byPath.get(wildcard));
    }
    for (Control c : byPath.values()) {
      if (c.path().contains("__") && path.matches(TOKEN.matcher(Pattern.quote(c.path())).replaceAll("\\\\E\\\\d+\\\\Q"))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The control a user names by its label, or by its path or last path segment. */
  Optional<Control> byName(String name) {
    String n = normalize(name);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    for (Control c : byPath.values()) {
      if (c.label() != null && normalize(c.label()).equals(n)) {
        return Optional.of(c);
      }
    }
    for (Control c : byPath.values()) {
      String last = c.path().substring(c.path().lastIndexOf('.') + 1);
      if (normalize(c.path()).equals(n) || normalize(last).equals(n)) {
        return Optional.of(c);
      }
    }
    for (Control c : byPath.values()) {
      if (c.label() != null && normalize(c.label()).length() >= 3 && n.contains(normalize(c.label()))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static String normalize(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
  }

  /** The current value at a control's path in the config (dot paths), or a missing node. */
  JsonNode valueAt(String path) {
    JsonNode n = config;
    for (String part : path.split("\\.")) {
      if (n == null) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      n = n.isArray() && part.matches("\\d+") ? n.path(Integer.parseInt(part)) : n.path(part);
    }
    return n;
  }

  /** Op problems against the controls; empty when every op is allowed. */
  List<ValidationIssue> check(JsonNode ops) {
    List<ValidationIssue> issues = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      JsonNode op = ops.get(i);
      String at = "$.result.ops[" + i + "]";
      String path = op.path("path").asText();
      Optional<Control> found = find(path);
      if (found.isEmpty()) {
        issues.add(new ValidationIssue(at + ".path", "'" + path + "' is not one of the widget's controls"));
        continue;
      }
      Control c = found.get();
      String kind = op.path("op").asText();
      if (!kind.equals("set") && c.kind() != Kind.ARRAY) {
        issues.add(new ValidationIssue(at + ".op", kind + " needs an array control; '" + path + "' is " + c.kind()));
        continue;
      }
      int length = valueAt(path).isArray() ? valueAt(path).size() : 0;
      switch (kind) {
        case "set" -> checkValue(c, op.path("value"), at + ".value", issues);
        case "insert" -> {
          if (c.itemIdPath() == null || c.itemIdPath().isBlank()) {
            issues.add(new ValidationIssue(at, "insert needs a control with itemIdPath; '" + path + "' has none"));
          } else if (op.path("value").isObject() && op.path("value").path(c.itemIdPath()).asText("").isBlank()) {
            issues.add(new ValidationIssue(at + ".value", "the new item needs its id field '" + c.itemIdPath() + "'"));
          }
          if (op.path("index").asInt(-1) > length) {
            issues.add(new ValidationIssue(at + ".index", "is past the end of the list (" + length + " items)"));
          }
        }
        case "remove" -> {
          if (op.path("index").asInt(-1) >= length) {
            issues.add(new ValidationIssue(at + ".index", "is not an item of the list (" + length + " items)"));
          }
        }
        case "move" -> {
          if (op.path("from").asInt(-1) >= length || op.path("to").asInt(-1) >= length) {
            issues.add(new ValidationIssue(at, "from/to must be items of the list (" + length + " items)"));
          }
        }
        default -> issues.add(new ValidationIssue(at + ".op", "unknown op '" + kind + "'"));
      }
    }
    return issues;
  }

  private static void checkValue(Control c, JsonNode v, String at, List<ValidationIssue> issues) {
    switch (c.kind()) {
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          issues.add(new ValidationIssue(at, "'" + c.path() + "' is a toggle: the value must be true or false"));
        }
      }
      case NUMBER -> {
        if (!v.isNumber()) {
          issues.add(new ValidationIssue(at, "'" + c.path() + "' takes a number"));
        } else if ((c.min() != null && v.asDouble() < c.min()) || (c.max() != null && v.asDouble() > c.max())) {
          issues.add(new ValidationIssue(at, v.asText() + " is outside " + c.path() + "'s range "
              + (c.min() == null ? "-∞" : fmt(c.min())) + ".." + (c.max() == null ? "∞" : fmt(c.max()))));
        }
      }
      case ENUM -> {
        if (!c.allowed().isEmpty() && !c.allowed().contains(v)) {
          issues.add(new ValidationIssue(at, v + " is not one of " + c.allowed()));
        }
      }
      case COLOR -> {
        if (!v.isTextual() || !com.clickeen.sf.agents.editor.Colors.valid(v.asText())) {
          issues.add(new ValidationIssue(at, v + " is not a colour: use a hex code (#1a73e8), rgb()/rgba() or a CSS colour name"));
        }
      }
      case OBJECT -> {
        if (!v.isObject() && !v.isArray()) {
          issues.add(new ValidationIssue(at, "'" + c.path() + "' takes a JSON object"));
        }
      }
      case ARRAY -> {
        if (!v.isArray()) {
          issues.add(new ValidationIssue(at, "'" + c.path() + "' is a list: set needs an array"));
        }
      }
      case TEXT -> {
        if (!v.isTextual() && !v.isNumber()) {
          issues.add(new ValidationIssue(at, "'" + c.path() + "' takes text"));
        } else if (v.asText().length() > 5000) {
          issues.add(new ValidationIssue(at, "text longer than 5000 characters"));
        }
      }
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Why these ops need the user's confirmation first, or null when they are light edits. */
  static String confirmationNeeded(JsonNode ops) {
    Set<String> paths = new HashSet<>();
    ops.forEach(o -> paths.add(o.path("path").asText()));
    if (ops.size() > MAX_OPS || paths.size() > MAX_PATHS) {
      return "this change has " + ops.size() + " edits on " + paths.size() + " settings (more than " + MAX_OPS
          + " edits or " + MAX_PATHS + " settings at once)";
    }
    for (JsonNode o : ops) {
      if (RISKY_PATH.matcher(o.path("path").asText()).find() || RISKY_VALUE.matcher(o.path("value").toString()).find()) {
        return "it sets a link, script or embed (" + o.path("path").asText() + ")";
      }
    }
    return null;
  }
}
