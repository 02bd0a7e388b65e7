package com.clickeen.sf.testing;

import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.llm.LlmException;
import com.clickeen.sf.llm.LlmProvider;
import com.clickeen.sf.llm.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider double for the port: answers a fixed SDR result with fixed usage, or fails, or stalls.
 * It stands in for the network side only; everything around the port is the real code.
 */
public final class ScriptedProvider implements LlmProvider {
  public enum Mode { ANSWER, FAIL_RETRYABLE, FAIL_FATAL, FAIL_BAD_REQUEST, STALL, NO_USAGE, INVALID_JSON }

  private final String id;
  private volatile Mode mode;
  private final int promptTokens;
  private final int completionTokens;
  public final AtomicInteger calls = new AtomicInteger();
  public volatile int lastMaxTokens;
  /** The messages of the last call, for tests that check what reached the model. */
  public volatile java.util.List<com.clickeen.sf.llm.ChatMessage> lastMessages = java.util.List.of();

  public ScriptedProvider(String id, Mode mode, int promptTokens, int completionTokens) {
    this.id = id;
    this.mode = mode;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
  }

  public void mode(Mode m) {
    this.mode = m;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ChatResponse chat(ChatRequest request) throws LlmException {
    calls.incrementAndGet();
    lastMaxTokens = request.maxTokens();
    lastMessages = request.messages();
    String answer = "{\"message\":\"scripted answer from " + id + "\",\"next\":\"continue\"}";
    return switch (mode) {
      case ANSWER -> new ChatResponse(answer, new TokenUsage(id, request.model(), promptTokens, completionTokens), "stop");
      case NO_USAGE -> new ChatResponse(answer, new TokenUsage(id, request.model(), null, null), "stop");
      case INVALID_JSON -> new ChatResponse("{\"message\": 7", new TokenUsage(id, request.model(), promptTokens, 3), "stop");
      case FAIL_RETRYABLE -> throw LlmException.retryable(id, "HTTP 503 from " + id);
      case FAIL_FATAL -> throw LlmException.fatal(id, "HTTP 401 from " + id);
      case FAIL_BAD_REQUEST -> throw new LlmException(id, false, 400, "HTTP 400 from " + id, null);
      case STALL -> {
        try {
          new java.util.concurrent.CountDownLatch(1).await(request.timeout().toMillis() + 5_000,
              java.util.concurrent.TimeUnit.MILLISECONDS); // stalls past the call's timeout; cancelled by interrupt
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw LlmException.retryable(id, "timed out");
      }
    };
  }
}
