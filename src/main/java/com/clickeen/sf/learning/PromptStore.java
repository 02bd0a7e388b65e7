package com.clickeen.sf.learning;

import com.clickeen.sf.ClockTicker;
import com.clickeen.sf.learning.experiments.ArmChooser;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Prompt text as data: each agent reads its active version from {@code sf_prompts}. Reads are cached for
 * a short time so that a new active version reaches every instance within {@link #REFRESH} without a
 * restart and without a database read per request.
 */
public final class PromptStore {
  public static final Duration REFRESH = Duration.ofSeconds(2);

  private final PromptVersions index;
  private final Clock clock;
  private final Cache<String, PromptVersion> cache;
  private final ArmChooser arms;

  public PromptStore(PromptVersions index, Clock clock) {
    this(index, clock, null);
  }

  /** With {@code arms}, {@link #choose} serves running experiments' arms. */
  public PromptStore(PromptVersions index, Clock clock, ArmChooser arms) {
    this.arms = arms;
    this.index = index;
    this.clock = clock;
    this.cache = Caffeine.newBuilder().expireAfterWrite(REFRESH).ticker(ClockTicker.of(clock)).build();
  }

  /** Seeds {@code text} as v1 (active) unless the agent already has prompt versions. */
  public void seed(String agentId, String text) {
    index.seedPrompt(agentId, text, clock.millis());
  }

  /** The active version; seeds and returns {@code fallbackText} as v1 if the agent has none. */
  public PromptVersion active(String agentId, String fallbackText) {
    PromptVersion cached = cache.getIfPresent(agentId);
    return cached != null ? cached : cache.get(agentId, id -> load(id, fallbackText));
  }

  /**
   * The version that serves {@code subject}: its arm's version when the agent has a running experiment,
   * else the active one.
   */
  public ArmChooser.Choice choose(String agentId, String subject, String fallbackText) {
    return arms == null ? ArmChooser.Choice.plain(active(agentId, fallbackText))
        : arms.choose(agentId, subject, () -> active(agentId, fallbackText));
  }

  private PromptVersion load(String agentId, String fallbackText) {
    return index.activePrompt(agentId).orElseGet(() -> {
      index.seedPrompt(agentId, fallbackText, clock.millis());
      return index.activePrompt(agentId).orElseThrow(() -> new IllegalStateException(
          "agent " + agentId + " has prompt versions but none is active; activate one with ./sf prompts activate"));
    });
  }
}
