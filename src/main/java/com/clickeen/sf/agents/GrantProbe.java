package com.clickeen.sf.agents;

import com.clickeen.sf.grants.Grant;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code debug.grantProbe}: answers what the verified grant says (subject, capabilities, budgets, mode, expiry,
 * trace and model policy) and echoes {@code ping}, without a model call. Smoke tests use it to check a grant end
 * to end. It is diagnostic: it spends none of the grant's budgets and is not logged as an interaction.
 */
final class GrantProbe extends ResourceAgent {
  static final String ID = "debug.grantProbe";

  GrantProbe() {
    super(ID, List.of(), "Grant probe: answers the verified grant's subject, capabilities and budgets without a "
        + "model call (smoke tests); spends nothing and is not logged.");
  }

  @Override
  public boolean diagnostic() {
    return true;
  }

  @Override
  public AgentOutput run(AgentCall call) {
    Grant g = call.grant();
    ObjectNode r = Json.object();
    r.put("ok", true);
    JsonNode ping = call.input().get("ping");
    if (ping != null && ping.isTextual()) {
      r.put("echo", ping.textValue());
    }
    ObjectNode grant = r.putObject("grant");
    ObjectNode sub = grant.putObject("subject");
    sub.put("kind", g.subject().kind());
    sub.put("id", g.subject().id());
    if (g.subject().workspaceId() != null) {
      sub.put("workspaceId", g.subject().workspaceId());
    }
    if (g.subject().accountId() != null) {
      sub.put("accountId", g.subject().accountId());
    }
    ArrayNode caps = grant.putArray("caps");
    g.caps().forEach(caps::add);
    ObjectNode b = grant.putObject("budgets");
    b.put("maxTokens", g.budgets().maxTokens());
    b.put("maxRequests", g.budgets().maxRequests());
    b.put("maxCostUsd", g.budgets().maxCostUsd());
    b.put("timeoutMs", g.budgets().timeoutMs());
    grant.put("mode", g.mode());
    grant.put("jti", g.jti());
    grant.put("iat", g.issuedAtEpochSeconds());
    grant.put("exp", g.expiresAtEpochSeconds());
    ObjectNode trace = grant.putObject("trace");
    g.trace().forEach(trace::put);
    if (g.ai() == null) {
      grant.putNull("ai");
    } else {
      ObjectNode ai = grant.putObject("ai");
      ai.put("profile", g.ai().profile());
      ObjectNode allowed = ai.putObject("allowed");
      g.ai().allowed().forEach((p, models) -> {
        ArrayNode list = allowed.putArray(p);
        models.stream().sorted().forEach(list::add);
      });
      ArrayNode preferred = ai.putArray("preferred");
      g.ai().preferred().forEach(c -> preferred.add(c.model() == null ? c.provider() : c.provider() + ":" + c.model()));
    }
    return AgentOutput.valid(r, ping != null && ping.isTextual() ? ping.textValue() : "", null, true, List.of());
  }
}
