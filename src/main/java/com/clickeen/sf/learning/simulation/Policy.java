package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.learning.experiments.Arm;
import java.util.List;

/**
 * How an agent's prompt evolves in the simulation. The runner asks which prompt serves each visitor,
 * reports the scored answer back, and calls the jobs' ticks; policies are listed in {@link Policies}.
 */
interface Policy {
  String name();

  /** The prompt serving this visitor now: its arm (null outside an experiment) and its latent quality. */
  Serving serve(String visitorId);

  /** A scored answer served as {@code serving}. */
  void record(Serving serving, SyntheticModel.Answer answer, long nowMs);

  /** The jobs' ticks: hourly looks, the daily bank rebuild and the weekly candidate. */
  void tick(Tick tick, long nowMs, SyntheticProposer.Candidate candidate);

  /** What the policy decided so far. */
  Log log();

  enum Tick { HOURLY, DAILY, PROPOSAL }

  record Serving(Arm arm, double latent) {}

  /** A decision on a candidate: PROMOTE, ROLLBACK, INCONCLUSIVE (the control stays), REJECT (never tried). */
  record Decision(long atMs, String kind, int candidate, String band, double effect, long exposuresPerArm,
      String reason) {}

  record Log(int version, int bankSize, List<Decision> decisions) {}
}
