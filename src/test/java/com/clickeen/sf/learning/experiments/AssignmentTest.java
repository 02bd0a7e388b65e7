package com.clickeen.sf.learning.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AssignmentTest {
  @Test
  void a_subject_gets_the_same_arm_on_every_call() {
    for (int i = 0; i < 1_000; i++) {
      Arm first = Assignment.arm("exp-1", "visitor-" + i, 0.5);
      for (int k = 0; k < 3; k++) {
        assertThat(Assignment.arm("exp-1", "visitor-" + i, 0.5)).isEqualTo(first);
      }
    }
  }

  @Test
  void the_split_over_10000_subjects_is_within_tolerance_of_the_traffic_share() {
    for (double share : new double[] {0.5, 0.2, 0.9}) {
      int candidate = 0;
      for (int i = 0; i < 10_000; i++) {
        if (Assignment.arm("exp-split", "u" + i, share) == Arm.CANDIDATE) {
          candidate++;
        }
      }
      // 4 standard deviations of a binomial(10000, share): the hash would have to be badly skewed to fail.
      double sd = Math.sqrt(10_000 * share * (1 - share));
      assertThat((double) candidate).isCloseTo(10_000 * share, within(4 * sd));
      assertThat(SampleRatio.pValue(10_000 - candidate, candidate, share)).isGreaterThan(0.001);
    }
  }

  @Test
  void two_experiments_assign_independently() {
    int[][] cells = new int[2][2];
    for (int i = 0; i < 10_000; i++) {
      int a = Assignment.arm("exp-a", "s" + i, 0.5).ordinal();
      int b = Assignment.arm("exp-b", "s" + i, 0.5).ordinal();
      cells[a][b]++;
    }
    // Chi-square test of independence on the 2x2 table (1 degree of freedom).
    double chi = 0;
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double rowA = cells[a][0] + cells[a][1];
        double colB = cells[0][b] + cells[1][b];
        double expected = rowA * colB / 10_000;
        chi += Math.pow(cells[a][b] - expected, 2) / expected;
        assertThat((double) cells[a][b]).isCloseTo(2_500, within(200.0));
      }
    }
    assertThat(SampleRatio.erfc(Math.sqrt(chi / 2))).as("p-value of independence").isGreaterThan(0.001);
  }

  @Test
  void buckets_are_in_the_unit_interval_and_depend_on_the_experiment() {
    double x = Assignment.bucket("e1", "same-subject");
    double y = Assignment.bucket("e2", "same-subject");
    assertThat(x).isBetween(0.0, 1.0).isNotEqualTo(y);
    assertThat(Assignment.arm("e1", "s", 0.0)).isEqualTo(Arm.CONTROL);
    assertThat(Assignment.arm("e1", "s", 1.0)).isEqualTo(Arm.CANDIDATE);
  }
}
