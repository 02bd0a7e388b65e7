package com.clickeen.sf.llm;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.RequestOptions;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Usage;
import java.time.Duration;
import java.util.Optional;

/**
 * The Anthropic Messages API over the official {@code anthropic-java} SDK (key in {@code x-api-key},
 * {@code anthropic-version} set by the SDK). System messages go into {@code system}; JSON mode is done
 * the way Anthropic documents it, by prefilling the assistant turn with <code>{</code>. 529 overloaded is
 * retryable like 429 and 5xx.
 */
final class AnthropicProvider implements LlmProvider {
  private final String id;
  private final AnthropicClient client;

  AnthropicProvider(String id, String baseUrl, String apiKey) {
    this.id = id;
    // The key goes in x-api-key, as the Messages API documents. (This SDK version sends a key given through
    // apiKey() as a bearer token, which api.anthropic.com does not take for API keys.)
    this.client = AnthropicOkHttpClient.builder()
        .baseUrl(baseUrl)
        .putHeader("x-api-key", apiKey)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatResponse chat(ChatRequest request) throws LlmException {
    boolean prefill = request.jsonMode();
    Message m;
    try {
      m = client.messages().create(params(request).build(), RequestOptions.builder().timeout(request.timeout()).build());
    } catch (RuntimeException e) {
      throw mapped(e);
    }
    StringBuilder text = new StringBuilder(prefill ? "{" : "");
    for (ContentBlock b : m._content().asKnown().orElse(java.util.List.of())) {
      b.text().ifPresent(t -> text.append(t.text()));
    }
    Optional<Usage> usage = m._usage().asKnown();
    Integer in = usage.flatMap(u -> u._inputTokens().asKnown()).map(Long::intValue).orElse(null);
    Integer out = usage.flatMap(u -> u._outputTokens().asKnown()).map(Long::intValue).orElse(null);
    String model = m._model().asKnown().map(com.anthropic.models.messages.Model::asString).orElse(null);
    String stop = m._stopReason().asKnown().map(Object::toString).orElse(null);
    return new ChatResponse(text.toString(), new TokenUsage(id, model, in, out), stop);
  }

  @Override
  public ChatResponse stream(ChatRequest request, DeltaSink sink) throws LlmException {
    boolean prefill = request.jsonMode();
    StringBuilder text = new StringBuilder();
    if (prefill) {
      text.append('{');
      sink.delta("{");
    }
    Integer in = null;
    Integer out = null;
    String model = null;
    String stop = null;
    boolean finished = false;
    try (var stream = client.messages().createStreaming(params(request).build(),
        RequestOptions.builder().timeout(request.timeout()).build())) {
      for (var it = stream.stream().iterator(); it.hasNext(); ) {
        RawMessageStreamEvent ev = it.next();
        if (ev.messageStart().isPresent()) {
          Message start = ev.messageStart().get().message();
          model = start._model().asKnown().map(com.anthropic.models.messages.Model::asString).orElse(null);
          in = start._usage().asKnown().flatMap(u -> u._inputTokens().asKnown()).map(Long::intValue).orElse(null);
        } else if (ev.contentBlockDelta().isPresent()) {
          String piece = ev.contentBlockDelta().get().delta().text().map(t -> t.text()).orElse(null);
          if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            sink.delta(piece);
          }
        } else if (ev.messageDelta().isPresent()) {
          var md = ev.messageDelta().get();
          out = md._usage().asKnown().flatMap(u -> u._outputTokens().asKnown()).map(Long::intValue).orElse(out);
          stop = md.delta().stopReason().map(Object::toString).orElse(stop);
        } else if (ev.messageStop().isPresent()) {
          finished = true;
        }
      }
    } catch (DeltaSink.ClientGoneException e) {
      throw e;
    } catch (RuntimeException e) {
      throw mapped(e);
    }
    if (!finished) {
      throw new LlmException(id, true, null, id + " stream ended before message_stop (cut after "
          + text.length() + " characters)", null);
    }
    return new ChatResponse(text.toString(), new TokenUsage(id, model, in, out), stop);
  }

  private LlmException mapped(RuntimeException e) {
    return switch (e) {
      case AnthropicServiceException se -> new LlmException(id, LlmException.retryableStatus(se.statusCode()),
          se.statusCode(), RetryAfter.parse(se.headers().values("retry-after-ms"), se.headers().values("retry-after")),
          id + " answered HTTP " + se.statusCode() + (se.statusCode() == 529 ? " (overloaded)" : ""), se);
      case AnthropicIoException io -> new LlmException(id, true, null, id + " could not be reached or timed out: "
          + OpenAiCompatibleProvider.rootMessage(io), io);
      case AnthropicInvalidDataException bad -> new LlmException(id, true, null, id
          + " answered a body that is not a valid message: " + OpenAiCompatibleProvider.rootMessage(bad), bad);
      default -> new LlmException(id, true, null, id + " call failed: " + OpenAiCompatibleProvider.rootMessage(e), e);
    };
  }

  private MessageCreateParams.Builder params(ChatRequest request) {
    MessageCreateParams.Builder p = MessageCreateParams.builder()
        .model(request.model())
        .maxTokens(request.maxTokens());
    StringBuilder system = new StringBuilder();
    for (ChatMessage m : request.messages()) {
      switch (m.role()) {
        case SYSTEM -> system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
        case USER -> p.addUserMessage(m.content());
        case ASSISTANT -> p.addAssistantMessage(m.content());
      }
    }
    if (!system.isEmpty()) {
      p.system(system.toString());
    }
    if (request.temperature() != null) {
      // This SDK version has no typed setter for temperature; the Messages API still takes it.
      p.putAdditionalBodyProperty("temperature", com.anthropic.core.JsonValue.from(request.temperature()));
    }
    if (request.jsonMode()) {
      p.addAssistantMessage("{");
    }
    return p;
  }
}
