package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The built-in offline model: a small deterministic rule-based responder that answers when no provider
 * key is configured. It is not a language model and never claims to be one: it reports itself as
 * provider {@value #PROVIDER}, model {@value #MODEL}. The same request always gets the same answer.
 *
 * <p>Per task (agent id) it has a responder; for any other task it builds the smallest answer that
 * satisfies the request's result schema. Token counts are its own tokenizer's (words and punctuation).
 */
final class OfflineModel implements LlmProvider {
  static final String PROVIDER = "offline";
  static final String MODEL = "sf-offline-1";
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
  private static final Pattern USER_BLOCK = Pattern.compile("<user_message>\\s*(.*?)\\s*</user_message>", Pattern.DOTALL);

  /** Rule-based behaviour per task: (the user's text, the agent's structured input) to an answer. */
  private final Map<String, java.util.function.BiFunction<String, JsonNode, ObjectNode>> responders = Map.of(
      "sdr.copilot", (text, input) -> sdrAnswer(text),
      "editor.copilot", (text, input) -> OfflineEditor.answer(input),
      "support.agent", (text, input) -> OfflineResponders.support(input),
      "marketing.copywriter", (text, input) -> OfflineResponders.marketing(input),
      "content.writer", (text, input) -> OfflineResponders.content(input),
      "ui.translator", (text, input) -> OfflineResponders.translator(input),
      "ops.monitor", (text, input) -> OfflineResponders.ops(input));

  @Override
  public String id() {
    return PROVIDER;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    String userText = lastUserText(request.messages());
    var responder = request.task() == null ? null : responders.get(request.task());
    JsonNode answer = responder != null && (request.taskInput() != null || request.task().equals("sdr.copilot"))
        ? responder.apply(userText, request.taskInput()) : fromSchema(request.resultSchema(), userText);
    String text = request.jsonMode() || request.resultSchema() != null ? Json.text(answer)
        : answer.path("message").asText(Json.text(answer));
    int completion = countTokens(text);
    String finish = "stop";
    if (completion > request.maxTokens()) {
      text = truncateToTokens(text, request.maxTokens());
      completion = countTokens(text);
      finish = "length";
    }
    int prompt = 0;
    for (ChatMessage m : request.messages()) {
      prompt += countTokens(m.content()) + 3; // role and separators
    }
    return new ChatResponse(text, new TokenUsage(PROVIDER, MODEL, prompt, completion), finish);
  }

  @Override
  public ChatResponse stream(ChatRequest request, DeltaSink sink) {
    ChatResponse r = chat(request);
    Matcher m = TOKEN.matcher(r.text());
    int from = 0;
    int n = 0;
    while (m.find()) {
      if (++n % 8 == 0) {
        sink.delta(r.text().substring(from, m.end()));
        from = m.end();
      }
    }
    if (from < r.text().length()) {
      sink.delta(r.text().substring(from));
    }
    return r;
  }

  static int countTokens(String text) {
    Matcher m = TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String truncateToTokens(String text, int max) {
    Matcher m = TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      if (++n == max) {
        return text.substring(0, m.end());
      }
    }
    return text;
  }

  private static String lastUserText(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == ChatMessage.Role.USER) {
        String content = messages.get(i).content();
        Matcher m = USER_BLOCK.matcher(content);
        return m.find() ? m.group(1) : content;
      }
    }
    return "";
  }

  private static int pick(String text, int n) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % n);
  }

  // --- SDR Copilot -----------------------------------------------------------------------------

  private static final Pattern PRICING = Pattern.compile("\\b(price|prices|pricing|cost|costs|plan|plans|pay|paid|free|cheap|expensive|\\$)");
  private static final Pattern SIGNUP = Pattern.compile("\\b(sign ?up|register|create (an |my )?account|get started|try it|start (a )?trial|let'?s do it|i'?m in)\\b");
  private static final Pattern BYE = Pattern.compile("\\b(bye|goodbye|no thanks|not interested|that'?s all|see you)\\b");
  private static final Pattern GREETING = Pattern.compile("^\\s*(hi|hello|hey|good (morning|afternoon|evening)|hola|bonjour)\\b");
  private static final Pattern PRODUCT = Pattern.compile("\\b(widget|widgets|faq|form|forms|embed|website|site|customi[sz]e|design|template|integrat\\w*|wordpress|shopify|webflow)\\b");

  private static ObjectNode sdrAnswer(String userText) {
    String t = userText.toLowerCase(Locale.ROOT);
    ObjectNode out = Json.object();
    boolean cta;
    if (BYE.matcher(t).find()) {
      out.put("message", "Thanks for stopping by! If you want to try Clickeen later, the free plan is always there.");
      out.put("next", "end");
      cta = false;
    } else if (SIGNUP.matcher(t).find()) {
      out.put("message", "Great choice. Creating a free account takes under a minute, and your first widget is ready right after.");
      out.put("next", "end");
      cta = true;
    } else if (PRICING.matcher(t).find()) {
      String[] v = {
          "Clickeen has a free plan that covers one website with our core widgets. Paid plans add more widgets, remove branding and unlock advanced customization. Want to start free?",
          "You can start on the free plan at no cost, with no card needed. When you need more widgets or want to remove branding, you upgrade from inside the editor. Shall I set you up?"};
      out.put("message", v[pick(t, v.length)]);
      out.put("next", "continue");
      cta = true;
    } else if (GREETING.matcher(t).find()) {
      out.put("message", "Hi! I can help you find the right Clickeen widget for your site, such as an FAQ, a contact form or a pricing table. What are you building?");
      out.put("next", "continue");
      cta = false;
    } else if (PRODUCT.matcher(t).find()) {
      String[] v = {
          "Clickeen widgets drop into any site with one embed line, and you customize them visually in the editor with no code. Would you like to try one on your site?",
          "Each Clickeen widget is edited visually and embedded with a single snippet, and it works with WordPress, Shopify, Webflow and plain HTML. Want to build your first one now?"};
      out.put("message", v[pick(t, v.length)]);
      out.put("next", "continue");
      cta = true;
    } else {
      String[] v = {
          "Good question. Clickeen gives you ready-made widgets for your website that you can customize and embed in minutes. What would you like your site to do better?",
          "I can help with that. Tell me a bit about your website and I will suggest the Clickeen widget that fits best."};
      out.put("message", v[pick(t, v.length)]);
      out.put("next", "continue");
      cta = false;
    }
    if (cta) {
      ObjectNode c = out.putObject("cta");
      c.put("kind", "signup");
      c.put("label", "Create your free account");
      c.put("href", "https://clickeen.com/signup");
    }
    return out;
  }

  // --- any other task: the smallest answer that satisfies the schema -----------------------------

  private static JsonNode fromSchema(JsonNode schema, String userText) {
    if (schema == null || schema.isMissingNode() || schema.isNull()) {
      ObjectNode o = Json.object();
      o.put("message", "Offline model answer to: " + abbreviate(userText));
      return o;
    }
    return valueFor(schema, userText, 0);
  }

  private static JsonNode valueFor(JsonNode schema, String userText, int depth) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0);
    }
    if (schema.has("oneOf") && schema.get("oneOf").size() > 0) {
      return valueFor(schema.get("oneOf").get(0), userText, depth + 1);
    }
    if (schema.has("anyOf") && schema.get("anyOf").size() > 0) {
      return valueFor(schema.get("anyOf").get(0), userText, depth + 1);
    }
    JsonNode typeNode = schema.get("type");
    String type = typeNode == null ? "object" : typeNode.isArray() ? typeNode.get(0).asText() : typeNode.asText();
    switch (type) {
      case "object" -> {
        ObjectNode o = Json.object();
        JsonNode props = schema.path("properties");
        JsonNode required = schema.path("required");
        for (JsonNode r : required) {
          JsonNode p = props.get(r.asText());
          if (p != null && depth < 8) {
            o.set(r.asText(), valueFor(p, userText, depth + 1));
          }
        }
        return o;
      }
      case "array" -> {
        ArrayNode a = Json.array();
        int min = schema.path("minItems").asInt(0);
        for (int i = 0; i < min && depth < 8; i++) {
          a.add(valueFor(schema.path("items"), userText, depth + 1));
        }
        return a;
      }
      case "string" -> {
        String s = "Offline model answer to: " + abbreviate(userText);
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        while (s.length() < min) {
          s = s + ".";
        }
        return Json.mapper().getNodeFactory().textNode(s.length() > max ? s.substring(0, max) : s);
      }
      case "integer", "number" -> {
        return Json.mapper().getNodeFactory().numberNode(schema.path("minimum").asLong(0));
      }
      case "boolean" -> {
        return Json.mapper().getNodeFactory().booleanNode(false);
      }
      default -> {
        return Json.mapper().getNodeFactory().nullNode();
      }
    }
  }

  private static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
  }

}
