package com.clickeen.sf.agents;

import com.clickeen.sf.agents.editor.Dictionary;
import com.clickeen.sf.agents.editor.Glossary;
import com.clickeen.sf.agents.editor.Texts;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the editor copilot settles without a model: explanations (of a control by label or loose name, of a
 * widget concept from the glossary, of the copilot itself), requests outside the editor, and ambiguous words
 * from the {@link Dictionary}, answered with a question naming the controls by their labels.
 */
final class EditorLocal {
  private static final Pattern EDIT_VERB = Pattern.compile("(?iu)\\b(change|make|set|update|adjust|edit|add|remove|"
      + "delete|rewrite|rephrase|translate|turn|enable|disable|show|hide|put|apply|switch|increase|decrease|move|"
      + "replace|create|insert|reduce|use|cambia|cambiar|pon|haz|añade|quita|traduce|mets|rends|ajoute|supprime|"
      + "traduis|ändere|mach|setze|füge|entferne|übersetze|metti|aggiungi|rimuovi|traduci|mude|coloque|adicione|"
      + "remova|traduza|verander|maak|zet|voeg|vertaal)\\b");
  private static final Pattern QUESTION = Pattern.compile("(?iu)^\\s*(what|what's|whats|why|how|when|where|which|"
      + "who|is|are|can|could|does|do|should|will|explain|tell me|define|qué|que|cómo|como|cuál|para qué|es|"
      + "qu'est|quoi|comment|à quoi|c'est quoi|was|wie|welche|wozu|ist|cosa|come|a cosa|o que|para que|wat|hoe|"
      + "waarvoor)\\b.*|.*\\?\\s*$|(?iu).*\\b(explain|meaning|mean|means)\\b.*");
  private static final Pattern CAPABILITIES = Pattern.compile("(?iu).*(what can you do|what do you do|what can i "
      + "(do|change|ask)|what can you change|what are you|who are you|how does this work|how do you work|"
      + "your capabilities|^\\s*help\\s*[?!.]*$|qué puedes hacer|que puedes hacer|qu'est-ce que tu peux faire|"
      + "que peux-tu faire|que pouvez-vous faire|was kannst du|was können sie|cosa puoi fare|o que você pode fazer|"
      + "o que voce pode fazer|wat kun je).*");
  private static final Pattern EDITOR_WORDS = Pattern.compile("(?iu)\\b(widget|setting|settings|control|controls|"
      + "option|options|editor|copilot|panel|colou?r|font|text|title|style|layout|button|item|items|question|"
      + "questions|answer|answers|toggle|switch|mode|theme|size|background)\\b");
  private static final Set<String> STYLE_WORDS = Set.of("style", "styling", "design", "look", "colors", "colours",
      "estilo", "diseño", "aspect", "apparence", "stil", "aussehen", "stile", "aspetto", "stijl", "uiterlijk");

  private EditorLocal() {}

  static boolean explainIntent(String prompt) {
    return !EDIT_VERB.matcher(prompt).find() && QUESTION.matcher(prompt.strip()).matches();
  }

  static boolean asksCapabilities(String prompt) {
    return CAPABILITIES.matcher(prompt.strip()).matches();
  }

  static boolean editorWords(String prompt, EditorControls controls) {
    if (EDITOR_WORDS.matcher(prompt).find() || !Dictionary.standard().conceptsIn(prompt).isEmpty()) {
      return true;
    }
    return findControl(prompt, controls).isPresent();
  }

  static String labelOf(EditorControls.Control c) {
    return c.label() != null && !c.label().isBlank() ? c.label() : c.path();
  }

  static List<String> labels(EditorControls controls, int max) {
    List<String> out = new ArrayList<>();
    for (EditorControls.Control c : controls.all()) {
      if (out.size() == max) {
        out.add("…");
        break;
      }
      if (!out.contains(labelOf(c))) {
        out.add(labelOf(c));
      }
    }
    return out;
  }

