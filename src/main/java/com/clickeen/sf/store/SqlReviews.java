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
  public Optional<InteractionRow> nextToReview(String reviewer, Tier tier, String agentId, double lowScoreBelow,
      long pivotMs) {
    String select = "SELECT " + InteractionColumns.ALL + " FROM sf_interactions WHERE "
        + (agentId == null ? "" : "agent_id = :agent AND ");
    // Each condition repeats its partial index's predicate (V6) word for word, so that SQLite uses the index.
    return sql.call("reading the review queue (" + tier + ")", h -> {
      java.util.function.Function<String, Optional<InteractionRow>> one = q -> {
        var query = h.createQuery(select + q).bind("reviewer", reviewer).bind("below", lowScoreBelow)
            .bind("pivot", pivotMs);
        if (agentId != null) {
          query.bind("agent", agentId);
        }
        return query.map(InteractionColumns.ROW).findOne();
      };
      return switch (tier) {
        case INVALID -> one.apply("valid = 0" + UNSEEN + " ORDER BY created_at_ms DESC LIMIT 1");
        case UNDONE -> one.apply("o_abandoned = 1" + UNSEEN + " ORDER BY created_at_ms DESC LIMIT 1");
        case LOW_SCORE -> one.apply("score < :below" + UNSEEN + " ORDER BY score LIMIT 1");
        case SAMPLE -> one.apply("created_at_ms >= :pivot" + UNSEEN + " ORDER BY created_at_ms LIMIT 1")
            .or(() -> one.apply("created_at_ms < :pivot" + UNSEEN + " ORDER BY created_at_ms DESC LIMIT 1"));
      };
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

  /**
   * The counts stop at {@link #COUNT_CAP} rows, and name a range on {@code created_at_ms} that every row is in:
   * without it SQLite (no statistics) may count through another index, a million rows, instead of the tier's
   * own partial index.
   */
  @Override
  public Progress progress(String reviewer, double lowScoreBelow, java.util.List<String> agentIds) {
    return sql.call("reading review progress", h -> {
      java.util.function.Function<String, Long> capped = where -> h.createQuery("SELECT COUNT(*) FROM (SELECT 1 FROM "
          + "sf_interactions WHERE " + where + " LIMIT " + COUNT_CAP + ") t").bind("min", Long.MIN_VALUE)
          .bind("below", lowScoreBelow).mapTo(Long.class).one();
      long low = 0;
      for (String agent : agentIds) {
        low += h.createQuery("SELECT COUNT(*) FROM (SELECT 1 FROM sf_interactions WHERE agent_id = :agent AND "
            + "score < :below AND human_review IS NULL LIMIT " + COUNT_CAP + ") t").bind("agent", agent)
            .bind("below", lowScoreBelow).mapTo(Long.class).one();
      }
      return new Progress(
          h.createQuery("SELECT COUNT(*) FROM sf_review_seen WHERE reviewer = :r").bind("r", reviewer).mapTo(Long.class).one(),
          capped.apply("valid = 0 AND human_review IS NULL AND created_at_ms >= :min"),
          capped.apply("o_abandoned = 1 AND human_review IS NULL AND created_at_ms >= :min"),
          Math.min(low, COUNT_CAP));
    });
  }
}
