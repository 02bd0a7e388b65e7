package com.clickeen.sf.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An agent whose contract (schemas, example, v1 prompt) is data under {@code agents/<id>/}. */
abstract class ResourceAgent implements Agent {
  private final String id;
  private final List<String> aliases;
  private final String description;
  protected final AgentResources contract;
  protected final com.clickeen.sf.json.SchemaValidator resultValidator;
  /** This agent's leak guards, one per recent prompt text. */
  protected final LeakGuards leakGuards = new LeakGuards();

  ResourceAgent(String id, List<String> aliases, String description) {
    this.id = id;
    this.aliases = List.copyOf(aliases);
    this.description = description;
    this.contract = AgentResources.load(id);
    this.resultValidator = com.clickeen.sf.json.SchemaValidator.of(contract.resultSchema());
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final List<String> aliases() {
    return aliases;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final JsonNode inputSchema() {
    return contract.inputSchema();
  }

  @Override
  public final JsonNode resultSchema() {
    return contract.resultSchema();
  }

  @Override
  public final JsonNode exampleInput() {
    return contract.exampleInput();
  }

  @Override
  public final String defaultPrompt() {
    return contract.promptV1();
  }
}
