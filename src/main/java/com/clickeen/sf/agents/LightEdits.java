package com.clickeen.sf.agents;

import com.clickeen.sf.agents.editor.Colors;
import com.clickeen.sf.agents.editor.Dictionary;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The light-edits policy as Clickeen applies it, beyond the op and path counts of {@link EditorControls}: one
 * area of the widget (stage, pod or content) and one editor panel per answer, unless the user asked for the
 * change "across the widget". Also the values a resolved clarification can be settled with locally.
 */
final class LightEdits {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w#.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
  private static final Pattern ON = Pattern.compile("(?iu)\\b(on|enable|enabled|show|activate|turn on|yes|true|"
      + "activa|activar|mostrar|muestra|active|activer|afficher|aktiviere|anzeigen|einschalten|attiva|mostra|ative|"
      + "mostrar|aan|toon)\\b");
  private static final Pattern OFF = Pattern.compile("(?iu)\\b(off|disable|disabled|hide|deactivate|turn off|no|"
      + "false|desactiva|desactivar|ocultar|oculta|désactive|désactiver|masquer|deaktiviere|ausblenden|ausschalten|"
      + "disattiva|nascondi|desative|ocultar|uit|verberg)\\b");

  private LightEdits() {}

  /** A choice the user must make before ops are applied: by area or by panel. */
  record Split(String kind, ArrayNode choices) {}

  /** The area or panel question for these ops, or null when they keep to one of each. */
  static Split split(JsonNode ops, EditorControls controls) {
    Map<String, ArrayNode> byScope = new LinkedHashMap<>();
    Map<String, ArrayNode> byPanel = new LinkedHashMap<>();
    Map<String, String> panelLabels = new LinkedHashMap<>();
    for (JsonNode op : ops) {
      String path = op.path("path").asText();
      byScope.computeIfAbsent(Dictionary.scopeOf(path), k -> Json.array()).add(op);
      var c = controls.find(path);
      String panel = c.map(LightEdits::panelOf).orElse(null);
      if (panel != null) {
        byPanel.computeIfAbsent(panel, k -> Json.array()).add(op);
        panelLabels.putIfAbsent(panel, c.get().groupLabel() != null ? c.get().groupLabel() : panel);
      }
    }
    if (byScope.size() > 1) {
      ArrayNode choices = Json.array();
      byScope.forEach((scope, list) -> choices.add(choice(scope, scope, scope, list)));
      return new Split("scope", choices);
    }
    if (byPanel.size() > 1) {
      ArrayNode choices = Json.array();
      byPanel.forEach((panel, list) -> choices.add(choice(panel, panelLabels.get(panel), "", list)));
      return new Split("panel", choices);
    }
    return null;
  }

  static String panelOf(EditorControls.Control c) {
    for (String f : List.of("panelId", "groupId", "groupLabel")) {
      String v = c.raw().path(f).asText("");
      if (!v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static ObjectNode choice(String key, String label, String scope, ArrayNode ops) {
    ObjectNode o = Json.object();
    o.put("key", key);
    o.put("label", label);
    o.put("scope", scope);
    o.set("ops", ops);
    return o;
  }

  /**
   * Ops that set each pinned control to the value the original request names, when each one can be read
   * without a model (a colour, on/off, one number in range, an option); null otherwise.
   */
  static ArrayNode settle(String request, List<String> paths, EditorControls controls) {
    ArrayNode ops = Json.array();
    for (String path : paths) {
      var found = controls.find(path);
      if (found.isEmpty()) {
        return null;
      }
      JsonNode value = valueFor(found.get(), request);
      if (value == null) {
        return null;
      }
      ObjectNode op = ops.addObject();
      op.put("op", "set");
      op.put("path", path);
      op.set("value", value);
    }
    return ops.isEmpty() || !controls.check(ops).isEmpty() ? null : ops;
  }

  static JsonNode valueFor(EditorControls.Control c, String request) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (c.kind()) {
      case COLOR -> {
        return Colors.in(request).<JsonNode>map(f::textNode).orElse(null);
      }
      case BOOLEAN -> {
        boolean on = ON.matcher(request).find();
        boolean off = OFF.matcher(request).find();
        return on == off ? null : f.booleanNode(on);
      }
      case NUMBER -> {
        Matcher m = NUMBER.matcher(request);
        List<String> found = new ArrayList<>();
        while (m.find()) {
          found.add(m.group());
        }
        if (found.size() != 1) {
          return null;
        }
        double d = Double.parseDouble(found.getFirst());
        return d == Math.rint(d) ? f.numberNode((long) d) : f.numberNode(d);
      }
      case ENUM -> {
        String squashed = " " + Dictionary.norm(request) + " ";
        JsonNode hit = null;
        for (JsonNode o : c.raw().path("options")) {
          if (squashed.contains(Dictionary.norm(o.path("label").asText("\u0000")))
              || squashed.contains(Dictionary.norm(o.path("value").asText("\u0000")))) {
            if (hit != null) {
              return null;
            }
            hit = o.path("value");
          }
        }
        for (JsonNode e : c.raw().path("enumValues")) {
          if (squashed.contains(Dictionary.norm(e.asText("\u0000"))) && !e.equals(hit)) {
            if (hit != null) {
              return null;
            }
            hit = e;
          }
        }
        return hit;
      }
      default -> {
        return null;
      }
    }
  }
}
