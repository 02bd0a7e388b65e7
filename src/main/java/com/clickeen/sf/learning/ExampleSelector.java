package com.clickeen.sf.learning;

import com.clickeen.sf.store.ExampleBanks.ExampleCandidate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses an agent's example bank from scored candidates:
 * <ol>
 *   <li>only eligible candidates ({@link #eligible}): a valid result with its input and output text, not
 *       reviewed {@code bad}, and reviewed {@code golden} or scored at least {@code minScore};
 *   <li>{@code golden} reviews are always in (up to {@code maxSize});
 *   <li>near-duplicates are out: an input whose word trigrams overlap an already chosen one's by at least
 *       {@code duplicateSimilarity} (Jaccard) is dropped;
 *   <li>fresher is preferred: a candidate ranks by score × (0.5 + 0.5 × 2^(−age / halfLife));
 *   <li>the bank spreads across intents and locales: candidates are taken round-robin from each
 *       (intent, locale) group, best group first;
 *   <li>the bank holds at most {@code maxSize} examples.
 * </ol>
 */
public final class ExampleSelector {
  public record Settings(double minScore, int maxSize, double duplicateSimilarity, Duration freshnessHalfLife) {
    public static Settings defaults() {
      return new Settings(0.6, 50, 0.8, Duration.ofDays(30));
    }
  }

  private final Settings settings;

  public ExampleSelector(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Whether a candidate may be in a bank at all: the one eligibility rule (the store's candidate read only
   * narrows to valid results scored at least {@code minScore} or reviewed golden).
   */
  public boolean eligible(ExampleCandidate c) {
    return c.valid()
        && c.inputText() != null
        && c.outputText() != null
        && !"bad".equals(c.humanReview())
        && ("golden".equals(c.humanReview()) || c.score() >= settings.minScore());
  }

  public List<ExampleCandidate> select(List<ExampleCandidate> all, long nowMs) {
    List<ExampleCandidate> candidates = all.stream().filter(this::eligible).toList();
    List<ExampleCandidate> chosen = new ArrayList<>();
    List<Set<String>> chosenShingles = new ArrayList<>();
    // 1. golden first, deduplicated among themselves only.
    for (ExampleCandidate c : candidates) {
      if ("golden".equals(c.humanReview()) && chosen.size() < settings.maxSize()) {
        Set<String> sh = shingles(c.inputText());
        if (!isDuplicate(sh, chosenShingles)) {
          chosen.add(c);
          chosenShingles.add(sh);
        }
      }
    }
    // 2. the rest, ranked by freshness-adjusted score, grouped by (intent, locale).
    List<ExampleCandidate> rest = candidates.stream()
        .filter(c -> !"golden".equals(c.humanReview()))
        .sorted(Comparator.comparingDouble((ExampleCandidate c) -> -adjusted(c, nowMs)).thenComparing(ExampleCandidate::interactionId))
        .toList();
    Map<String, List<ExampleCandidate>> groups = new LinkedHashMap<>();
    for (ExampleCandidate c : rest) {
      groups.computeIfAbsent(c.intent() + "|" + c.locale(), k -> new ArrayList<>()).add(c);
    }
    List<List<ExampleCandidate>> queues = new ArrayList<>(groups.values());
    int[] next = new int[queues.size()];
    boolean progressed = true;
    while (chosen.size() < settings.maxSize() && progressed) {
      progressed = false;
      for (int g = 0; g < queues.size() && chosen.size() < settings.maxSize(); g++) {
        List<ExampleCandidate> q = queues.get(g);
        while (next[g] < q.size()) {
          ExampleCandidate c = q.get(next[g]++);
          Set<String> sh = shingles(c.inputText());
          if (!isDuplicate(sh, chosenShingles)) {
            chosen.add(c);
            chosenShingles.add(sh);
            progressed = true;
            break;
          }
        }
      }
    }
    return chosen;
  }

  double adjusted(ExampleCandidate c, long nowMs) {
    double ageDays = Math.max(0, nowMs - c.createdAtMs()) / 86_400_000.0;
    double halfLifeDays = settings.freshnessHalfLife().toMillis() / 86_400_000.0;
    return c.score() * (0.5 + 0.5 * Math.pow(2, -ageDays / halfLifeDays));
  }

  private boolean isDuplicate(Set<String> sh, List<Set<String>> chosen) {
    for (Set<String> other : chosen) {
      if (jaccard(sh, other) >= settings.duplicateSimilarity()) {
        return true;
      }
    }
    return false;
  }

  static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int inter = 0;
    for (String x : a) {
      if (b.contains(x)) {
        inter++;
      }
    }
    return inter / (double) (a.size() + b.size() - inter);
  }

  /** Word trigrams of a text (single words when it is shorter), case and punctuation aside. */
  static Set<String> shingles(String text) {
    List<String> words = new ArrayList<>();
    for (String w : (text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    Set<String> out = new HashSet<>();
    if (words.size() < 3) {
      out.addAll(words);
      return out;
    }
    for (int i = 0; i + 3 <= words.size(); i++) {
      out.add(words.get(i) + " " + words.get(i + 1) + " " + words.get(i + 2));
    }
    return out;
  }
}
