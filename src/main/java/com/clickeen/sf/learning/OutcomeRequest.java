package com.clickeen.sf.learning;

import java.util.Set;

/**
 * An outcome as Paris reports it ({@code POST /v1/outcome}), bound from JSON by the API but not yet
 * validated: {@link OutcomeService#attach} checks it. A field that is absent (or JSON null) is {@code null};
 * one that is present with the wrong JSON type is {@code null} and named in {@code malformed}, so the
 * service reports it with the same message as a bad value.
 */
public record OutcomeRequest(String requestId, String sessionId, String event, Long occurredAtMs,
    Long timeToDecisionMs, String accountIdHash, String workspaceIdHash, Set<String> malformed) {

  public OutcomeRequest {
    malformed = Set.copyOf(malformed);
  }
}
