package com.clickeen.sf.store;

import java.util.List;

/** The {@code score-interactions} job's view of the index: what needs a score, and the scores. */
public interface Scores {

  /** Up to {@code limit} interactions whose score must be (re)computed, ordered by id after {@code afterId}. */
  List<ScoringRow> interactionsToScore(String afterId, int limit);

  /** Saves scores and clears the interactions' scoring marks, in one transaction. */
  void saveScores(List<Scored> scores, long nowMs);

  long countToScore();

  /** What scoring needs of an interaction, and nothing more (it reads a million of them). */
  record ScoringRow(String id, String agentId, boolean valid, boolean applied, OutcomeFlags outcomes) {}

  record Scored(String id, double score) {}
}
