package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Chat Completions API: OpenAI, DeepSeek and any OpenAI-compatible server (Ollama, vLLM, llama.cpp, a
 * proxy), over {@link ProviderHttp}. Retries, backoff and fallback are the router's, which sees the
 * provider's {@code retry-after}. The key goes in {@code Authorization: Bearer}; a server without keys
 * gets no such header.
 */
final class OpenAiCompatibleProvider implements LlmProvider {
  private final String id;
  private final ProviderHttp http;
  private final boolean sendMaxTokensAsLegacy;

  OpenAiCompatibleProvider(ProviderClient client, String id, String baseUrl, String apiKey, boolean legacyMaxTokens) {
    this.id = id;
    this.sendMaxTokensAsLegacy = legacyMaxTokens;
    this.http = new ProviderHttp(client, id, baseUrl,
        apiKey == null || apiKey.isEmpty() ? Map.of() : Map.of("authorization", "Bearer " + apiKey));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatResponse chat(ChatRequest request) throws LlmException {
    JsonNode c = http.postJson("/chat/completions", body(request, false), request.timeout());
    JsonNode choices = c.path("choices");
    if (!choices.isArray()) {
      throw new LlmException(id, true, null, id + " answered a body that is not a valid chat completion (no choices)",
          null);
    }
    if (choices.isEmpty()) {
      throw new LlmException(id, true, null, id + " answered no choices", null);
    }
    JsonNode choice = choices.get(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isMissingNode() && !content.isNull() && !content.isTextual()) {
      throw new LlmException(id, true, null, id + " answered a body that is not a valid chat completion "
          + "(message.content is " + content.getNodeType().toString().toLowerCase(Locale.ROOT) + ")", null);
    }
    JsonNode usage = c.get("usage");
    Integer prompt = usage == null ? null : ProviderHttp.intOrNull(usage.get("prompt_tokens"));
    Integer completion = usage == null ? null : ProviderHttp.intOrNull(usage.get("completion_tokens"));
    return new ChatResponse(content.isTextual() ? content.textValue() : "",
        new TokenUsage(id, ProviderHttp.textOrNull(c.get("model")), prompt, completion),
        ProviderHttp.textOrNull(choice.get("finish_reason")));
  }

  @Override
  public ChatResponse stream(ChatRequest request, DeltaSink sink) throws LlmException {
    StringBuilder text = new StringBuilder();
    Integer prompt = null;
    Integer completion = null;
    String model = null;
    String finish = null;
    try (Stream<String> events = http.postEventStream("/chat/completions", body(request, true), request.timeout())) {
      for (Iterator<String> it = events.iterator(); it.hasNext(); ) {
        String data = it.next();
        if (data.equals("[DONE]")) {
          break;
        }
        JsonNode chunk = http.eventJson(data);
        if (chunk.has("error")) {
          throw new LlmException(id, true, null, id + " stream failed:" + ProviderHttp.errorDetail(data), null);
        }
        if (model == null) {
          model = ProviderHttp.textOrNull(chunk.get("model"));
        }
        for (JsonNode choice : chunk.path("choices")) {
          String piece = ProviderHttp.textOrNull(choice.path("delta").get("content"));
          if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            sink.delta(piece);
          }
          String f = ProviderHttp.textOrNull(choice.get("finish_reason"));
          if (f != null) {
            finish = f;
          }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
          prompt = ProviderHttp.intOrNull(usage.get("prompt_tokens"));
          completion = ProviderHttp.intOrNull(usage.get("completion_tokens"));
        }
      }
    } catch (UncheckedIOException e) {
      throw new LlmException(id, true, null, id + " stream failed: " + ProviderHttp.rootMessage(e), e);
    }
    if (finish == null) {
      throw new LlmException(id, true, null, id + " stream ended before the answer finished (cut after "
          + text.length() + " characters)", null);
    }
    return new ChatResponse(text.toString(), new TokenUsage(id, model, prompt, completion), finish);
  }

  /**
   * The request body, written field by field with one generator (no tree of nodes built and walked first; the
   * bytes are the same as the tree's).
   */
  byte[] body(ChatRequest request, boolean stream) {
    var out = new com.fasterxml.jackson.core.util.ByteArrayBuilder(4096);
    try (com.fasterxml.jackson.core.JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", request.model());
      g.writeArrayFieldStart("messages");
      for (ChatMessage m : request.messages()) {
        g.writeStartObject();
        g.writeStringField("role", m.role().name().toLowerCase(Locale.ROOT));
        g.writeStringField("content", m.content());
        g.writeEndObject();
      }
      g.writeEndArray();
      // DeepSeek and most compatible servers know max_tokens; OpenAI's newer models want max_completion_tokens.
      g.writeNumberField(sendMaxTokensAsLegacy ? "max_tokens" : "max_completion_tokens", request.maxTokens());
      if (request.temperature() != null) {
        g.writeNumberField("temperature", request.temperature().doubleValue());
      }
      if (request.jsonMode()) {
        g.writeObjectFieldStart("response_format");
        g.writeStringField("type", "json_object");
        g.writeEndObject();
      }
      if (stream) {
        g.writeBooleanField("stream", true);
        g.writeObjectFieldStart("stream_options");
        g.writeBooleanField("include_usage", true);
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
