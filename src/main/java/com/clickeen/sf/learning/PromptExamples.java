package com.clickeen.sf.learning;

import com.clickeen.sf.ClockTicker;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.ExampleBanks.Example;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The examples that go into a prompt: the top {@code k} of the agent's current bank for this request, by
 * word overlap with the user's text, with a bonus for the same locale and intent. An interaction is never
 * an example in its own prompt. Banks are re-read at most every {@value #REFRESH_MS} ms.
 */
public final class PromptExamples {
  /** Like prompt versions, a new bank reaches every instance within seconds. */
  static final long REFRESH_MS = 2_000;
  public static final int DEFAULT_K = 3;

  private final ExampleBanks index;
  private final Cache<String, Bank> cache;

  private record Bank(List<Example> examples, List<Set<String>> shingles) {}

  public PromptExamples(ExampleBanks index, Clock clock) {
    this.index = index;
    this.cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(REFRESH_MS)).ticker(ClockTicker.of(clock))
        .build();
  }

  private Bank load(String agentId) {
    List<Example> ex = index.examples(agentId);
    List<Set<String>> sh = new ArrayList<>();
    ex.forEach(e -> sh.add(ExampleSelector.shingles(e.inputText())));
    return new Bank(ex, sh);
  }

  public List<Example> pick(String agentId, String userText, String locale, String intent, String excludeInteractionId,
      int k) {
    Bank c = cache.getIfPresent(agentId);
    if (c == null) {
      c = cache.get(agentId, this::load);
    }
    if (c.examples().isEmpty() || k <= 0) {
      return List.of();
    }
    Set<String> q = ExampleSelector.shingles(userText);
    record Ranked(Example e, double rank) {}
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < c.examples().size(); i++) {
      Example e = c.examples().get(i);
      if (e.interactionId().equals(excludeInteractionId)) {
        continue;
      }
      double r = ExampleSelector.jaccard(q, c.shingles().get(i)) + 0.1 * e.score();
      if (locale != null && locale.equalsIgnoreCase(e.locale())) {
        r += 0.05;
      }
      if (intent != null && intent.equals(e.intent())) {
        r += 0.05;
      }
      ranked.add(new Ranked(e, r));
    }
    ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.rank()).thenComparing(r -> r.e().id()));
    return ranked.stream().limit(k).map(Ranked::e).toList();
  }

  /** The examples as a system-prompt section (empty when there are none). */
  public static String section(List<Example> examples) {
    if (examples.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\n\nExamples of answers that worked well (follow their style, not their content):");
    for (Example e : examples) {
      sb.append("\n<example>\nUser: ").append(e.inputText()).append("\nAnswer: ").append(e.outputText()).append("\n</example>");
    }
    return sb.toString();
  }
}
