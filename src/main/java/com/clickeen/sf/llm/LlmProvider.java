package com.clickeen.sf.llm;

/**
 * One model API. Implementations map every failure once into {@link LlmException} with
 * {@link LlmException#retryable()} set, so that retries, fallbacks and routing depend on nothing else.
 */
public interface LlmProvider {
  /** Stable provider id as it appears in {@code usage.provider}: offline, deepseek, openai, anthropic, ... */
  String id();

  /** One chat completion. Must honour {@link ChatRequest#timeout()}. */
  ChatResponse chat(ChatRequest request) throws LlmException;

  /**
   * The same call, streamed: text goes to {@code sink} as it arrives, the whole answer with its usage is
   * returned at the end. A provider without streaming answers in one piece, which is still correct.
   * A {@link DeltaSink.ClientGoneException} from the sink must cancel the upstream call and propagate.
   */
  default ChatResponse stream(ChatRequest request, DeltaSink sink) throws LlmException {
    ChatResponse r = chat(request);
    sink.delta(r.text());
    return r;
  }
}
