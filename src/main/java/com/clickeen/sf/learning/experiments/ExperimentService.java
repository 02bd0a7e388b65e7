package com.clickeen.sf.learning.experiments;

import com.clickeen.sf.learning.experiments.Experiment.Metric;
import com.clickeen.sf.learning.experiments.Experiment.Status;
import com.clickeen.sf.learning.experiments.ExperimentException.Kind;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops, evaluates and decides experiments. Decisions are compare-and-set transitions in the
 * store, so with several instances (or a job run and a manual command at once) exactly one applies.
 */
public final class ExperimentService {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentService.class);

  /**
   * @param traffic the candidate's share when a start names none
   * @param maxDuration when an experiment ends inconclusive unless a start names another
   * @param attributionWindow the default maturity of the {@code converted} metric
   */
  public record Settings(double traffic, Duration maxDuration, Duration attributionWindow) {
    public static Settings defaults(Duration attributionWindow) {
      return new Settings(0.5, Duration.ofDays(14), attributionWindow);
    }
  }

  /** What {@code experiments start} asks for; null fields take the defaults. */
  public record StartRequest(String agentId, int candidateVersion, Double traffic, Metric metric, Duration maturity,
      Duration maxDuration, Boolean autoPromote) {}

  /** One evaluation of one experiment and what was done about it. */
  public record Outcome(Experiment experiment, ExperimentEvaluator.Evaluation evaluation, boolean applied) {}

  private final ExperimentStore store;
  private final PromptVersions prompts;
  private final ExperimentEvaluator evaluator;
  private final Settings settings;
  private final Clock clock;

  public ExperimentService(ExperimentStore store, PromptVersions prompts, ExperimentEvaluator evaluator, Settings settings,
      Clock clock) {
    this.store = store;
    this.prompts = prompts;
    this.evaluator = evaluator;
    this.settings = settings;
    this.clock = clock;
  }

  public Experiment start(StartRequest r) {
    PromptVersion active = prompts.activePrompt(r.agentId()).orElseThrow(() -> new ExperimentException(Kind.INVALID,
        r.agentId() + " has no active prompt version to test against"));
    PromptVersion candidate = prompts.prompts(r.agentId()).stream().filter(p -> p.version() == r.candidateVersion())
        .findFirst().orElseThrow(() -> new ExperimentException(Kind.NOT_FOUND, r.agentId() + " has no prompt version "
            + r.candidateVersion() + " (./sf prompts list --agent " + r.agentId() + ")"));
    if (candidate.version() == active.version()) {
      throw new ExperimentException(Kind.INVALID, "v" + candidate.version() + " is already the active version of "
          + r.agentId() + ": a candidate must be another version");
    }
    double traffic = r.traffic() == null ? settings.traffic() : r.traffic();
    if (!(traffic > 0 && traffic < 1)) {
      throw new ExperimentException(Kind.INVALID, "traffic must be between 0 and 1 (exclusive), got " + traffic);
    }
    Metric metric = r.metric() == null ? Metric.SCORE : r.metric();
    Duration maturity = r.maturity() != null ? r.maturity()
        : metric == Metric.CONVERTED ? settings.attributionWindow() : Duration.ZERO;
    Duration max = r.maxDuration() == null ? settings.maxDuration() : r.maxDuration();
    if (maturity.isNegative() || !max.isPositive()) {
      throw new ExperimentException(Kind.INVALID, "maturity must be at least 0 and the maximum duration positive");
    }
    String id = "exp-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    Experiment e = new Experiment(id, r.agentId(), active.version(), candidate.version(), traffic, metric, maturity, max,
        r.autoPromote() == null || r.autoPromote(), Status.RUNNING, clock.millis(), null, null);
    if (!store.create(e)) {
      String open = store.list(r.agentId(), 20).stream().filter(x -> x.status().open()).map(Experiment::id).findFirst()
          .orElse("?");
      throw new ExperimentException(Kind.CONFLICT, r.agentId() + " already has an open experiment (" + open
          + "); stop it first (./sf experiments stop " + open + ")");
    }
    LOG.info("experiment {} started: {} v{} (control) vs v{} (candidate), {} % of traffic, metric {}", id, r.agentId(),
        active.version(), candidate.version(), Math.round(traffic * 100), metric.label());
    return e;
  }

  public Optional<Experiment> find(String id) {
    return store.find(id);
  }

  public Experiment get(String id) {
    return store.find(id).orElseThrow(() -> new ExperimentException(Kind.NOT_FOUND, "no experiment '" + id + "'"));
  }

  public List<Experiment> list(String agentId, int limit) {
    return store.list(agentId, limit);
  }

  public List<ExperimentStore.DecisionRecord> decisions(String id) {
    return store.decisions(id, 1_000);
  }

  /** Stops an open experiment without a decision: the control stays active. */
  public Experiment stop(String id) {
    Experiment e = get(id);
    if (!e.status().open()) {
      throw new ExperimentException(Kind.CONFLICT, id + " is already " + e.status().label());
    }
    Experiment to = e.withStatus(Status.STOPPED, clock.millis(), "stopped by hand; v" + e.controlVersion() + " stays");
    if (!store.transition(id, e.status(), to)) {
      throw new ExperimentException(Kind.CONFLICT, id + " changed while stopping it; look again (./sf experiments show "
          + id + ")");
    }
    store.log(new ExperimentStore.DecisionRecord(id, clock.millis(), "stop", true, to.decision(), "{}"));
    return to;
  }

  /** Promotes the candidate by hand (or applies a promote verdict that waited): it becomes the active version. */
  public Experiment promote(String id) {
    Experiment e = get(id);
    if (!e.status().open()) {
      throw new ExperimentException(Kind.CONFLICT, id + " is already " + e.status().label());
    }
    ExperimentEvaluator.Evaluation ev = evaluate(e);
    Experiment to = e.withStatus(Status.PROMOTED, clock.millis(), "promoted by hand: " + ev.reason());
    if (!store.transition(id, e.status(), to)) {
      throw new ExperimentException(Kind.CONFLICT, id + " changed while promoting it; look again");
    }
    store.log(new ExperimentStore.DecisionRecord(id, clock.millis(), "promote", true, to.decision(), EvaluationJson.text(ev)));
    return to;
  }

  /** The experiment's statistics now, without deciding anything. */
  public ExperimentEvaluator.Evaluation evaluate(Experiment e) {
    long now = clock.millis();
    List<Observation> rows = store.observations(e, now - e.maturity().toMillis());
    return evaluator.evaluate(rows, e.traffic(), e.startedAtMs(), e.maxDuration(), now);
  }

  /** The evaluate-experiments job: one look at every running experiment, and its decision applied. */
  public List<Outcome> evaluateAll() {
    List<Outcome> out = new ArrayList<>();
    for (Experiment e : store.running()) {
      out.add(decide(e));
    }
    return out;
  }

  private Outcome decide(Experiment e) {
    ExperimentEvaluator.Evaluation ev = evaluate(e);
    long now = clock.millis();
    Status next = switch (ev.verdict()) {
      case CONTINUE -> null;
      case PROMOTE -> e.autoPromote() ? Status.PROMOTED : null;
      case ROLLBACK -> Status.ROLLED_BACK;
      case INCONCLUSIVE -> Status.INCONCLUSIVE;
      case PAUSE -> Status.PAUSED;
    };
    boolean applied = false;
    if (next != null) {
      applied = store.transition(e.id(), Status.RUNNING, e.withStatus(next, next == Status.PAUSED ? null : now,
          ev.reason()));
    }
    if (ev.verdict() == Verdict.PAUSE && applied) {
      LOG.error("ALARM experiment {} of {} paused: {}", e.id(), e.agentId(), ev.reason());
    } else if (applied) {
      LOG.info("experiment {} of {}: {} ({})", e.id(), e.agentId(), next.label(), ev.reason());
    }
    String verdict = ev.verdict().name().toLowerCase(java.util.Locale.ROOT);
    String reason = ev.verdict() == Verdict.PROMOTE && !e.autoPromote()
        ? ev.reason() + "; waiting for ./sf experiments promote " + e.id() + " (this experiment does not promote by itself)"
        : ev.reason();
    // Every look is logged, decisions and "continue" alike: the log is the experiment's history over time.
    store.log(new ExperimentStore.DecisionRecord(e.id(), now, verdict, applied, reason, EvaluationJson.text(ev)));
    return new Outcome(store.find(e.id()).orElse(e), ev, applied);
  }
}
