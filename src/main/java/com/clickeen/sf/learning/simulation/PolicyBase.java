package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.experiments.Arm;
import java.util.ArrayList;
import java.util.List;

/** What every policy shares: the active version's latent quality, the optional bank, a running experiment. */
abstract class PolicyBase implements Policy {
  protected final WorldSettings world;
  private final ExampleBank bank;
  private final List<Decision> decisions = new ArrayList<>();
  private double activeLatent;
  private int version = 1;
  protected ExperimentRun experiment;
  protected SyntheticProposer.Candidate candidate;

  PolicyBase(WorldSettings world, ExampleBank bank) {
    this.world = world;
    this.bank = bank;
    this.activeLatent = world.v1Latent();
  }

  @Override
  public Serving serve(String visitorId) {
    double boost = bank == null ? 0 : bank.boost();
    if (experiment == null) {
      return new Serving(null, activeLatent + boost);
    }
    Arm arm = experiment.arm(visitorId);
    return new Serving(arm, activeLatent + boost + (arm == Arm.CANDIDATE ? candidate.effect() : 0));
  }

  @Override
  public void record(Serving serving, SyntheticModel.Answer answer, long nowMs) {
    if (serving.arm() != null) {
      experiment.record(serving.arm(), answer, nowMs);
    }
  }

  /** Called with each answer's index by the runner, for the bank's candidate pool. */
  void offer(long index, WorldSettings.Segment s, SyntheticModel.Answer a, long nowMs) {
    if (bank != null) {
      bank.offer(index, s, a, nowMs);
    }
  }

  @Override
  public void tick(Tick tick, long nowMs, SyntheticProposer.Candidate c) {
    switch (tick) {
      case DAILY -> {
        if (bank != null) {
          bank.rebuild(nowMs);
        }
      }
      case HOURLY -> {
        if (experiment != null) {
          look(nowMs);
        }
      }
      case PROPOSAL -> {
        if (experiment != null) {
          decide(nowMs, c, "REJECT", 0, "an experiment is still running");
        } else {
          propose(c, nowMs);
        }
      }
    }
  }

  /** A new candidate while no experiment runs. */
  abstract void propose(SyntheticProposer.Candidate c, long nowMs);

  /** An hourly look at the running experiment. */
  void look(long nowMs) {}

  void start(SyntheticProposer.Candidate c, long nowMs) {
    candidate = c;
    experiment = new ExperimentRun(name() + "-candidate-" + c.id(), nowMs, world.maxExperiment());
  }

  /** Ends the running experiment (if any) and records the decision; PROMOTE makes the candidate active. */
  void decide(long nowMs, SyntheticProposer.Candidate c, String kind, long perArm, String reason) {
    decisions.add(new Decision(nowMs, kind, c.id(), c.band(), c.effect(), perArm, reason));
    if (kind.equals("PROMOTE")) {
      activeLatent += c.effect();
      version++;
    }
    if (c == candidate) {
      experiment = null;
      candidate = null;
    }
  }

  @Override
  public Log log() {
    return new Log(version, bank == null ? 0 : bank.size(), List.copyOf(decisions));
  }
}
