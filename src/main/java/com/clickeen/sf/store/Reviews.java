package com.clickeen.sf.store;

import java.util.Optional;

/**
 * Human review, user feedback and task completion of an interaction ({@code POST /v1/learning/review}, the
 * admin's review queue), and what each reviewer has already seen.
 */
public interface Reviews {

  /**
   * Sets human review ({@code good|bad|golden}), user feedback ({@code helpful|not-helpful}) and task
   * completion, and marks the interaction for scoring; null leaves a field as it is. False when there is
   * no such interaction.
   */
  boolean review(String interactionId, String humanReview, String userFeedback, Boolean taskCompleted);

  /** Counts of {@link #progress} stop here (a count past it is shown as "at least"). */
  int COUNT_CAP = 1_000;

  /**
   * The next interaction of {@code tier} that nobody has reviewed ({@code human_review} unset) and
   * {@code reviewer} has not seen, of one agent ({@code agentId}) or of all (null): invalid and undone ones
   * newest first, low scores (below {@code lowScoreBelow}) lowest first, the sample the first created at or
   * after {@code pivotMs} (else the last before it). Which tier comes first is the caller's rule. (Low scores
   * are read per agent: across all agents the read has no index.)
   */
  Optional<InteractionRow> nextToReview(String reviewer, Tier tier, String agentId, double lowScoreBelow, long pivotMs);

  /** Records that {@code reviewer} has seen an interaction and what they did ({@code reviewed}, {@code skipped}); false when recorded before. */
  boolean markSeen(String reviewer, String interactionId, String action, long nowMs);

  /**
   * How far {@code reviewer} is, and what waits in the priority tiers (not yet reviewed by anyone; low scores of
   * {@code agentIds}); each count stops at {@link #COUNT_CAP}.
   */
  Progress progress(String reviewer, double lowScoreBelow, java.util.List<String> agentIds);

  /** The review queue's tiers. */
  enum Tier { INVALID, UNDONE, LOW_SCORE, SAMPLE }

  record Progress(long seenByReviewer, long invalid, long undone, long lowScore) {}
}
