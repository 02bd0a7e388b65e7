package com.clickeen.sf.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workforce: every agent by id and alias, registered explicitly. */
public final class AgentRegistry {
  private final List<Agent> agents;
  private final Map<String, Agent> byId = new LinkedHashMap<>();

  public AgentRegistry(List<Agent> agents) {
    this.agents = List.copyOf(agents);
    for (Agent a : agents) {
      register(a.id(), a);
      a.aliases().forEach(alias -> register(alias, a));
    }
  }

  private void register(String id, Agent a) {
    if (byId.putIfAbsent(id, a) != null) {
      throw new IllegalArgumentException("agent id '" + id + "' is registered twice");
    }
  }

  /** The agents that ship with San Francisco. */
  public static AgentRegistry standard() {
    return new AgentRegistry(List.of(new SdrCopilot(), new EditorCopilot(), new SupportAgent(),
        new MarketingCopywriter(), new ContentWriter(), new UiTranslator(), new OpsMonitor(), new GrantProbe()));
  }

  public Optional<Agent> find(String idOrAlias) {
    return Optional.ofNullable(byId.get(idOrAlias));
  }

  public List<Agent> all() {
    return agents;
  }
}
