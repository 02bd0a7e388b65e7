package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.ExperimentEvaluator;
import com.clickeen.sf.learning.experiments.Moments;
import com.clickeen.sf.learning.experiments.Verdict;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The loop's error rates: many independent experiments of version 1 against a candidate whose true effect on
 * the expected score is known (0 for A/A), each looked at hourly by the real evaluator until it decides or
 * reaches the world's maximum duration. Runs are independent (run k uses seed + k), so they may run in
 * parallel and the result is the same.
 */
public final class Calibration {
  /**
   * @param runs experiments run; @param promoted those that ended PROMOTE; @param rolledBack ROLLBACK;
   * @param medianPromoted median exposures per arm (the smaller arm) at PROMOTE, 0 when none
   * @param medianRolledBack the same at ROLLBACK; @param sigma the pooled standard deviation of the score
   */
  public record Rates(double effect, int runs, int promoted, int rolledBack, long medianPromoted,
      long medianRolledBack, double sigma) {}

  private record One(Verdict verdict, long perArm, Moments control) {}

  private Calibration() {}

  public static Rates run(WorldSettings w, Simulation.Run run, double scoreEffect, int runs) {
    SyntheticModel model = new SyntheticModel(w, run.agentId());
    double shift = model.latentFor(scoreEffect);
    One[] all = IntStream.range(0, runs).parallel().mapToObj(k -> one(w, run, model, shift, run.seed() + k))
        .toArray(One[]::new);
    Moments pooled = Moments.EMPTY;
    for (One o : all) {
      pooled = pooled.merge(o.control());
    }
    return new Rates(scoreEffect, runs, count(all, Verdict.PROMOTE), count(all, Verdict.ROLLBACK),
        median(all, Verdict.PROMOTE), median(all, Verdict.ROLLBACK), Math.sqrt(pooled.variance()));
  }

  private static One one(WorldSettings w, Simulation.Run run, SyntheticModel model, double shift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = Simulation.cumulativeShares(w);
    long start = Simulation.START.toEpochMilli();
    ExperimentRun e = new ExperimentRun("calibration-" + seed, start, w.maxExperiment());
    Moments control = Moments.EMPTY;
    long perHour = Math.max(1, run.perDay() / 24);
    long hours = w.maxExperiment().toHours();
    for (long h = 1; h <= hours; h++) {
      for (long i = 0; i < perHour; i++) {
        long now = start + (h - 1) * 3_600_000L + i * 3_600_000L / perHour;
        Arm arm = e.arm("v" + random.nextInt(w.visitors()));
        WorldSettings.Segment s = w.segments().get(Simulation.segment(cumulative, random.nextDouble()));
        double latent = w.v1Latent() + s.preference() + (arm == Arm.CANDIDATE ? shift : 0);
        SyntheticModel.Answer a = model.answer(latent, random);
        e.record(arm, a, now);
        if (arm == Arm.CONTROL) {
          control = control.add(a.score());
        }
      }
      ExperimentEvaluator.Evaluation ev = e.look(start + h * 3_600_000L);
      if (ev.verdict() != Verdict.CONTINUE) {
        return new One(ev.verdict(), Math.min(e.exposures(Arm.CONTROL), e.exposures(Arm.CANDIDATE)), control);
      }
    }
    return new One(Verdict.INCONCLUSIVE, Math.min(e.exposures(Arm.CONTROL), e.exposures(Arm.CANDIDATE)), control);
  }

  private static int count(One[] all, Verdict v) {
    return (int) Arrays.stream(all).filter(o -> o.verdict() == v).count();
  }

  private static long median(One[] all, Verdict v) {
    long[] n = Arrays.stream(all).filter(o -> o.verdict() == v).mapToLong(One::perArm).sorted().toArray();
    return n.length == 0 ? 0 : n[(n.length - 1) / 2];
  }
}
