package com.clickeen.sf.store;

import java.util.Optional;

/** {@link Reviews} on the SQL index. */
record SqlReviews(SqlIndex sql) implements Reviews {
  private static final String UNSEEN = " AND human_review IS NULL AND NOT EXISTS (SELECT 1 FROM sf_review_seen s "
      + "WHERE s.reviewer = :reviewer AND s.interaction_id = sf_interactions.id)";

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

  @Override
  public Optional<InteractionRow> nextToReview(String reviewer, Tier tier, double lowScoreBelow, long pivotMs) {
    String select = "SELECT " + InteractionColumns.ALL + " FROM sf_interactions WHERE ";
    // Each condition repeats its partial index's predicate (V6) word for word, so that SQLite uses the index.
    return sql.call("reading the review queue (" + tier + ")", h -> switch (tier) {
      case INVALID -> h.createQuery(select + "valid = 0" + UNSEEN + " ORDER BY created_at_ms DESC LIMIT 1")
          .bind("reviewer", reviewer).map(InteractionColumns.ROW).findOne();
      case UNDONE -> h.createQuery(select + "o_abandoned = 1" + UNSEEN + " ORDER BY created_at_ms DESC LIMIT 1")
          .bind("reviewer", reviewer).map(InteractionColumns.ROW).findOne();
      case LOW_SCORE -> h.createQuery(select + "score < :below" + UNSEEN + " ORDER BY score, id LIMIT 1")
          .bind("reviewer", reviewer).bind("below", lowScoreBelow).map(InteractionColumns.ROW).findOne();
      case SAMPLE -> h.createQuery(select + "created_at_ms >= :pivot" + UNSEEN + " ORDER BY created_at_ms LIMIT 1")
          .bind("reviewer", reviewer).bind("pivot", pivotMs).map(InteractionColumns.ROW).findOne()
          .or(() -> h.createQuery(select + "created_at_ms < :pivot" + UNSEEN + " ORDER BY created_at_ms DESC LIMIT 1")
              .bind("reviewer", reviewer).bind("pivot", pivotMs).map(InteractionColumns.ROW).findOne());
    });
  }

  @Override
  public boolean markSeen(String reviewer, String interactionId, String action, long nowMs) {
    return sql.call("recording that " + reviewer + " saw " + interactionId, h -> h.createUpdate("INSERT INTO "
            + "sf_review_seen (reviewer, interaction_id, action, at_ms) VALUES (:reviewer, :id, :action, :now) "
            + "ON CONFLICT (reviewer, interaction_id) DO NOTHING")
        .bind("reviewer", reviewer).bind("id", interactionId).bind("action", action).bind("now", nowMs)
        .execute() > 0);
  }

  @Override
  public Progress progress(String reviewer, double lowScoreBelow) {
    return sql.call("reading review progress", h -> new Progress(
        h.createQuery("SELECT COUNT(*) FROM sf_review_seen WHERE reviewer = :r").bind("r", reviewer).mapTo(Long.class).one(),
        h.createQuery("SELECT COUNT(*) FROM sf_interactions WHERE valid = 0 AND human_review IS NULL").mapTo(Long.class).one(),
        h.createQuery("SELECT COUNT(*) FROM sf_interactions WHERE o_abandoned = 1 AND human_review IS NULL")
            .mapTo(Long.class).one(),
        h.createQuery("SELECT COUNT(*) FROM sf_interactions WHERE score < :b AND human_review IS NULL")
            .bind("b", lowScoreBelow).mapTo(Long.class).one()));
  }
}
