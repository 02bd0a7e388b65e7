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
}
