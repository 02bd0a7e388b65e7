package com.clickeen.sf.store;

import java.util.List;
import java.util.Optional;

/** Versioned prompt text per agent ({@code sf_prompts}), exactly one version active. */
public interface PromptVersions {

  /** The active prompt version of an agent, if any. */
  Optional<PromptVersion> activePrompt(String agentId);

  /** Inserts {@code text} as version 1, active, unless the agent already has a prompt. */
  boolean seedPrompt(String agentId, String text, long nowMs);

  /** All versions of an agent's prompt, oldest first. */
  List<PromptVersion> prompts(String agentId);

  /** Adds the next version of an agent's prompt, inactive. */
  PromptVersion addPrompt(String agentId, String text, long nowMs);

  /** Makes {@code version} the one active version (an older one = rollback); false if it does not exist. */
  boolean activatePrompt(String agentId, int version);

  /**
   * Adds the next version as a proposed candidate (inactive, {@code origin = candidate}) with where it came
   * from.
   */
  PromptVersion addCandidate(String agentId, String text, Provenance provenance, long nowMs);

  /** Where a version came from and its gate result; empty when the version does not exist. */
  Optional<Provenance> provenance(String agentId, int version);

  /** Stores the offline gate's result (JSON) on a version; false when the version does not exist. */
  boolean saveGate(String agentId, int version, String gateJson);

  /**
   * A version's origin: {@code null} for one added by hand, {@code candidate} for a proposed one that was never
   * promoted, {@code promoted} once an experiment or a person promoted it.
   */
  record Provenance(String origin, Integer parentVersion, String reportId, String proposer, String rationale,
      String gateJson) {
    public static Provenance candidate(int parentVersion, String reportId, String proposer, String rationale) {
      return new Provenance("candidate", parentVersion, reportId, proposer, rationale, null);
    }

    public boolean isCandidate() {
      return "candidate".equals(origin);
    }
  }

  record PromptVersion(String id, String agentId, int version, String text, long createdAtMs, boolean active) {}
}
