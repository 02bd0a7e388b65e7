package com.clickeen.sf.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code sf_score_days}: the scores summed per agent, UTC day and prompt version (the metrics page's mean
 * score), changed with every batch of saved scores, in its transaction: each row's previous score (if the job
 * saved one) is taken out and the new one added. Keeping these sums costs a primary-key read per scored row;
 * an index holding the score would cost an index move per row instead (BENCHMARKS.md, "Admin pages").
 */
final class ScoreDays {
  static final long DAY_MS = 86_400_000L;

  private ScoreDays() {}

  private record Key(String agentId, long day, String promptId) {}

  static void update(Handle h, List<Scores.Scored> scores) {
    Map<String, Double> next = new HashMap<>(scores.size() * 2);
    scores.forEach(s -> next.put(s.id(), s.score()));
    Map<Key, double[]> delta = new HashMap<>(); // {sum, count}
    List<String> ids = new ArrayList<>(next.keySet());
    for (int from = 0; from < ids.size(); from += SqlInteractions.IN_LIST) {
      h.createQuery("SELECT id, agent_id, created_at_ms, prompt_id, score, scored_at_ms FROM sf_interactions "
              + "WHERE id IN (<ids>)").bindList("ids", ids.subList(from, Math.min(ids.size(), from + SqlInteractions.IN_LIST)))
          .map((rs, ctx) -> {
            String prompt = rs.getString(4);
            Key k = new Key(rs.getString(2), Math.floorDiv(rs.getLong(3), DAY_MS), prompt == null ? "" : prompt);
            double[] d = delta.computeIfAbsent(k, x -> new double[2]);
            double old = rs.getDouble(5);
            boolean hadScore = !rs.wasNull();
            rs.getLong(6);
            boolean savedBefore = !rs.wasNull();
            if (hadScore && savedBefore) {
              d[0] -= old;
              d[1] -= 1;
            }
            d[0] += next.get(rs.getString(1));
            d[1] += 1;
            return k;
          }).forEach(k -> { });
    }
    try (PreparedStatement ps = h.getConnection().prepareStatement("INSERT INTO sf_score_days (agent_id, day, prompt_id, "
        + "score_sum, score_n) VALUES (?, ?, ?, ?, ?) ON CONFLICT (agent_id, day, prompt_id) DO UPDATE SET "
        + "score_sum = sf_score_days.score_sum + excluded.score_sum, score_n = sf_score_days.score_n + excluded.score_n")) {
      for (var e : delta.entrySet()) {
        ps.setString(1, e.getKey().agentId());
        ps.setLong(2, e.getKey().day());
        ps.setString(3, e.getKey().promptId());
        ps.setDouble(4, e.getValue()[0]);
        ps.setLong(5, (long) e.getValue()[1]);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  /** Mean score by prompt version per day ({@code day} = UTC day number) of an agent in [fromMs, toMs). */
  static Map<Long, Map<String, Double>> means(Handle h, String agentId, long fromMs, long toMs) {
    Map<Long, Map<String, Double>> out = new HashMap<>();
    h.createQuery("SELECT day, prompt_id, score_sum, score_n FROM sf_score_days WHERE agent_id = :agent "
            + "AND day >= :from AND day < :to AND score_n > 0")
        .bind("agent", agentId).bind("from", Math.floorDiv(fromMs, DAY_MS))
        .bind("to", Math.floorDiv(toMs + DAY_MS - 1, DAY_MS))
        .map((rs, ctx) -> {
          String prompt = rs.getString(2);
          out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(prompt.isEmpty() ? "(none)" : prompt,
              rs.getDouble(3) / rs.getLong(4));
          return prompt;
        }).forEach(p -> { });
    return out;
  }
}
