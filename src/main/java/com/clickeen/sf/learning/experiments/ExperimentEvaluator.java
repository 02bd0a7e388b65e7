package com.clickeen.sf.learning.experiments;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One look at an experiment: per-arm statistics, the sample-ratio check, the sequential test on the
 * primary metric and the guardrails, and the verdict they lead to. A pure function of the exposures and
 * the clock, so the same code decides in the service, in tests and in the loop simulator.
 *
 * <p>Order of the checks: a sample-ratio mismatch pauses (nothing else is trusted); a significant guardrail
 * breach rolls back at once; then the metric promotes or rolls back; past the maximum duration the
 * experiment ends inconclusive. Nothing is decided before each arm has {@code minPerArm} measured exposures.
 */
public final class ExperimentEvaluator {
  /**
   * @param metric the primary metric's always-valid test (α 0.05 by default)
   * @param minPerArm measured exposures each arm needs before any decision
   * @param srmAlpha the sample-ratio check's threshold (0.001)
   * @param guardrails how much worse the candidate may be on each guardrail, and the guardrails' test
   */
  public record Settings(SequentialTest metric, int minPerArm, double srmAlpha, Guardrails guardrails) {
    public static final Settings DEFAULT = new Settings(SequentialTest.DEFAULT, 100, 0.001, Guardrails.DEFAULT);

    public Settings {
      if (minPerArm < 2) {
        throw new IllegalArgumentException("minPerArm must be at least 2, got " + minPerArm);
      }
    }
  }

  /**
   * Tolerances: the candidate breaches a guardrail when its difference to the control exceeds the margin
   * significantly (the confidence sequence's lower end is above it).
   *
   * @param invalidRate absolute increase of the invalid-result rate tolerated
   * @param undoRate absolute increase of the undo rate tolerated
   * @param slowRate absolute increase of the share of answers slower than the control's p95 (5 % by
   *     definition in the control) tolerated
   * @param costRelative relative increase of the mean cost per interaction tolerated
   * @param test the guardrails' sequential test (α split over the four guardrails)
   */
  public record Guardrails(double invalidRate, double undoRate, double slowRate, double costRelative,
      SequentialTest test) {
    public static final Guardrails DEFAULT = new Guardrails(0.01, 0.02, 0.05, 0.10,
        new SequentialTest(0.05 / 4, SequentialTest.DEFAULT.tauStd(), SequentialTest.DEFAULT.varianceFloor()));
  }

  /** One arm's figures. Intervals are always valid (they hold at every look). */
  public record ArmStats(long exposures, long measured, double mean, double lower, double upper, double validityRate,
      double undoRate, double p95LatencyMs, double costPerInteraction) {}

  public record GuardrailResult(String name, double control, double candidate, SequentialTest.Result difference,
      double margin, boolean breached) {}

  public record Evaluation(Verdict verdict, String reason, Map<Arm, ArmStats> arms, double srmPValue,
      SequentialTest.Result metric, List<GuardrailResult> guardrails) {}

  private final Settings settings;

