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

  /**
   * The next interaction of {@code tier} that nobody has reviewed ({@code human_review} unset) and
   * {@code reviewer} has not seen: invalid and undone ones newest first, low scores (below
   * {@code lowScoreBelow}) lowest first, the sample the first created at or after {@code pivotMs} (else the
   * last before it). Which tier comes first is the caller's rule.
   */
  Optional<InteractionRow> nextToReview(String reviewer, Tier tier, double lowScoreBelow, long pivotMs);

  /** Records that {@code reviewer} has seen an interaction and what they did ({@code reviewed}, {@code skipped}); false when recorded before. */
  boolean markSeen(String reviewer, String interactionId, String action, long nowMs);

  /** How far {@code reviewer} is, and what waits in the priority tiers (not yet reviewed by anyone). */
  Progress progress(String reviewer, double lowScoreBelow);

  /** The review queue's tiers. */
  enum Tier { INVALID, UNDONE, LOW_SCORE, SAMPLE }

  record Progress(long seenByReviewer, long invalid, long undone, long lowScore) {}
}
