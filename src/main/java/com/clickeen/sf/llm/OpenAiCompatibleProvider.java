package com.clickeen.sf.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.RequestOptions;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
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
    ChatCompletion c;
    try {
      c = client.chat().completions().create(p.build(), RequestOptions.builder().timeout(request.timeout()).build());
    } catch (OpenAIServiceException e) {
      int status = e.statusCode();
      throw new LlmException(id, LlmException.retryableStatus(status), status,
          RetryAfter.parse(e.headers().values("retry-after-ms"), e.headers().values("retry-after")),
          id + " answered HTTP " + status + errorDetail(e), e);
    } catch (OpenAIIoException e) {
      throw new LlmException(id, true, null, id + " could not be reached or timed out: " + rootMessage(e), e);
    } catch (OpenAIInvalidDataException e) {
      throw new LlmException(id, true, null, id + " answered a body that is not a valid chat completion: "
          + rootMessage(e), e);
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
