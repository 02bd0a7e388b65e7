package com.clickeen.sf.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an agent run produced.
 *
 * @param result the validated result returned to the caller
 * @param userText the user's own words in this call (the interaction's {@code input.prompt})
 * @param sessionId the session the call belongs to, or null
 * @param applied whether the result takes effect as returned (a message shown, ops applied)
 * @param exampleIds ids of the examples that were in the prompt
 * @param valid whether the model's answer passed the agent's schema and rules (an editor answer whose ops
 *     failed is returned as {@code invalid_ops} with no ops: a 200, but not a valid interaction)
 * @param invalidReason what failed, when not valid
 */
public record AgentOutput(JsonNode result, String userText, String sessionId, boolean applied, List<String> exampleIds,
    boolean valid, String invalidReason) {

  /** A valid result. */
  public static AgentOutput valid(JsonNode result, String userText, String sessionId, boolean applied,
      List<String> exampleIds) {
    return new AgentOutput(result, userText, sessionId, applied, exampleIds, true, null);
  }
}
