package com.clickeen.sf.grants;

import java.util.List;
import java.util.Map;

/**
 * A verified AI Grant. Only {@link GrantCodec#verify} makes these from tokens.
 *
 * @param trace the grant's trace (string values only): {@code sessionId}, {@code instancePublicId}, {@code envStage}…
 * @param ai the caller's provider and model policy (the grant's {@code ai} block), or null when it has none
 * @param budgetKey the key budgets are counted under: {@code (sub, jti)} when a jti is present, else a
 *     hash of the decoded payload — never the token text, so two spellings cannot count as two grants
 */
public record Grant(
    Subject subject,
    String jti,
    Long issuedAtEpochSeconds,
    long expiresAtEpochSeconds,
    List<String> caps,
    GrantBudgets budgets,
    String mode,
    Map<String, String> trace,
    com.clickeen.sf.llm.ModelPolicy ai,
    String budgetKey) {

  public boolean allows(String capability) {
    return caps.contains(capability);
  }
}
