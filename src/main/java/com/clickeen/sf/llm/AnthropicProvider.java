package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Anthropic Messages API over {@link ProviderHttp}: key in {@code x-api-key}, {@code anthropic-version}
 * 2023-06-01. System messages go into {@code system}; JSON mode is done the way Anthropic documents it, by
 * prefilling the assistant turn with <code>{</code>. 529 overloaded is retryable like 429 and 5xx.
 */
final class AnthropicProvider implements LlmProvider {
  static final String API_VERSION = "2023-06-01";
  private final String id;
  private final ProviderHttp http;

  AnthropicProvider(ProviderClient client, String id, String baseUrl, String apiKey) {
    this.id = id;
    this.http = new ProviderHttp(client, id, baseUrl, Map.of("x-api-key", apiKey == null ? "" : apiKey,
        "anthropic-version", API_VERSION));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatResponse chat(ChatRequest request) throws LlmException {
    JsonNode m = http.postJson("/v1/messages", body(request, false), request.timeout());
    JsonNode content = m.path("content");
    if (!content.isArray()) {
      throw new LlmException(id, true, null, id + " answered a body that is not a valid message (no content)", null);
    }
    StringBuilder text = new StringBuilder(request.jsonMode() ? "{" : "");
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText(""));
      }
    }
    JsonNode usage = m.get("usage");
    Integer in = usage == null ? null : ProviderHttp.intOrNull(usage.get("input_tokens"));
    Integer out = usage == null ? null : ProviderHttp.intOrNull(usage.get("output_tokens"));
    return new ChatResponse(text.toString(), new TokenUsage(id, ProviderHttp.textOrNull(m.get("model")), in, out),
        ProviderHttp.textOrNull(m.get("stop_reason")));
  }

  @Override
  public ChatResponse stream(ChatRequest request, DeltaSink sink) throws LlmException {
    StringBuilder text = new StringBuilder();
    Integer in = null;
    Integer out = null;
    String model = null;
    String stop = null;
    boolean finished = false;
    try (Stream<String> events = http.postEventStream("/v1/messages", body(request, true), request.timeout())) {
      if (request.jsonMode()) {
        text.append('{');
        sink.delta("{");
      }
      for (Iterator<String> it = events.iterator(); it.hasNext() && !finished; ) {
        String data = it.next();
        JsonNode ev = http.eventJson(data);
        switch (ev.path("type").asText()) {
          case "message_start" -> {
            JsonNode start = ev.path("message");
            model = ProviderHttp.textOrNull(start.get("model"));
            in = ProviderHttp.intOrNull(start.path("usage").get("input_tokens"));
          }
          case "content_block_delta" -> {
            String piece = ProviderHttp.textOrNull(ev.path("delta").get("text"));
            if (piece != null && !piece.isEmpty()) {
              text.append(piece);
              sink.delta(piece);
            }
          }
          case "message_delta" -> {
            Integer o = ProviderHttp.intOrNull(ev.path("usage").get("output_tokens"));
            out = o == null ? out : o;
            String s = ProviderHttp.textOrNull(ev.path("delta").get("stop_reason"));
            stop = s == null ? stop : s;
          }
          case "message_stop" -> finished = true;
          case "error" -> throw new LlmException(id, true, null, id + " stream failed:"
              + ProviderHttp.errorDetail(data), null);
          default -> { } // ping, content_block_start/stop
        }
      }
    } catch (UncheckedIOException e) {
      throw new LlmException(id, true, null, id + " stream failed: " + ProviderHttp.rootMessage(e), e);
    }
    if (!finished) {
      throw new LlmException(id, true, null, id + " stream ended before message_stop (cut after "
          + text.length() + " characters)", null);
    }
    return new ChatResponse(text.toString(), new TokenUsage(id, model, in, out), stop);
  }

  private byte[] body(ChatRequest request, boolean stream) {
    ObjectNode b = Json.object();
    b.put("model", request.model());
    b.put("max_tokens", request.maxTokens());
    StringBuilder system = new StringBuilder();
    ArrayNode messages = b.putArray("messages");
    for (ChatMessage m : request.messages()) {
      switch (m.role()) {
        case SYSTEM -> system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
        case USER -> messages.addObject().put("role", "user").put("content", m.content());
        case ASSISTANT -> messages.addObject().put("role", "assistant").put("content", m.content());
      }
    }
    if (request.jsonMode()) {
      messages.addObject().put("role", "assistant").put("content", "{");
    }
    if (!system.isEmpty()) {
      b.put("system", system.toString());
    }
    if (request.temperature() != null) {
      b.put("temperature", request.temperature());
    }
    if (stream) {
      b.put("stream", true);
    }
    return Json.bytes(b);
  }
}
