package com.clickeen.sf.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every provider needs for one call.
 *
 * @param model provider model name; the router fills it in
 * @param jsonMode ask for a JSON object answer (JSON mode / structured output where the API has it)
 * @param resultSchema JSON Schema the answer must satisfy, when there is one (for structured output)
 * @param maxTokens completion token cap; the budget ledger may lower it
 * @param temperature null for the provider's default
 * @param task the agent or job the call is for (tracing, metrics, and the offline model's behaviour)
 * @param taskInput the agent's structured input; real providers ignore it (they get the messages), the
 *     offline model's rule-based responders read it
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    boolean jsonMode,
    JsonNode resultSchema,
    int maxTokens,
    Double temperature,
    Duration timeout,
    String task,
    JsonNode taskInput) {

  /** A request without structured task input. */
  public ChatRequest(String model, List<ChatMessage> messages, boolean jsonMode, JsonNode resultSchema, int maxTokens,
      Double temperature, Duration timeout, String task) {
    this(model, messages, jsonMode, resultSchema, maxTokens, temperature, timeout, task, null);
  }

  public ChatRequest {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(timeout, "timeout");
    messages = List.copyOf(messages);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive (got " + maxTokens + ")");
    }
  }

  public ChatRequest withModel(String m) {
    return new ChatRequest(m, messages, jsonMode, resultSchema, maxTokens, temperature, timeout, task, taskInput);
  }

  public ChatRequest withMaxTokens(int n) {
    return new ChatRequest(model, messages, jsonMode, resultSchema, n, temperature, timeout, task, taskInput);
  }

  public ChatRequest withTimeout(Duration t) {
    return new ChatRequest(model, messages, jsonMode, resultSchema, maxTokens, temperature, t, task, taskInput);
  }

  /** Characters in all messages: the base of the worst-case prompt token estimate. */
  public int promptChars() {
    int n = 0;
    for (ChatMessage m : messages) {
      n += m.content().length();
    }
    return n;
  }
}
