package com.clickeen.sf.learning.simulation;

import java.time.Duration;
import java.util.List;

/**
 * The synthetic world's parameters, fixed before looking at results (each is documented with its default in
 * LEARNING.md). Qualities are on a latent scale in [0, 1]; an answer of latent quality x has the expected
 * score {@code (1 - contractBreakRate) * (0.2 + 0.45 x)} under the SDR Copilot's formula (see {@link SyntheticModel}).
 *
 * @param segments the visitor segments with their traffic shares and hidden preferences
 * @param visitors how many distinct visitors there are (the subjects of sticky assignment)
 * @param v1Latent the hidden latent quality of prompt version 1
 * @param answerNoise the standard deviation of one answer's latent quality around its prompt's
 * @param contractBreakRate the share of answers that break the output contract (invalid)
 * @param exampleLift the latent quality a full example bank of perfect examples adds
 * @param exampleSaturation the bank size at which the lift reaches 63 % of its maximum
 * @param proposalEveryDays how often the proposer writes a candidate (weekly, like analyze-and-improve)
 * @param effects the distribution of the candidates' true latent effects
 * @param maxExperiment how long an experiment runs before it ends inconclusive
 * @param naiveExposures how many exposures per arm the naive policy waits for before it compares means
 * @param conversionDelay conversions and payments arrive uniformly between 0 and this long after the answer
 */
public record WorldSettings(List<Segment> segments, int visitors, double v1Latent, double answerNoise,
    double contractBreakRate, double exampleLift, double exampleSaturation, int proposalEveryDays,
    List<EffectBand> effects, Duration maxExperiment, int naiveExposures, Duration conversionDelay) {

  /** A segment of visitors: its traffic share and its hidden latent preference (added to every answer). */
  public record Segment(String locale, String intent, double share, double preference) {}

  /** One band of the candidates' effect distribution: with probability {@code weight}, uniform in [low, high]. */
  public record EffectBand(String name, double weight, double low, double high) {}

  public static WorldSettings defaults() {
    return new WorldSettings(
        List.of(new Segment("en", "pricing", 0.35, 0.05), new Segment("en", "browse", 0.35, -0.05),
            new Segment("de", "pricing", 0.15, 0.02), new Segment("de", "browse", 0.15, -0.08)),
        20_000, 0.30, 0.10, 0.03, 0.15, 10, 7,
        List.of(new EffectBand("harmful", 0.10, -0.15, -0.05), new EffectBand("slightly worse", 0.25, -0.04, -0.01),
            new EffectBand("neutral", 0.40, -0.01, 0.01), new EffectBand("better", 0.25, 0.03, 0.15)),
        Duration.ofDays(7), 200, Duration.ofDays(7));
  }

  public WorldSettings {
    segments = List.copyOf(segments);
    effects = List.copyOf(effects);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("simulation: segments must not be empty");
    }
    double share = segments.stream().mapToDouble(Segment::share).sum();
    if (Math.abs(share - 1) > 1e-9) {
      throw new IllegalArgumentException("simulation: segment shares must add up to 1, got " + share);
    }
    double weight = effects.stream().mapToDouble(EffectBand::weight).sum();
    if (Math.abs(weight - 1) > 1e-9) {
      throw new IllegalArgumentException("simulation: effect band weights must add up to 1, got " + weight);
    }
    for (EffectBand b : effects) {
      if (b.low() > b.high()) {
        throw new IllegalArgumentException("simulation: effect band " + b.name() + " has low " + b.low() + " > high "
            + b.high());
      }
    }
    require("visitors", visitors, visitors >= 1, ">= 1");
    require("v1Latent", v1Latent, v1Latent >= 0 && v1Latent <= 1, "in [0, 1]");
    require("answerNoise", answerNoise, answerNoise >= 0, ">= 0");
    require("contractBreakRate", contractBreakRate, contractBreakRate >= 0 && contractBreakRate < 1, "in [0, 1)");
    require("exampleLift", exampleLift, exampleLift >= 0, ">= 0");
    require("exampleSaturation", exampleSaturation, exampleSaturation > 0, "> 0");
    require("proposalEveryDays", proposalEveryDays, proposalEveryDays >= 1, ">= 1");
    require("naiveExposures", naiveExposures, naiveExposures >= 1, ">= 1");
    if (conversionDelay.isNegative()) {
      throw new IllegalArgumentException("simulation: conversionDelay must be >= 0, got " + conversionDelay);
    }
    if (maxExperiment.isNegative() || maxExperiment.isZero()) {
      throw new IllegalArgumentException("simulation: maxExperiment must be positive, got " + maxExperiment);
    }
  }

  private static void require(String key, double value, boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("simulation: " + key + " must be " + rule + ", got " + value);
    }
  }
}
