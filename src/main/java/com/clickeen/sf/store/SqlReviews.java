package com.clickeen.sf.store;

/** {@link Reviews} on the SQL index. */
record SqlReviews(SqlIndex sql) implements Reviews {

  @Override
  public boolean review(String interactionId, String humanReview, String userFeedback, Boolean taskCompleted) {
    return sql.call("reviewing " + interactionId, h -> h.createUpdate("UPDATE sf_interactions SET "
            + "human_review = COALESCE(:review, human_review), user_feedback = COALESCE(:feedback, user_feedback), "
            + "o_task_completed = COALESCE(:task, o_task_completed), needs_score = 1 WHERE id = :id")
        .bind("review", humanReview)
        .bind("feedback", userFeedback)
        .bind("task", InteractionColumns.flag(taskCompleted))
        .bind("id", interactionId)
        .execute() > 0);
  }
}