  /** The control a message names: by label or path, loosely ("multiopen", "multi open"), longest first. */
  static Optional<EditorControls.Control> findControl(String prompt, EditorControls controls) {
    String squashed = EditorControls.normalize(prompt);
    Set<String> words = new HashSet<>(Dictionary.tokens(prompt));
    EditorControls.Control best = null;
    int bestScore = 0;
    for (EditorControls.Control c : controls.all()) {
      int score = 0;
      String label = EditorControls.normalize(c.label());
      String last = EditorControls.normalize(c.path().substring(c.path().lastIndexOf('.') + 1));
      if (label.length() >= 3 && squashed.contains(label)) {
        score = 100 + label.length();
      } else if (last.length() >= 4 && squashed.contains(last)) {
        score = 50 + last.length();
      } else if (c.label() != null) {
        List<String> labelWords = Dictionary.tokens(c.label()).stream().filter(w -> w.length() > 2).toList();
        if (!labelWords.isEmpty() && words.containsAll(labelWords)) {
          score = 10 + labelWords.size();
        }
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** An explanation, or empty when the message names nothing this copilot can explain. */
  static Optional<String> explain(String prompt, String lang, String widgetType, EditorControls controls) {
    if (asksCapabilities(prompt)) {
      return Optional.of(Texts.get(lang, "capabilities", Map.of("labels", String.join(", ", labels(controls, 12)))));
    }
    Optional<EditorControls.Control> c = findControl(prompt, controls);
    Optional<String> concept = Glossary.lookup(prompt, widgetType);
    if (c.isPresent()) {
      String text = describe(c.get(), controls, lang);
      Optional<String> about = Glossary.lookup(labelOf(c.get()), widgetType);
      return Optional.of(lang.equals("en") && about.isPresent() ? text + " " + about.get() : text);
    }
    if (concept.isPresent()) {
      return concept;
    }
    return Optional.empty();
  }

  static String describe(EditorControls.Control c, EditorControls controls, String lang) {
    JsonNode now = controls.valueAt(c.path());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("label", "“" + labelOf(c) + "”");
    v.put("where", c.groupLabel() != null ? Texts.get(lang, "explain.where", Map.of("group", c.groupLabel())) : "");
    v.put("current", now.isMissingNode() || now.isNull() ? ""
        : Texts.get(lang, "explain.current", Map.of("value", shown(now, c))));
    return switch (c.kind()) {
      case BOOLEAN -> {
        boolean on = now.asBoolean(false);
        v.put("state", Texts.get(lang, on ? "on" : "off"));
        v.put("other", Texts.get(lang, on ? "off" : "on"));
        yield Texts.get(lang, "explain.toggle", v);
      }
      case NUMBER -> {
        v.put("range", c.min() != null && c.max() != null
            ? Texts.get(lang, "explain.range", Map.of("min", num(c.min()), "max", num(c.max()))) : "");
        yield Texts.get(lang, "explain.number", v);
      }
      case ENUM -> {
        List<String> values = new ArrayList<>();
        c.raw().path("options").forEach(o -> values.add(o.path("label").asText(o.path("value").asText())));
        if (values.isEmpty()) {
          c.allowed().forEach(a -> values.add(a.asText()));
        }
        v.put("values", String.join(", ", values.subList(0, Math.min(values.size(), 24))));
        yield Texts.get(lang, "explain.enum", v);
      }
      case COLOR -> Texts.get(lang, "explain.color", v);
      case ARRAY -> {
        v.put("n", now.isArray() ? now.size() : 0);
        yield Texts.get(lang, "explain.list", v);
      }
      case TEXT, OBJECT -> Texts.get(lang, "explain.text", v);
    };
  }

  private static String shown(JsonNode v, EditorControls.Control c) {
    for (JsonNode o : c.raw().path("options")) {
      if (o.path("value").equals(v) && o.has("label")) {
        return "“" + o.path("label").asText() + "”";
      }
    }
    String s = v.isTextual() ? "“" + v.asText() + "”" : v.toString();
    return s.length() > 120 ? s.substring(0, 117) + "…”" : s;
  }

  static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A question to ask before any model call, with the choices to remember; null when nothing is ambiguous. */
  record Question(String message, String concept, ArrayNode choices) {}

  static Question ambiguity(String prompt, String lang, EditorControls controls) {
    Dictionary dict = Dictionary.standard();
    if (dict.saysBroad(prompt)) {
      List<EditorControls.Control> content = new ArrayList<>();
      List<EditorControls.Control> style = new ArrayList<>();
      for (EditorControls.Control c : controls.all()) {
        boolean text = c.kind() == EditorControls.Kind.TEXT || c.kind() == EditorControls.Kind.ARRAY;
        (text && Dictionary.scopeOf(c.path()).equals("content") ? content : style).add(c);
      }
      if (!content.isEmpty() && !style.isEmpty()) {
        ArrayNode choices = Json.array();
        choices.add(choice("content", "content", content));
        choices.add(choice("style", "style", style));
        return new Question(Texts.get(lang, "choose.broad", Map.of("choices", Texts.orList(lang,
            List.of("content (" + joinLabels(content, 4) + ")", "style (" + joinLabels(style, 4) + ")")))), "broad", choices);
      }
    }
    if (dict.saysAcross(prompt)) {
      return null;
    }
    for (Dictionary.Concept concept : dict.conceptsIn(prompt)) {
      String said = Dictionary.norm(prompt);
      if (concept.exclude().stream().anyMatch(said::contains)) {
        continue;
      }
      List<EditorControls.Control> candidates = new ArrayList<>();
      for (EditorControls.Control c : controls.all()) {
        if (Dictionary.matches(concept, c.path(), c.label())) {
          candidates.add(c);
        }
      }
      if (concept.id().equals("translate")) {
        return translateQuestion(prompt, lang, controls, candidates);
      }
      if (candidates.isEmpty() || candidates.size() == 1 || narrowed(prompt, concept, candidates)) {
        return null;
      }
      ArrayNode choices = Json.array();
      List<String> names = new ArrayList<>();
      for (EditorControls.Control c : candidates.subList(0, Math.min(6, candidates.size()))) {
        choices.add(choice(c.path(), labelOf(c), List.of(c)));
        names.add("“" + labelOf(c) + "”");
      }
      return new Question(Texts.get(lang, "choose", Map.of("choices", Texts.orList(lang, names))), concept.id(), choices);
    }
    return null;
  }

  private static Question translateQuestion(String prompt, String lang, EditorControls controls,
      List<EditorControls.Control> languageControls) {
    String squashed = EditorControls.normalize(prompt);
    for (EditorControls.Control c : languageControls) {
      if (c.label() != null && squashed.contains(EditorControls.normalize(c.label()))) {
        return null;
      }
    }
    List<EditorControls.Control> text = controls.all().stream()
        .filter(c -> (c.kind() == EditorControls.Kind.TEXT || c.kind() == EditorControls.Kind.ARRAY)
            && !languageControls.contains(c)).toList();
    if (text.isEmpty()) {
      return null;
    }
    ArrayNode choices = Json.array();
    choices.add(choice("content", "content", text));
    if (languageControls.isEmpty()) {
      return new Question(Texts.get(lang, "choose.translateContent", Map.of("content", joinLabels(text, 4))),
          "translate", choices);
    }
    EditorControls.Control l = languageControls.getFirst();
    choices.add(choice(l.path(), labelOf(l), List.of(l)));
    return new Question(Texts.get(lang, "choose.translate", Map.of("content", joinLabels(text, 4),
        "language", "“" + labelOf(l) + "”")), "translate", choices);
  }

  private static String joinLabels(List<EditorControls.Control> cs, int max) {
    List<String> names = cs.stream().map(EditorLocal::labelOf).distinct().toList();
    return String.join(", ", names.subList(0, Math.min(max, names.size()))) + (names.size() > max ? ", …" : "");
  }

  private static ObjectNode choice(String key, String label, List<EditorControls.Control> cs) {
    ObjectNode o = Json.object();
    o.put("key", key);
    o.put("label", label);
    o.put("scope", cs.size() == 1 ? Dictionary.scopeOf(cs.getFirst().path()) : key);
    ArrayNode paths = o.putArray("paths");
    cs.forEach(c -> paths.add(c.path()));
    return o;
  }

  /** Whether the message already picks one candidate (by an area word or a word only that label has). */
  private static boolean narrowed(String prompt, Dictionary.Concept concept, List<EditorControls.Control> candidates) {
    Set<String> words = new HashSet<>(Dictionary.tokens(prompt));
    for (String term : concept.terms()) {
      Dictionary.tokens(term).forEach(words::remove);
    }
    Optional<String> scope = Dictionary.standard().scopeNamed(prompt);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (EditorControls.Control c : candidates) {
      for (String t : new HashSet<>(Dictionary.tokens(c.path() + " " + (c.label() == null ? "" : c.label())))) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    int best = 0;
    int winners = 0;
    for (EditorControls.Control c : candidates) {
      int score = scope.isPresent() && scope.get().equals(Dictionary.scopeOf(c.path())) ? 2 : 0;
      for (String t : new HashSet<>(Dictionary.tokens(c.path() + " " + (c.label() == null ? "" : c.label())))) {
        if (counts.get(t) == 1 && t.length() > 2 && words.contains(t) && !concept.match().contains(t)) {
          score++;
        }
      }
      if (score > best) {
        best = score;
        winners = 1;
      } else if (score == best && score > 0) {
        winners++;
      }
    }
    return best > 0 && winners == 1;
  }

  /** The choices an answer picks: by number, by label words, by area word, all of them, or the only one on "yes". */
  static List<JsonNode> pick(ArrayNode choices, String answer) {
    List<JsonNode> all = new ArrayList<>();
    choices.forEach(all::add);
    Dictionary dict = Dictionary.standard();
    if (all.isEmpty()) {
      return List.of();
    }
    if (dict.saysAcross(answer)) {
      return all;
    }
    if (all.size() == 1 && Boolean.TRUE.equals(com.clickeen.sf.agents.editor.Lang.yesNo(answer))) {
      return all;
    }
    String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
    var n = java.util.regex.Pattern.compile("^(?:#|n°|nr\\.?|number\\s+)?(\\d{1,2})[.)]?$").matcher(a);
    if (n.matches() && Integer.parseInt(n.group(1)) >= 1 && Integer.parseInt(n.group(1)) <= all.size()) {
      return List.of(all.get(Integer.parseInt(n.group(1)) - 1));
    }
    Set<String> words = new HashSet<>(Dictionary.tokens(answer));
    String squashed = EditorControls.normalize(answer);
    Optional<String> scope = dict.scopeNamed(answer);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode c : all) {
      new HashSet<>(Dictionary.tokens(c.path("label").asText() + " " + c.path("key").asText())).forEach(t -> counts.merge(t, 1, Integer::sum));
    }
    JsonNode best = null;
    int bestScore = 0;
    boolean tie = false;
    for (JsonNode c : all) {
      int score = squashed.contains(EditorControls.normalize(c.path("label").asText())) ? 5 : 0;
      if (scope.isPresent() && scope.get().equals(c.path("scope").asText())) {
        score += 3;
      }
      if (c.path("key").asText().equals("style") && words.stream().anyMatch(STYLE_WORDS::contains)) {
        score += 3;
      }
      for (String t : new HashSet<>(Dictionary.tokens(c.path("label").asText() + " " + c.path("key").asText()))) {
        if (counts.get(t) == 1 && t.length() > 2 && words.contains(t)) {
          score++;
        }
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
        tie = false;
      } else if (score == bestScore && score > 0) {
        tie = true;
      }
    }
    return best == null || tie ? List.of() : List.of(best);
  }
}
