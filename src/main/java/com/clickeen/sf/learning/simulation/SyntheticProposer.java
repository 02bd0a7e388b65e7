package com.clickeen.sf.learning.simulation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A stand-in for the prompt proposer: each candidate's true latent effect (relative to the version active
 * when it is proposed) is drawn from the world's stated mixture of uniform bands, most of them neutral or
 * slightly worse, a few better, some harmful. The sequence depends only on the seed, so every policy is
 * offered the same candidates.
 */
final class SyntheticProposer {
  record Candidate(int id, String band, double effect) {}

  private final List<WorldSettings.EffectBand> bands;
  private final SplittableRandom random;
  private int next = 1;

  SyntheticProposer(WorldSettings w, long seed) {
    this.bands = w.effects();
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  Candidate propose() {
    double u = random.nextDouble();
    double v = random.nextDouble();
    WorldSettings.EffectBand chosen = bands.getLast();
    double acc = 0;
    for (WorldSettings.EffectBand b : bands) {
      acc += b.weight();
      if (u < acc) {
        chosen = b;
        break;
      }
    }
    return new Candidate(next++, chosen.name(), chosen.low() + v * (chosen.high() - chosen.low()));
  }
}
