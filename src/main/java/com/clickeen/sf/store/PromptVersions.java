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

  record PromptVersion(String id, String agentId, int version, String text, long createdAtMs, boolean active) {}
}
