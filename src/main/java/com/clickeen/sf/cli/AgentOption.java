package com.clickeen.sf.cli;

import com.clickeen.sf.agents.AgentRegistry;
import picocli.CommandLine.Option;

/** {@code --agent ID}: an agent id or alias, resolved to the agent's canonical id (unknown ids are refused). */
public final class AgentOption {
  @Option(names = "--agent", required = true, paramLabel = "ID", description = "Agent id, e.g. sdr.copilot.")
  String agent;

  /** The canonical id; throws with a message naming the unknown id. */
  public String id() {
    return resolve(agent);
  }

  static String resolve(String agent) {
    return AgentRegistry.standard().find(agent).map(a -> a.id()).orElseThrow(() ->
        new UsageError("unknown agent '" + agent + "' (agents: " + String.join(", ", AgentRegistry.standard().all()
            .stream().map(a -> a.id()).toList()) + ")"));
  }
}
