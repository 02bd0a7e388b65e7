package com.clickeen.sf.learning;

import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt text as data: each agent reads its active version from {@code sf_prompts}. Reads are cached for
 * a short time so that a new active version reaches every instance within {@link #REFRESH} without a
 * restart and without a database read per request.
 */
public final class PromptStore {
  public static final Duration REFRESH = Duration.ofSeconds(2);

  private final PromptVersions index;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(PromptVersion version, long loadedAtMs) {}

  public PromptStore(PromptVersions index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  /** Seeds {@code text} as v1 (active) unless the agent already has prompt versions. */
  public void seed(String agentId, String text) {
    index.seedPrompt(agentId, text, clock.millis());
  }

  /** The active version; seeds and returns {@code fallbackText} as v1 if the agent has none. */
  public PromptVersion active(String agentId, String fallbackText) {
    long now = clock.millis();
    Cached c = cache.get(agentId);
    if (c != null && now - c.loadedAtMs() < REFRESH.toMillis()) {
      return c.version();
    }
    PromptVersion v = index.activePrompt(agentId).orElseGet(() -> {
      index.seedPrompt(agentId, fallbackText, now);
      return index.activePrompt(agentId).orElseThrow(() -> new IllegalStateException(
          "agent " + agentId + " has prompt versions but none is active; activate one with ./sf prompts activate"));
    });
    cache.put(agentId, new Cached(v, now));
    return v;
  }
}
