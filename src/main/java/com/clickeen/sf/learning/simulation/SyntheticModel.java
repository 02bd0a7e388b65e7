package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.Scoring;
import com.clickeen.sf.store.OutcomeFlags;
import java.util.SplittableRandom;

/**
 * A stand-in for the LLM and the visitor: an answer's latent quality x is its prompt's quality plus the
 * segment's preference plus noise (clamped to [0, 1]); it breaks the contract with a fixed probability;
 * otherwise the visitor continues with probability x, converts with probability x/2 and, once converted,
 * pays with probability 1/2. Outcomes are scored by the real {@link Scoring} (SDR Copilot formula), so the
 * expected score of an answer is {@code (1 - breakRate) * (0.2 + 0.45 x)}: that expectation is the answer's
 * true quality. A conversion (and its payment) arrives uniformly 0 to {@code conversionDelay} after the answer;
 * until then the answer scores without it. Every answer consumes the same six random draws, so policies on one seed stay aligned.
 */
final class SyntheticModel {
  static final String AGENT = "sdr.copilot";

  /**
   * @param score the final score, once every outcome is in
   * @param scoreBeforeConversion the score while the conversion and payment have not arrived yet
   * @param conversionDelayMs when the conversion (and payment) arrive after the answer; 0 when there is none
   */
  record Answer(double latent, boolean valid, double score, double scoreBeforeConversion, long conversionDelayMs,
      double trueQuality) {}

  private final Scoring scoring;
  private final double noise;
  private final double breakRate;
  private final String agentId;
  private final long maxDelayMs;

  SyntheticModel(WorldSettings w, String agentId) {
    this.scoring = Scoring.standard();
    this.noise = w.answerNoise();
    this.breakRate = w.contractBreakRate();
    this.agentId = agentId;
    this.maxDelayMs = w.conversionDelay().toMillis();
  }

  Answer answer(double meanLatent, SplittableRandom r) {
    double x = clamp(meanLatent + noise * r.nextGaussian());
    boolean valid = r.nextDouble() >= breakRate;
    boolean continued = r.nextDouble() < x;
    boolean converted = r.nextDouble() < x / 2;
    boolean paid = r.nextDouble() < 0.5;
    long delay = (long) (r.nextDouble() * maxDelayMs);
    OutcomeFlags flags = valid
        ? new OutcomeFlags(continued, false, null, converted, converted && paid, null, null, null)
        : OutcomeFlags.NONE;
    double score = scoring.score(agentId, valid, false, flags);
    if (!valid || !converted) {
      return new Answer(x, valid, score, score, 0, expectedScore(x));
    }
    OutcomeFlags early = new OutcomeFlags(continued, false, null, null, null, null, null, null);
    return new Answer(x, valid, score, scoring.score(agentId, valid, false, early), delay, expectedScore(x));
  }

  /** The expected score of an answer of latent quality x. */
  double expectedScore(double x) {
    return (1 - breakRate) * (0.2 + 0.45 * x);
  }

  /** The latent shift that moves the expected score by {@code scoreEffect}. */
  double latentFor(double scoreEffect) {
    return scoreEffect / ((1 - breakRate) * 0.45);
  }

  static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }
}
