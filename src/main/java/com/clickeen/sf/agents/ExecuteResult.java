package com.clickeen.sf.agents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to an execute. {@code result} is the agent's validated output (free-form JSON checked against
 * the agent's result schema); the API renders it as the wire format's execute response. {@code valid} is false
 * when the agent had to answer with its fallback because the model's output broke the contract (the answer is
 * still well-formed; the interaction is logged as invalid).
 */
public record ExecuteResult(String requestId, String agentId, JsonNode result, Usage usage, PromptRef prompt,
    boolean valid) {

  /** A valid answer (what the API sends; the offline gate also reads {@code valid}). */
  public ExecuteResult(String requestId, String agentId, JsonNode result, Usage usage, PromptRef prompt) {
    this(requestId, agentId, result, usage, prompt, true);
  }

  /** What the answer cost; token counts are {@code null} (and {@code tokensReported} false) when not reported. */
  public record Usage(String provider, String model, Integer promptTokens, Integer completionTokens, Integer tokens,
      boolean tokensReported, double costUsd, long latencyMs) {}

  /** The prompt version that answered. */
  public record PromptRef(String id, int version) {}
}
