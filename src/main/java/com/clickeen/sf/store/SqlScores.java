package com.clickeen.sf.store;

import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link Scores} on the SQL index: score-interactions reads and writes every interaction, so columns are
 * read and bound by position.
 */
record SqlScores(SqlIndex sql) implements Scores {

  @Override
  public List<ScoringRow> interactionsToScore(String afterId, int limit) {
    return sql.call("reading interactions to score", h -> h.createQuery("SELECT id, agent_id, valid, applied, "
            + InteractionColumns.OUTCOMES + " FROM sf_interactions WHERE needs_score = 1 AND id > :after ORDER BY id LIMIT :limit")
        .bind("after", afterId == null ? "" : afterId)
        .bind("limit", limit)
        .map((rs, ctx) -> new ScoringRow(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getInt(4) == 1,
            InteractionColumns.outcomes(rs, 5)))
        .list());
  }

  @Override
  public void saveScores(List<Scored> scores, long nowMs) {
    if (scores.isEmpty()) {
      return;
    }
    sql.inTransaction("saving " + scores.size() + " scores", h -> {
      PreparedBatch batch = h.prepareBatch("UPDATE sf_interactions SET score = ?, needs_score = 0, scored_at_ms = ? "
          + "WHERE id = ?");
      for (Scored s : scores) {
        batch.bind(0, s.score()).bind(1, nowMs).bind(2, s.id()).add();
      }
      return batch.execute();
    });
  }

  @Override
  public long countToScore() {
    return sql.call("counting interactions to score", h -> h.createQuery(
        "SELECT COUNT(*) FROM sf_interactions WHERE needs_score = 1").mapTo(Long.class).one());
  }
}
