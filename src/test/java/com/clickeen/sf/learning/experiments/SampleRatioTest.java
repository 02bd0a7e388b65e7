package com.clickeen.sf.learning.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleRatioTest {
  @Test
  void a_52_48_split_at_20000_exposures_is_flagged() {
    double p = SampleRatio.pValue(9_600, 10_400, 0.5);
    assertThat(SampleRatio.chiSquare(9_600, 10_400, 0.5)).isCloseTo(32.0, within(1e-9));
    assertThat(p).isLessThan(0.001);
  }

  @Test
  void a_fair_split_is_not_flagged() {
    assertThat(SampleRatio.pValue(10_000, 10_000, 0.5)).isCloseTo(1.0, within(1e-6));
    assertThat(SampleRatio.pValue(10_080, 9_920, 0.5)).isGreaterThan(0.001);
    // Fair random splits: the check fires about 0.1 % of the time, as a 0.001 threshold should.
    SplittableRandom rnd = new SplittableRandom(7);
    int flagged = 0;
    for (int run = 0; run < 2_000; run++) {
      int candidate = 0;
      for (int i = 0; i < 2_000; i++) {
        candidate += rnd.nextDouble() < 0.3 ? 1 : 0;
      }
      flagged += SampleRatio.pValue(2_000 - candidate, candidate, 0.3) < 0.001 ? 1 : 0;
    }
    assertThat(flagged).isLessThanOrEqualTo(10);
  }

  @Test
  void erfc_matches_known_values() {
    assertThat(SampleRatio.erfc(0)).isCloseTo(1.0, within(1e-7));
    assertThat(SampleRatio.erfc(1)).isCloseTo(0.157299207, within(1e-7));
    assertThat(SampleRatio.erfc(2)).isCloseTo(0.004677735, within(1e-8));
    assertThat(SampleRatio.erfc(-1)).isCloseTo(1.842700793, within(1e-7));
  }
}
