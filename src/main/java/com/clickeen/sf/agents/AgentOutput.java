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
 */
public record AgentOutput(JsonNode result, String userText, String sessionId, boolean applied, List<String> exampleIds) {}
