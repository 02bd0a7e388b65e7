package com.clickeen.sf.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

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
      ScoreDays.update(h, scores);
      // The one statement run for every interaction: bound through the handle's JDBC statement, because
      // JDBI's per-argument binding added about a tenth to score-interactions' CPU time (sf bench learning).
      try (PreparedStatement ps = h.getConnection().prepareStatement(
          "UPDATE sf_interactions SET score = ?, needs_score = 0, scored_at_ms = ? WHERE id = ?")) {
        for (Scored s : scores) {
          ps.setDouble(1, s.score());
          ps.setLong(2, nowMs);
          ps.setString(3, s.id());
          ps.addBatch();
        }
        return ps.executeBatch();
      } catch (SQLException e) {
        throw new UnableToExecuteStatementException(e, null);
      }
    });
  }

  @Override
  public long countToScore() {
    return sql.call("counting interactions to score", h -> h.createQuery(
        "SELECT COUNT(*) FROM sf_interactions WHERE needs_score = 1").mapTo(Long.class).one());
  }
}
