package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.Assignment;
import com.clickeen.sf.learning.experiments.ExperimentEvaluator;
import com.clickeen.sf.learning.experiments.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One running experiment as the service runs it: sticky arms by {@link Assignment}, exposures recorded as
 * {@link Observation}s whose metric is the score known so far (a conversion that has not arrived yet does not
 * count, as in the service, where the score metric's maturity is 0 and scores are updated as outcomes
 * arrive), and looks by the real {@link ExperimentEvaluator}. The simulated model's latency and cost are the
 * same on both arms (800 ms, $0.001), so those guardrails never trip; validity and the metric carry the signal.
 */
final class ExperimentRun {
  static final double SHARE = 0.5;
  private static final ExperimentEvaluator EVALUATOR = new ExperimentEvaluator(ExperimentEvaluator.Settings.DEFAULT);

  private record Arrival(long atMs, int index, double score) {}

  private final String id;
  private final long startedAtMs;
  private final Duration maxDuration;
  private final List<Observation> exposures = new ArrayList<>();
  private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>(
      Comparator.comparingLong(Arrival::atMs).thenComparingInt(Arrival::index));
  private long control;
  private long candidate;

  ExperimentRun(String id, long startedAtMs, Duration maxDuration) {
    this.id = id;
    this.startedAtMs = startedAtMs;
    this.maxDuration = maxDuration;
  }

  Arm arm(String visitorId) {
    return Assignment.arm(id, visitorId, SHARE);
  }

  void record(Arm arm, SyntheticModel.Answer a, long nowMs) {
    if (a.conversionDelayMs() > 0) {
      arrivals.add(new Arrival(nowMs + a.conversionDelayMs(), exposures.size(), a.score()));
    }
    exposures.add(new Observation(arm, nowMs, a.valid(), false, a.scoreBeforeConversion(), 800, 0.001));
    if (arm == Arm.CONTROL) {
      control++;
    } else {
      candidate++;
    }
  }

  /** One look by the real evaluator, on the outcomes arrived by {@code nowMs}. */
  ExperimentEvaluator.Evaluation look(long nowMs) {
    arrive(nowMs);
    return EVALUATOR.evaluate(exposures, SHARE, startedAtMs, maxDuration, nowMs);
  }

  long exposures(Arm arm) {
    return arm == Arm.CONTROL ? control : candidate;
  }

  /** The arm's mean score on the outcomes arrived by {@code nowMs}. */
  double mean(Arm arm, long nowMs) {
    arrive(nowMs);
    double sum = 0;
    long n = 0;
    for (Observation o : exposures) {
      if (o.arm() == arm) {
        sum += o.metric();
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  private void arrive(long nowMs) {
    while (!arrivals.isEmpty() && arrivals.peek().atMs() <= nowMs) {
      Arrival a = arrivals.poll();
      Observation o = exposures.get(a.index());
      exposures.set(a.index(), new Observation(o.arm(), o.createdAtMs(), o.valid(), o.undone(), a.score(),
          o.latencyMs(), o.costUsd()));
    }
  }
}
