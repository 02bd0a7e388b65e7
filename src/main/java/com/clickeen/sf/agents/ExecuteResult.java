package com.clickeen.sf.agents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to an execute. {@code result} is the agent's validated output (free-form JSON checked against
 * the agent's result schema); the API renders the whole record as the wire format's execute response.
 */
public record ExecuteResult(String requestId, String agentId, JsonNode result, Usage usage, PromptRef prompt) {

  /** What the answer cost; token counts are {@code null} (and {@code tokensReported} false) when not reported. */
  public record Usage(String provider, String model, Integer promptTokens, Integer completionTokens, Integer tokens,
      boolean tokensReported, double costUsd, long latencyMs) {}

  /** The prompt version that answered. */
  public record PromptRef(String id, int version) {}
}
