package com.clickeen.sf.learning.experiments;

import java.util.List;
import java.util.Optional;

/** Where experiments, their exposures' figures and their decision log live. */
public interface ExperimentStore {
  /**
   * Stores a new running experiment; false when the agent already has an open (running or paused) one,
   * decided by the store so that two instances cannot both start one.
   */
  boolean create(Experiment e);

  Optional<Experiment> find(String id);

  /** Newest first; {@code agentId} null for every agent. */
  List<Experiment> list(String agentId, int limit);

  /** Running experiments (what the execute path assigns traffic to). */
  List<Experiment> running();

  /** Records which experiment and arm served these interactions; a repeat of the same interaction changes nothing. */
  void recordExposures(List<Exposure> exposures);

  /**
   * Moves an experiment from {@code from} to {@code to.status()} and records the reason, only if it is still
   * in {@code from}: of two instances deciding at once, exactly one gets true. A move to {@code promoted} makes
   * the candidate the agent's active prompt version in the same transaction.
   */
  boolean transition(String id, Experiment.Status from, Experiment to);

  /**
   * The exposures of an experiment: its interactions with their arm and the figures the evaluation needs.
   * The metric is null for interactions created after {@code matureBeforeMs} or not scored yet.
   */
  List<Observation> observations(Experiment e, long matureBeforeMs);

  /** Appends one evaluation to the experiment's decision log. */
  void log(DecisionRecord record);

  /** The decision log, oldest first. */
  List<DecisionRecord> decisions(String experimentId, int limit);

  /** One interaction served inside an experiment. */
  record Exposure(String interactionId, String experimentId, Arm arm, long createdAtMs) {}

  /**
   * One evaluation as stored: when, the verdict, whether it was applied (a promote verdict waits when the
   * experiment does not promote by itself), the reason and the statistics as JSON.
   */
  record DecisionRecord(String experimentId, long atMs, String verdict, boolean applied, String reason,
      String statsJson) {}
}
