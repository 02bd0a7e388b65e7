package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One member of the workforce: a contract (input and result schemas), a v1 prompt, and how it runs. */
public interface Agent {
  /** Canonical id, as in the spec: {@code sdr.copilot}, {@code editor.copilot}, ... */
  String id();

  /** Other ids callers already use for this agent (e.g. a deployed id). */
  List<String> aliases();

  String description();

  JsonNode inputSchema();

  JsonNode resultSchema();

  /** One input that passes {@link #inputSchema()}, shown by {@code GET /v1/agents}. */
  JsonNode exampleInput();

  /** The v1 prompt seeded into {@code sf_prompts} on first start. */
  String defaultPrompt();

  /**
   * A diagnostic agent (the grant probe) answers without a model: nothing it does is logged as an interaction,
   * spends a budget, or needs a model the grant allows.
   */
  default boolean diagnostic() {
    return false;
  }

  /** Runs the agent on validated input. */
  AgentOutput run(AgentCall call) throws BudgetExceededException, ProviderException, InterruptedException;
}
