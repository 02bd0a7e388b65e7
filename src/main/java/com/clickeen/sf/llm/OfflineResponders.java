package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model's rule-based behaviour for the agents other than the SDR Copilot. Each reads the
 * agent's structured input and writes an answer that keeps the agent's contract. They are deliberately
 * simple and deterministic: keyword matching, templates, and for translation a visible pseudo-localization
 * ({@code [fr-FR] Save changes}), never a pretence of a real model.
 */
final class OfflineResponders {
  private OfflineResponders() {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
  private static final Set<String> STOP = Set.of("the", "and", "for", "how", "what", "can", "does", "with", "you",
      "your", "are", "this", "that", "from", "have", "not", "why", "when", "where", "which", "who", "our", "was", "will");

  // --- support.agent ----------------------------------------------------------------------------

  private static final Pattern ESCALATE = Pattern.compile("(?i)\\b(refund|chargeback|lawyer|legal|sue|hacked|breach|"
      + "data loss|lost (all )?my data|deleted my|furious|angry|unacceptable|cancel my account|gdpr)\\b");

  static ObjectNode support(JsonNode input) {
    String question = input.path("question").asText();
    Set<String> words = words(question);
    JsonNode best = null;
    int bestScore = 0;
    for (JsonNode a : input.path("articles")) {
      Set<String> aw = words(a.path("title").asText() + " " + a.path("body").asText());
      int score = 0;
      for (String w : words) {
        if (aw.contains(w)) {
          score++;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    ObjectNode out = Json.object();
    ArrayNode cited = out.putArray("citedArticleIds");
    Matcher esc = ESCALATE.matcher(question);
    if (esc.find()) {
      out.put("answer", "I'm sorry about this. I'm passing your message to a person on our team, who will get back "
          + "to you by email.");
      out.put("escalate", true);
      out.put("escalationReason", "the user mentions \"" + esc.group() + "\", which a person must handle");
      out.put("confidence", 0.9);
      return out;
    }
    if (best == null || bestScore < 2) {
      out.put("answer", "I could not find this in our help articles, so I'm asking a person on our team to help you.");
      out.put("escalate", true);
      out.put("escalationReason", "no help article matches the question");
      out.put("confidence", 0.2);
      return out;
    }
    String body = best.path("body").asText();
    String[] sentences = body.split("(?<=[.!?])\\s+");
    StringBuilder answer = new StringBuilder();
    for (int i = 0; i < Math.min(3, sentences.length); i++) {
      answer.append(i == 0 ? "" : " ").append(sentences[i]);
    }
    answer.append(" (From “").append(best.path("title").asText()).append("”.)");
    out.put("answer", answer.length() > 3900 ? answer.substring(0, 3900) : answer.toString());
    cited.add(best.path("id").asText());
    out.put("escalate", false);
    out.put("confidence", Math.min(0.95, 0.3 + 0.1 * bestScore));
    return out;
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (!STOP.contains(w)) {
        out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
      }
    }
    return out;
  }

  // --- marketing.copywriter ---------------------------------------------------------------------

  static ObjectNode marketing(JsonNode input) {
    int n = input.path("variants").asInt(3);
    int max = input.path("constraints").path("headlineMaxChars").asInt(120);
    String product = input.path("product").asText("Clickeen");
    String audience = input.path("audience").asText();
    String goal = input.path("goal").asText();
    String[] heads = {capital(goal) + " without the busywork", "Built for " + audience, product + " for " + audience,
        capital(goal) + " in minutes", "The simple way to " + goal};
    String[] ctas = {"Start free", "Try it free", "Get started", "See it live", "Start now"};
    ObjectNode out = Json.object();
    out.put("locale", input.path("locale").asText("en"));
    ArrayNode vs = out.putArray("variants");
    for (int i = 0; i < n; i++) {
      ObjectNode v = vs.addObject();
      v.put("headline", cut(heads[i % heads.length], Math.min(max, 120)));
      v.put("subhead", cut(product + " helps " + audience + " " + goal + ", with no code and no designer.", 200));
      v.put("body", cut("You want to " + goal + ", not wrestle with tools. " + product + " gives " + audience
          + " ready-made widgets you customize visually and embed with one line. Start on the free plan and upgrade "
          + "only when you need more.", 1200));
      v.put("cta", ctas[i % ctas.length]);
    }
    return out;
  }

  // --- content.writer ---------------------------------------------------------------------------

  static ObjectNode content(JsonNode input) {
    String topic = input.path("topic").asText();
    String kind = input.path("kind").asText("blog");
    List<String> keywords = new ArrayList<>();
    input.path("keywords").forEach(k -> keywords.add(k.asText()));
    if (keywords.isEmpty()) {
      keywords.addAll(new ArrayList<>(words(topic)).subList(0, Math.min(3, words(topic).size())));
    }
    List<String> outline = kind.equals("help")
        ? List.of("Before you start", "Steps", "Check that it works", "Next steps")
        : List.of("Why it matters", "How to do it", "Common mistakes", "Summary");
    String title = cut(capital(topic), 120);
    StringBuilder body = new StringBuilder("# ").append(title).append("\n\n");
    String kw = String.join(", ", keywords);
    for (int i = 0; i < outline.size(); i++) {
      body.append("## ").append(outline.get(i)).append("\n\n");
      if (kind.equals("help") && i == 1) {
        body.append("1. Open the Clickeen editor and select your widget.\n2. Open the Publish panel and copy the embed "
            + "snippet.\n3. Paste it where it should appear, then save.\n\n");
      } else {
        body.append("This section covers ").append(topic.toLowerCase(Locale.ROOT)).append(" (").append(kw)
            .append(") for ").append(input.path("audience").asText("website owners")).append(".\n\n");
      }
    }
    ObjectNode out = Json.object();
    out.put("title", title);
    out.put("slug", slug(topic));
    String meta = cut(capital(kind) + " guide: " + topic + ". Clear steps, with Clickeen widgets.", 160);
    while (meta.length() < 50) {
      meta = meta + " Read on.";
    }
    out.put("metaDescription", cut(meta, 160));
    ArrayNode o = out.putArray("outline");
    outline.forEach(o::add);
    out.put("bodyMarkdown", body.toString());
    ArrayNode k = out.putArray("keywords");
    keywords.forEach(k::add);
    return out;
  }

  static String slug(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > 80) {
      s = s.substring(0, 80).replaceAll("-+[^-]*$", "");
    }
    return s.isEmpty() ? "article" : s;
  }

  // --- ui.translator ------------------------------------------------------------------------------

  static ObjectNode translator(JsonNode input) {
    String target = input.path("targetLocale").asText();
    ObjectNode out = Json.object();
    out.put("targetLocale", target);
    ObjectNode strings = out.putObject("strings");
    for (var e : input.path("strings").properties()) {
      String text = e.getValue().asText();
      strings.put(e.getKey(), text.isBlank() ? text : "[" + target + "] " + text);
    }
    return out;
  }

  // --- ops.monitor --------------------------------------------------------------------------------

  static ObjectNode ops(JsonNode input) {
    int level = 0; // 0 info, 1 low, 2 medium, 3 high, 4 critical
    List<String> names = new ArrayList<>();
    for (JsonNode a : input.path("alerts")) {
      names.add(a.path("name").asText());
      String s = a.path("severity").asText("").toLowerCase(Locale.ROOT);
      level = Math.max(level, switch (s) {
        case "critical", "page", "p1", "sev1" -> 4;
        case "high", "error", "p2", "sev2" -> 3;
        case "warning", "warn", "medium", "p3" -> 2;
        case "low", "p4" -> 1;
        default -> 2;
      });
    }
    String metricNote = "";
    for (JsonNode m : input.path("metrics")) {
      if (m.has("threshold") && m.path("value").asDouble() > m.path("threshold").asDouble()) {
        double ratio = m.path("threshold").asDouble() == 0 ? 10 : m.path("value").asDouble() / m.path("threshold").asDouble();
        level = Math.max(level, ratio >= 2 ? 3 : 2);
        if (metricNote.isEmpty()) {
          metricNote = " " + m.path("name").asText() + " is " + m.path("value").asText() + " against a threshold of "
              + m.path("threshold").asText() + ".";
        }
      }
    }
    String logs = String.join("\n", texts(input.path("logs")));
    if (logs.matches("(?s).*\\b(ERROR|FATAL|panic)\\b.*")) {
      level = Math.max(level, 2);
    }
    String cause;
    List<String> runbook;
    String l = logs.toLowerCase(Locale.ROOT);
    if (l.contains("pool") && (l.contains("exhaust") || l.contains("waiting"))) {
      cause = "The database connection pool is exhausted: requests wait for connections and fail (see the logs).";
      runbook = List.of("Check the database for long-running queries and locks.", "Check recent deploys for "
          + "connection leaks; roll back if one started the errors.", "Raise the pool size or scale out the service "
          + "only after the leak is ruled out.", "Watch the 5xx ratio return under its threshold.");
    } else if (l.contains("out of memory") || l.contains("outofmemory") || l.matches("(?s).*\\boom\\b.*")) {
      cause = "The service runs out of memory (see the logs).";
      runbook = List.of("Check memory graphs for a leak since the last deploy.", "Restart the affected instances to "
          + "restore service.", "Roll back the last deploy if memory grew after it.");
    } else if (l.contains("timeout") || l.contains("timed out")) {
      cause = "An upstream dependency is slow or unreachable: calls time out (see the logs).";
      runbook = List.of("Find which dependency times out in the logs.", "Check that dependency's status page and "
          + "latency graphs.", "Enable fallbacks or shed load until it recovers.");
    } else if (l.contains("disk") && (l.contains("full") || l.contains("no space"))) {
      cause = "A disk is full (see the logs).";
      runbook = List.of("Free space: rotate logs and remove old artifacts.", "Find what grew and cap it.");
    } else {
      cause = "Not determinable from the evidence given; the signals are listed in the summary.";
      runbook = List.of("Check the dashboards of " + input.path("service").asText("the service") + " around the alert time.",
          "Check the most recent deploy and roll back if it lines up with the alert.", "Look for errors in the logs of the "
          + "affected service.");
    }
    if (input.path("alerts").isEmpty() && input.path("metrics").isEmpty() && level < 2 && !logs.isBlank()) {
      level = 1;
    }
    String[] sev = {"info", "low", "medium", "high", "critical"};
    ObjectNode out = Json.object();
    out.put("severity", sev[level]);
    out.put("summary", cut(input.path("service").asText("The service") + ": " + (names.isEmpty() ? "no alerts"
        : names.size() + " alert(s): " + String.join(", ", names)) + "." + metricNote, 500));
    out.put("probableCause", cause);
    ArrayNode rb = out.putArray("runbook");
    runbook.forEach(rb::add);
    out.put("page", level >= 3);
    if (input.has("service")) {
      out.putArray("affectedServices").add(input.path("service").asText());
    }
    return out;
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    String c = s.substring(0, max);
    int space = c.lastIndexOf(' ');
    return space > max / 2 ? c.substring(0, space) : c;
  }
}