  public ExperimentEvaluator(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * @param candidateShare the configured traffic share of the candidate
   * @param startedAtMs when the experiment started
   * @param maxDuration when it ends inconclusive without a decision
   */
  public Evaluation evaluate(List<Observation> exposures, double candidateShare, long startedAtMs, Duration maxDuration,
      long nowMs) {
    List<Observation> control = exposures.stream().filter(o -> o.arm() == Arm.CONTROL).toList();
    List<Observation> candidate = exposures.stream().filter(o -> o.arm() == Arm.CANDIDATE).toList();
    Moments mc = metric(control);
    Moments mk = metric(candidate);
    SequentialTest test = settings.metric();
    Map<Arm, ArmStats> arms = new EnumMap<>(Arm.class);
    arms.put(Arm.CONTROL, stats(control, mc, test));
    arms.put(Arm.CANDIDATE, stats(candidate, mk, test));
    double srm = SampleRatio.pValue(control.size(), candidate.size(), candidateShare);
    SequentialTest.Result primary = test.compare(mc, mk);
    List<GuardrailResult> guards = guardrails(control, candidate);

    if (control.size() + candidate.size() >= 100 && srm < settings.srmAlpha()) {
      return new Evaluation(Verdict.PAUSE, "sample ratio mismatch: %d control / %d candidate exposures for a %.0f %% "
          .formatted(control.size(), candidate.size(), candidateShare * 100) + "candidate share (p = %.2g < %s)"
          .formatted(srm, settings.srmAlpha()), arms, srm, primary, guards);
    }
    boolean enough = mc.n() >= settings.minPerArm() && mk.n() >= settings.minPerArm();
    for (GuardrailResult g : guards) {
      if (g.breached()) {
        return new Evaluation(Verdict.ROLLBACK, "guardrail " + g.name() + " breached: candidate %.4g vs control %.4g"
            .formatted(g.candidate(), g.control()) + " (difference at least %.4g, tolerated %.4g)"
            .formatted(g.difference().lower(), g.margin()), arms, srm, primary, guards);
      }
    }
    if (enough && primary.lower() > 0) {
      return new Evaluation(Verdict.PROMOTE, "candidate better: difference %+.4g, always-valid %.0f %% interval [%.4g, %.4g]"
          .formatted(primary.difference(), (1 - test.alpha()) * 100, primary.lower(), primary.upper()), arms, srm, primary,
          guards);
    }
    if (enough && primary.upper() < 0) {
      return new Evaluation(Verdict.ROLLBACK, "candidate worse: difference %+.4g, always-valid %.0f %% interval [%.4g, %.4g]"
          .formatted(primary.difference(), (1 - test.alpha()) * 100, primary.lower(), primary.upper()), arms, srm, primary,
          guards);
    }
    if (nowMs - startedAtMs >= maxDuration.toMillis()) {
      return new Evaluation(Verdict.INCONCLUSIVE, "no significant difference within " + maxDuration.toDays() + " days",
          arms, srm, primary, guards);
    }
    String why = enough ? "no significant difference yet"
        : "waiting for %d measured exposures per arm (control %d, candidate %d)".formatted(settings.minPerArm(), mc.n(),
            mk.n());
    return new Evaluation(Verdict.CONTINUE, why, arms, srm, primary, guards);
  }

  private static Moments metric(List<Observation> arm) {
    return moments(arm.stream().filter(o -> o.metric() != null).toList(), Observation::metric);
  }

  private static ArmStats stats(List<Observation> arm, Moments m, SequentialTest test) {
    double[] ci = test.interval(m);
    return new ArmStats(arm.size(), m.n(), m.mean(), ci[0], ci[1], rate(arm, o -> o.valid() ? 1 : 0),
        rate(arm, o -> o.undone() ? 1 : 0), p95(arm), rate(arm, Observation::costUsd));
  }

  private List<GuardrailResult> guardrails(List<Observation> control, List<Observation> candidate) {
    Guardrails g = settings.guardrails();
    double slow = p95(control);
    double controlCost = rate(control, Observation::costUsd);
    ToDoubleFunction<Observation> invalid = o -> o.valid() ? 0 : 1;
    ToDoubleFunction<Observation> undone = o -> o.undone() ? 1 : 0;
    return List.of(
        guard("validity", control, candidate, invalid, g.invalidRate(),
            1 - rate(control, invalid), 1 - rate(candidate, invalid)),
        guard("undo rate", control, candidate, undone, g.undoRate(), rate(control, undone), rate(candidate, undone)),
        guard("p95 latency", control, candidate, o -> o.latencyMs() > slow ? 1 : 0, g.slowRate(), slow, p95(candidate)),
        guard("cost per interaction", control, candidate, Observation::costUsd, g.costRelative() * controlCost,
            controlCost, rate(candidate, Observation::costUsd)));
  }

  /** A guardrail on a "lower is better" per-exposure value; {@code shown*} are the figures people read. */
  private GuardrailResult guard(String name, List<Observation> control, List<Observation> candidate,
      ToDoubleFunction<Observation> value, double margin, double shownControl, double shownCandidate) {
    Moments a = moments(control, value);
    Moments b = moments(candidate, value);
    SequentialTest.Result r = settings.guardrails().test().compare(a, b);
    boolean breached = a.n() >= settings.minPerArm() && b.n() >= settings.minPerArm() && r.lower() > margin;
    return new GuardrailResult(name, shownControl, shownCandidate, r, margin, breached);
  }

  private static Moments moments(List<Observation> arm, ToDoubleFunction<Observation> value) {
    Moments m = Moments.EMPTY;
    for (Observation o : arm) {
      m = m.add(value.applyAsDouble(o));
    }
    return m;
  }

  private static double rate(List<Observation> arm, ToDoubleFunction<Observation> value) {
    if (arm.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (Observation o : arm) {
      sum += value.applyAsDouble(o);
    }
    return sum / arm.size();
  }

  /** The 95th percentile of the latencies (nearest rank); 0 for no exposures. */
  static double p95(List<Observation> arm) {
    if (arm.isEmpty()) {
      return 0;
    }
    long[] l = arm.stream().mapToLong(Observation::latencyMs).toArray();
    Arrays.sort(l);
    return l[(int) Math.ceil(0.95 * l.length) - 1];
  }
}
