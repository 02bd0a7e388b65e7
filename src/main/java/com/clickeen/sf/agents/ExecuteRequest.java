package com.clickeen.sf.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One {@code POST /v1/execute} as the caller sent it, bound from JSON by the API but not yet validated:
 * {@link ExecuteService#execute} checks it. {@code input} stays a JSON tree: it is the agent's own payload,
 * checked against that agent's input schema. A field that is absent (or JSON null) is {@code null}; one
 * present with the wrong JSON type is {@code null} and named in {@code malformed} ({@code grant},
 * {@code trace}, {@code trace.requestId}, {@code trace.locale}, {@code stream}), so the service reports every problem of a body together.
 *
 * @param stream whether the caller asked for Server-Sent Events in the body ({@code "stream": true})
 */
public record ExecuteRequest(String grant, String agentId, JsonNode input, Trace trace, boolean stream,
    Set<String> malformed) {

  /**
   * The caller's trace: its own request id (becomes ours) and locale, each a string when present (another
   * JSON type is a 400 naming the field); {@code client} is not used and may hold anything.
   */
  public record Trace(String requestId, String locale) {}

  public ExecuteRequest {
    malformed = Set.copyOf(malformed);
  }

  /** A well-formed request without a trace (the golden-set runner, tools). */
  public static ExecuteRequest of(String grant, String agentId, JsonNode input) {
    return new ExecuteRequest(grant, agentId, input, null, false, Set.of());
  }
}
