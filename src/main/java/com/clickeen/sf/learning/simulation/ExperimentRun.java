package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.Assignment;
import com.clickeen.sf.learning.experiments.ExperimentEvaluator;
import com.clickeen.sf.learning.experiments.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One running experiment as the service runs it: sticky arms by {@link Assignment}, exposures recorded as
 * {@link Observation}s, and looks by the real {@link ExperimentEvaluator}. The simulated model's latency and
 * cost are the same on both arms (800 ms, $0.001), so those guardrails never trip; validity and the metric
 * (the real score) carry the signal.
 */
final class ExperimentRun {
  static final double SHARE = 0.5;
  private static final ExperimentEvaluator EVALUATOR = new ExperimentEvaluator(ExperimentEvaluator.Settings.DEFAULT);

  private final String id;
  private final long startedAtMs;
  private final Duration maxDuration;
  private final List<Observation> exposures = new ArrayList<>();
  private long control;
  private long candidate;
  private double controlSum;
  private double candidateSum;

  ExperimentRun(String id, long startedAtMs, Duration maxDuration) {
    this.id = id;
    this.startedAtMs = startedAtMs;
    this.maxDuration = maxDuration;
  }

  Arm arm(String visitorId) {
    return Assignment.arm(id, visitorId, SHARE);
  }

  void record(Arm arm, SyntheticModel.Answer a, long nowMs) {
    exposures.add(new Observation(arm, nowMs, a.valid(), false, a.score(), 800, 0.001));
    if (arm == Arm.CONTROL) {
      control++;
      controlSum += a.score();
    } else {
      candidate++;
      candidateSum += a.score();
    }
  }

  /** One look by the real evaluator. */
  ExperimentEvaluator.Evaluation look(long nowMs) {
    return EVALUATOR.evaluate(exposures, SHARE, startedAtMs, maxDuration, nowMs);
  }

  long exposures(Arm arm) {
    return arm == Arm.CONTROL ? control : candidate;
  }

  double mean(Arm arm) {
    long n = exposures(arm);
    return n == 0 ? 0 : (arm == Arm.CONTROL ? controlSum : candidateSum) / n;
  }
}
