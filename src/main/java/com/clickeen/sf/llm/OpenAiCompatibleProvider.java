package com.clickeen.sf.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.RequestOptions;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import java.time.Duration;
import java.util.Optional;

/**
 * Chat Completions over the official {@code openai-java} SDK: OpenAI, DeepSeek and any OpenAI-compatible
 * server (Ollama, vLLM, llama.cpp, a proxy). The SDK's own retries are off: retries, backoff and fallback
 * are the router's, which sees the provider's {@code retry-after}. The key goes in
 * {@code Authorization: Bearer}.
 */
final class OpenAiCompatibleProvider implements LlmProvider {
  private final String id;
  private final OpenAIClient client;
  private final boolean sendMaxTokensAsLegacy;

  OpenAiCompatibleProvider(String id, String baseUrl, String apiKey, boolean legacyMaxTokens) {
    this.id = id;
    this.sendMaxTokensAsLegacy = legacyMaxTokens;
    this.client = OpenAIOkHttpClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey == null || apiKey.isEmpty() ? "none" : apiKey)
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
    ChatCompletionCreateParams.Builder p = params(request);
    ChatCompletion c;
    try {
      c = client.chat().completions().create(p.build(), RequestOptions.builder().timeout(request.timeout()).build());
    } catch (RuntimeException e) {
      throw mapped(e);
    }
    if (c.choices().isEmpty()) {
      throw new LlmException(id, true, null, id + " answered no choices", null);
    }
    ChatCompletion.Choice choice = c.choices().getFirst();
    String text = choice.message().content().orElse("");
    Optional<CompletionUsage> usage = c.usage();
    Integer prompt = usage.flatMap(u -> u._promptTokens().asKnown()).map(Long::intValue).orElse(null);
    Integer completion = usage.flatMap(u -> u._completionTokens().asKnown()).map(Long::intValue).orElse(null);
    String model = c._model().asKnown().orElse(null);
    String finish = choice._finishReason().asKnown().map(Object::toString).orElse(null);
    return new ChatResponse(text, new TokenUsage(id, model, prompt, completion), finish);
  }

  @Override
  public ChatResponse stream(ChatRequest request, DeltaSink sink) throws LlmException {
    ChatCompletionCreateParams.Builder p = params(request)
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    StringBuilder text = new StringBuilder();
    Integer prompt = null;
    Integer completion = null;
    String model = null;
    String finish = null;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(p.build(),
        RequestOptions.builder().timeout(request.timeout()).build())) {
      for (var it = stream.stream().iterator(); it.hasNext(); ) {
        ChatCompletionChunk chunk = it.next();
        if (model == null) {
          model = chunk._model().asKnown().orElse(null);
        }
        for (ChatCompletionChunk.Choice choice : chunk._choices().asKnown().orElse(java.util.List.of())) {
          String piece = choice.delta()._content().asKnown().orElse(null);
          if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            sink.delta(piece);
          }
          if (choice.finishReason().isPresent()) {
            finish = choice.finishReason().get().toString();
          }
        }
        Optional<CompletionUsage> usage = chunk._usage().asKnown();
        if (usage.isPresent()) {
          prompt = usage.get()._promptTokens().asKnown().map(Long::intValue).orElse(null);
          completion = usage.get()._completionTokens().asKnown().map(Long::intValue).orElse(null);
        }
      }
    } catch (DeltaSink.ClientGoneException e) {
      throw e;
    } catch (RuntimeException e) {
      throw mapped(e);
    }
    if (finish == null) {
      throw new LlmException(id, true, null, id + " stream ended before the answer finished (cut after "
          + text.length() + " characters)", null);
    }
    return new ChatResponse(text.toString(), new TokenUsage(id, model, prompt, completion), finish);
  }

  private ChatCompletionCreateParams.Builder params(ChatRequest request) {
    ChatCompletionCreateParams.Builder p = ChatCompletionCreateParams.builder().model(request.model());
    for (ChatMessage m : request.messages()) {
      switch (m.role()) {
        case SYSTEM -> p.addSystemMessage(m.content());
        case USER -> p.addUserMessage(m.content());
        case ASSISTANT -> p.addAssistantMessage(m.content());
      }
    }
    // DeepSeek and most compatible servers know max_tokens; OpenAI's newer models want max_completion_tokens.
    if (sendMaxTokensAsLegacy) {
      p.maxTokens(request.maxTokens());
    } else {
      p.maxCompletionTokens(request.maxTokens());
    }
    if (request.temperature() != null) {
      p.temperature(request.temperature());
    }
    if (request.jsonMode()) {
      p.responseFormat(ResponseFormatJsonObject.builder().build());
    }
    return p;
  }

  /** Maps every SDK failure once: HTTP status with retry-after, I/O (timeouts, resets), unreadable bodies. */
  private LlmException mapped(RuntimeException e) {
    return switch (e) {
      case SseException sse -> new LlmException(id, true, null, id + " stream failed: " + rootMessage(sse), sse);
      case OpenAIServiceException se -> new LlmException(id, LlmException.retryableStatus(se.statusCode()),
          se.statusCode(), RetryAfter.parse(se.headers().values("retry-after-ms"), se.headers().values("retry-after")),
          id + " answered HTTP " + se.statusCode() + errorDetail(se), se);
      case OpenAIIoException io -> new LlmException(id, true, null, id + " could not be reached or timed out: "
          + rootMessage(io), io);
      case OpenAIInvalidDataException bad -> new LlmException(id, true, null, id
          + " answered a body that is not a valid chat completion: " + rootMessage(bad), bad);
      default -> new LlmException(id, true, null, id + " call failed: " + rootMessage(e), e);
    };
  }

  private static String errorDetail(OpenAIServiceException e) {
    try {
      return e.type().map(t -> " (" + t + ")").orElse("");
    } catch (RuntimeException unreadable) {
      return ""; // error bodies of compatible servers vary; the status is what counts
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
