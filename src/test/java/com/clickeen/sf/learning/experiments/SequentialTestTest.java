package com.clickeen.sf.learning.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Seeded simulations of the always-valid test: the error rate under hourly peeking, and its power. */
class SequentialTestTest {
  private static final SequentialTest TEST = SequentialTest.DEFAULT;
  private static final int MIN_PER_ARM = ExperimentEvaluator.Settings.DEFAULT.minPerArm();

  /** A score-like metric: a few discrete levels in [0, 1], as the scoring formulas give. */
  private static double score(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    return u < 0.45 ? 0.2 : u < 0.75 ? 0.4 : u < 0.93 ? 0.8 : 1.0;
  }

  @Test
  void over_1000_AA_experiments_peeked_hourly_for_two_weeks_at_most_5_percent_ever_promote() {
    SplittableRandom rnd = new SplittableRandom(20261130L);
    int promoted = 0;
    int anyDecision = 0;
    for (int exp = 0; exp < 1_000; exp++) {
      Moments a = Moments.EMPTY;
      Moments b = Moments.EMPTY;
      boolean promotedHere = false;
      boolean decidedHere = false;
      for (int hour = 0; hour < 14 * 24; hour++) {
        for (int i = 0; i < 20; i++) {
          a = a.add(score(rnd));
          b = b.add(score(rnd));
        }
        if (a.n() < MIN_PER_ARM) {
          continue;
        }
        SequentialTest.Result r = TEST.compare(a, b);
        promotedHere |= r.lower() > 0;
        decidedHere |= r.significant();
        if (decidedHere) {
          break;
        }
      }
      promoted += promotedHere ? 1 : 0;
      anyDecision += decidedHere ? 1 : 0;
    }
    // The figures docs/EXPERIMENTS.md quotes: this seed gives 18 promotions and 29 decisions either way.
    System.out.printf("A/A: %d of 1000 promoted, %d decided either way%n", promoted, anyDecision);
    assertThat(promoted).as("false promotions out of 1,000").isLessThanOrEqualTo(50);
    assertThat(anyDecision).as("false decisions either way out of 1,000").isLessThanOrEqualTo(50);
  }

  @Test
  void a_true_lift_of_005_on_a_sigma_03_metric_is_detected_with_80_percent_power_within_2000_per_arm() {
    SplittableRandom rnd = new SplittableRandom(42L);
    int runs = 500;
    int detected = 0;
    int wrongWay = 0;
    for (int exp = 0; exp < runs; exp++) {
      DoubleSupplier control = () -> 0.5 + 0.3 * gaussian(rnd);
      DoubleSupplier candidate = () -> 0.55 + 0.3 * gaussian(rnd);
      Moments a = Moments.EMPTY;
      Moments b = Moments.EMPTY;
      while (a.n() < 2_000) {
        for (int i = 0; i < 50; i++) { // one hour of traffic, then a look
          a = a.add(control.getAsDouble());
          b = b.add(candidate.getAsDouble());
        }
        SequentialTest.Result r = TEST.compare(a, b);
        if (r.lower() > 0) {
          detected++;
          break;
        }
        if (r.upper() < 0) {
          wrongWay++;
          break;
        }
      }
    }
    System.out.printf("power: %d of %d detected within 2000 per arm%n", detected, runs);
    assertThat(detected).as("detections out of " + runs).isGreaterThanOrEqualTo((int) (0.8 * runs));
    assertThat(wrongWay).isLessThanOrEqualTo(runs / 100);
  }

  @Test
  void the_interval_contains_the_estimate_and_narrows_with_data() {
    SplittableRandom rnd = new SplittableRandom(1);
    Moments a = Moments.EMPTY;
    Moments b = Moments.EMPTY;
    double lastWidth = Double.POSITIVE_INFINITY;
    for (int n = 0; n < 5; n++) {
      for (int i = 0; i < 1_000; i++) {
        a = a.add(score(rnd));
        b = b.add(score(rnd));
      }
      SequentialTest.Result r = TEST.compare(a, b);
      assertThat(r.lower()).isLessThan(r.difference());
      assertThat(r.upper()).isGreaterThan(r.difference());
      assertThat(r.upper() - r.lower()).isLessThan(lastWidth);
      assertThat(r.pValue()).isBetween(0.0, 1.0);
      lastWidth = r.upper() - r.lower();
    }
  }

  @Test
  void identical_values_in_each_arm_do_not_divide_by_zero() {
    Moments a = Moments.EMPTY;
    Moments b = Moments.EMPTY;
    for (int i = 0; i < 150; i++) {
      a = a.add(0.2);
      b = b.add(0.4);
    }
    SequentialTest.Result r = TEST.compare(a, b);
    assertThat(r.difference()).isCloseTo(0.2, within(1e-12));
    assertThat(r.lower()).isGreaterThan(0);
    assertThat(TEST.compare(a, a).significant()).isFalse();
  }

  @Test
  void moments_merge_like_one_pass() {
    SplittableRandom rnd = new SplittableRandom(3);
    Moments all = Moments.EMPTY;
    Moments left = Moments.EMPTY;
    Moments right = Moments.EMPTY;
    for (int i = 0; i < 1_000; i++) {
      double x = rnd.nextDouble();
      all = all.add(x);
      if (i % 3 == 0) {
        left = left.add(x);
      } else {
        right = right.add(x);
      }
    }
    Moments merged = left.merge(right);
    assertThat(merged.n()).isEqualTo(all.n());
    assertThat(merged.mean()).isCloseTo(all.mean(), within(1e-12));
    assertThat(merged.variance()).isCloseTo(all.variance(), within(1e-12));
  }

  static double gaussian(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
