package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.ExperimentEvaluator;
import com.clickeen.sf.learning.experiments.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The policies the simulator compares, registered explicitly (no scanning), in the order they are shown. */
public final class Policies {
  private static final Map<String, BiFunction<WorldSettings, Long, PolicyBase>> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put("none", (w, seed) -> new None(w));
    REGISTRY.put("naive", (w, seed) -> new Naive(w, new ExampleBank(w, seed)));
    REGISTRY.put("loop", (w, seed) -> new Loop(w, new ExampleBank(w, seed)));
    REGISTRY.put("oracle", (w, seed) -> new Oracle(w, new ExampleBank(w, seed)));
  }

  private Policies() {}

  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  static PolicyBase create(String name, WorldSettings w, long seed) {
    var factory = REGISTRY.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("simulation: unknown policy '" + name + "' (one of " + names() + ")");
    }
    return factory.apply(w, seed);
  }

  /** Version 1 forever, no example bank: every candidate is rejected unseen. */
  static final class None extends PolicyBase {
    None(WorldSettings w) {
      super(w, null);
    }

    @Override
    public String name() {
      return "none";
    }

    @Override
    void propose(SyntheticProposer.Candidate c, long nowMs) {
      decide(nowMs, c, "REJECT", 0, "the none policy never changes version");
    }
  }

  /** Knows the true effects: promotes exactly the better candidates, at once, with no traffic spent. */
  static final class Oracle extends PolicyBase {
    Oracle(WorldSettings w, ExampleBank bank) {
      super(w, bank);
    }

    @Override
    public String name() {
      return "oracle";
    }

    @Override
    void propose(SyntheticProposer.Candidate c, long nowMs) {
      decide(nowMs, c, c.effect() > 0 ? "PROMOTE" : "REJECT", 0, "true effect %+.4f".formatted(c.effect()));
    }
  }

  /** Splits traffic and promotes whichever arm has the higher mean after a fixed number of exposures per arm. */
  static final class Naive extends PolicyBase {
    Naive(WorldSettings w, ExampleBank bank) {
      super(w, bank);
    }

    @Override
    public String name() {
      return "naive";
    }

    @Override
    void propose(SyntheticProposer.Candidate c, long nowMs) {
      start(c, nowMs);
    }

    @Override
    public void record(Serving serving, SyntheticModel.Answer answer, long nowMs) {
      super.record(serving, answer, nowMs);
      int n = world.naiveExposures();
      if (experiment != null && experiment.exposures(Arm.CONTROL) >= n && experiment.exposures(Arm.CANDIDATE) >= n) {
        double a = experiment.mean(Arm.CONTROL, nowMs);
        double b = experiment.mean(Arm.CANDIDATE, nowMs);
        decide(nowMs, candidate, b > a ? "PROMOTE" : "INCONCLUSIVE", n,
            "means after %d per arm: control %.4f, candidate %.4f".formatted(n, a, b));
      }
    }
  }

  /** The real system: an experiment looked at hourly by the real evaluator, which decides. */
  static final class Loop extends PolicyBase {
    Loop(WorldSettings w, ExampleBank bank) {
      super(w, bank);
    }

    @Override
    public String name() {
      return "loop";
    }

    @Override
    void propose(SyntheticProposer.Candidate c, long nowMs) {
      start(c, nowMs);
    }

    @Override
    void look(long nowMs) {
      ExperimentEvaluator.Evaluation e = experiment.look(nowMs);
      if (e.verdict() == Verdict.CONTINUE) {
        return;
      }
      long perArm = Math.min(experiment.exposures(Arm.CONTROL), experiment.exposures(Arm.CANDIDATE));
      // PAUSE (sample ratio mismatch) cannot be resolved by waiting in the simulation: it stops like a rollback.
      decide(nowMs, candidate, e.verdict() == Verdict.PAUSE ? "ROLLBACK" : e.verdict().name(), perArm, e.reason());
    }
  }
}
