package com.clickeen.sf.store;

/** Human review, user feedback and task completion of an interaction ({@code POST /v1/learning/review}). */
public interface Reviews {

  /**
   * Sets human review ({@code good|bad|golden}), user feedback ({@code helpful|not-helpful}) and task
   * completion, and marks the interaction for scoring; null leaves a field as it is. False when there is
   * no such interaction.
   */
  boolean review(String interactionId, String humanReview, String userFeedback, Boolean taskCompleted);
}
