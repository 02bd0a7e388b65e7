package com.clickeen.sf.learning.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExperimentEvaluatorTest {
  private static final Duration MAX = Duration.ofDays(14);
  private final ExperimentEvaluator evaluator = new ExperimentEvaluator(ExperimentEvaluator.Settings.DEFAULT);
  private final SplittableRandom rnd = new SplittableRandom(11);

  /** n exposures per arm; the candidate's metric, validity and latency as given. */
  private List<Observation> traffic(int n, double controlMean, double candidateMean, double candidateInvalid,
      long candidateLatency) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Observation(Arm.CONTROL, i, rnd.nextDouble() > 0.02, false, bernoulli(controlMean), 100 + rnd.nextInt(50),
          0.001));
      out.add(new Observation(Arm.CANDIDATE, i, rnd.nextDouble() > candidateInvalid, false, bernoulli(candidateMean),
          candidateLatency + rnd.nextInt(50), 0.001));
    }
    return out;
  }

  private double bernoulli(double p) {
    return rnd.nextDouble() < p ? 1 : 0;
  }

  @Test
  void nothing_is_decided_before_each_arm_has_the_minimum_sample() {
    var e = evaluator.evaluate(traffic(50, 0.1, 0.9, 0.02, 100), 0.5, 0, MAX, 1_000);
    assertThat(e.verdict()).isEqualTo(Verdict.CONTINUE);
    assertThat(e.reason()).contains("waiting for 100 measured exposures per arm (control 50, candidate 50)");
  }

  @Test
  void a_clearly_better_candidate_is_promoted_with_its_statistics() {
    var e = evaluator.evaluate(traffic(400, 0.3, 0.5, 0.02, 100), 0.5, 0, MAX, 1_000);
    assertThat(e.verdict()).isEqualTo(Verdict.PROMOTE);
    assertThat(e.metric().lower()).isGreaterThan(0);
    assertThat(e.arms().get(Arm.CANDIDATE).mean()).isGreaterThan(e.arms().get(Arm.CONTROL).mean());
    assertThat(e.arms().get(Arm.CANDIDATE).exposures()).isEqualTo(400);
    assertThat(e.reason()).startsWith("candidate better: difference +");
  }

  @Test
  void a_clearly_worse_candidate_is_rolled_back() {
    var e = evaluator.evaluate(traffic(400, 0.5, 0.3, 0.02, 100), 0.5, 0, MAX, 1_000);
    assertThat(e.verdict()).isEqualTo(Verdict.ROLLBACK);
    assertThat(e.reason()).startsWith("candidate worse");
  }

  @Test
  void a_guardrail_breach_rolls_back_even_when_the_metric_is_better() {
    var invalid = evaluator.evaluate(traffic(400, 0.3, 0.6, 0.25, 100), 0.5, 0, MAX, 1_000);
    assertThat(invalid.verdict()).isEqualTo(Verdict.ROLLBACK);
    assertThat(invalid.reason()).startsWith("guardrail validity breached");

    var slow = evaluator.evaluate(traffic(400, 0.3, 0.6, 0.02, 400), 0.5, 0, MAX, 1_000);
    assertThat(slow.verdict()).isEqualTo(Verdict.ROLLBACK);
    assertThat(slow.reason()).startsWith("guardrail p95 latency breached");
    assertThat(slow.guardrails()).filteredOn(g -> g.name().equals("p95 latency")).singleElement()
        .satisfies(g -> assertThat(g.candidate()).isGreaterThan(g.control()));
  }

  @Test
  void a_sample_ratio_mismatch_pauses_without_a_decision() {
    List<Observation> rows = new ArrayList<>(traffic(400, 0.3, 0.6, 0.02, 100));
    for (int i = 0; i < 200; i++) {
      rows.add(new Observation(Arm.CONTROL, i, true, false, 0.3, 100, 0.001));
    }
    var e = evaluator.evaluate(rows, 0.5, 0, MAX, 1_000);
    assertThat(e.verdict()).isEqualTo(Verdict.PAUSE);
    assertThat(e.reason()).startsWith("sample ratio mismatch: 600 control / 400 candidate exposures");
  }

  @Test
  void no_difference_by_the_maximum_duration_is_inconclusive() {
    var running = evaluator.evaluate(traffic(300, 0.4, 0.4, 0.02, 100), 0.5, 0, MAX, MAX.toMillis() - 1);
    assertThat(running.verdict()).isEqualTo(Verdict.CONTINUE);
    var ended = evaluator.evaluate(traffic(300, 0.4, 0.4, 0.02, 100), 0.5, 0, MAX, MAX.toMillis());
    assertThat(ended.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void exposures_without_a_metric_yet_count_for_the_ratio_but_not_the_metric() {
    List<Observation> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(new Observation(Arm.CONTROL, i, true, false, null, 100, 0));
      rows.add(new Observation(Arm.CANDIDATE, i, true, false, null, 100, 0));
    }
    var e = evaluator.evaluate(rows, 0.5, 0, MAX, 1_000);
    assertThat(e.arms().get(Arm.CONTROL).exposures()).isEqualTo(300);
    assertThat(e.arms().get(Arm.CONTROL).measured()).isZero();
    assertThat(e.verdict()).isEqualTo(Verdict.CONTINUE);
  }
}
