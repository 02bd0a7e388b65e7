package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.ExampleSelector;
import com.clickeen.sf.store.ExampleBanks.ExampleCandidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The example bank of one simulated agent, chosen by the real {@link ExampleSelector} from the scored
 * interactions of the last {@value #POOL_DAYS} days (narrowed, like the store's candidate read, to valid
 * results scored at least the selector's minimum). An interaction reaches the pool once its conversion has
 * arrived (only converted answers score that high). Each example carries its answer's hidden latent quality;
 * the bank adds {@code exampleLift * (1 - e^(-n / saturation)) * mean latent quality of its examples} to
 * every answer.
 */
final class ExampleBank {
  static final int POOL_DAYS = 30;
  private static final String[] WORDS = ("price plan team seats trial widget embed site form page shop demo invoice "
      + "discount annual monthly support export import design theme mobile speed analytics upgrade cancel refund "
      + "language domain login editor template agency client brand launch").split(" ");

  private final ExampleSelector selector = new ExampleSelector(ExampleSelector.Settings.defaults());
  private final List<ExampleCandidate> pool = new ArrayList<>();
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(
      Comparator.comparingLong(Pending::arrivesAtMs).thenComparing(p -> p.candidate().interactionId()));
  private final Map<String, Double> latent = new HashMap<>();
  private final double lift;
  private final double saturation;
  private final long seed;
  private List<ExampleCandidate> chosen = List.of();
  private double boost;

  private record Pending(long arrivesAtMs, ExampleCandidate candidate) {}

  ExampleBank(WorldSettings w, long seed) {
    this.lift = w.exampleLift();
    this.saturation = w.exampleSaturation();
    this.seed = seed;
  }

  /** Offers one scored interaction to the candidate pool. */
  void offer(long index, WorldSettings.Segment s, SyntheticModel.Answer a, long nowMs) {
    if (!a.valid() || a.score() < selector.settings().minScore()) {
      return;
    }
    String id = "i" + index;
    pending.add(new Pending(nowMs + a.conversionDelayMs(), new ExampleCandidate(id, SyntheticModel.AGENT, true,
        a.score(), null, s.intent(), s.locale(), text(index, s), "answer " + id, null, nowMs)));
    latent.put(id, a.latent());
  }

  /** The daily rebuild (update-example-banks): forget old candidates, select, recompute the lift. */
  void rebuild(long nowMs) {
    long oldest = nowMs - POOL_DAYS * 86_400_000L;
    while (!pending.isEmpty() && pending.peek().arrivesAtMs() <= nowMs) {
      pool.add(pending.poll().candidate());
    }
    pool.removeIf(c -> {
      boolean old = c.createdAtMs() < oldest;
      if (old) {
        latent.remove(c.interactionId());
      }
      return old;
    });
    chosen = selector.select(List.copyOf(pool), nowMs);
    double mean = chosen.stream().mapToDouble(c -> latent.get(c.interactionId())).average().orElse(0);
    boost = lift * (1 - Math.exp(-chosen.size() / saturation)) * mean;
  }

  double boost() {
    return boost;
  }

  int size() {
    return chosen.size();
  }

  /** A visitor's question: the segment's intent and six words drawn from the interaction's own stream. */
  private String text(long index, WorldSettings.Segment s) {
    SplittableRandom r = new SplittableRandom(seed * 31 + index);
    StringBuilder b = new StringBuilder(s.intent()).append(' ').append(s.locale());
    for (int i = 0; i < 6; i++) {
      b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
    }
    return b.toString();
  }
}
