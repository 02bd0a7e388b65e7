package com.clickeen.sf.agents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The {@link LeakGuard}s of one agent's recent prompt texts, each built once: prompts change rarely, the
 * guard runs on every call. Each agent owns one (A/B tests alternate a few versions at most).
 */
final class LeakGuards {
  static final int MAX_PROMPTS = 32;

  private final Cache<String, LeakGuard> byPrompt = Caffeine.newBuilder().maximumSize(MAX_PROMPTS).build();

  /** The guard of {@code systemPrompt}. */
  LeakGuard of(String systemPrompt) {
    LeakGuard g = byPrompt.getIfPresent(systemPrompt);
    return g != null ? g : byPrompt.get(systemPrompt, LeakGuard::new);
  }
}
