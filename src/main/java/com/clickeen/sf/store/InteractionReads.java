package com.clickeen.sf.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The admin's reads of the interaction index: a filtered page, and per-day sums for the metrics. */
final class InteractionReads {
  private static final long DAY_MS = 86_400_000L;

  private InteractionReads() {}

  static List<InteractionRow> search(Handle h, InteractionQuery q) {
    List<String> where = new ArrayList<>();
    Map<String, Object> binds = new HashMap<>();
    if (q.agentId() != null) {
      where.add("agent_id = :agent");
      binds.put("agent", q.agentId());
    }
    if (q.fromMs() != null) {
      where.add("created_at_ms >= :from");
      binds.put("from", q.fromMs());
    }
    if (q.toMs() != null) {
      where.add("created_at_ms < :to");
      binds.put("to", q.toMs());
    }
    if (q.minScore() != null) {
      where.add("score >= :minScore");
      binds.put("minScore", q.minScore());
    }
    if (q.maxScore() != null) {
      where.add("score <= :maxScore");
      binds.put("maxScore", q.maxScore());
    }
    if (q.outcome() != null) {
      where.add(q.outcome().condition);
    }
    if (q.promptId() != null) {
      where.add("prompt_id = :prompt");
      binds.put("prompt", q.promptId());
    }
    if (q.text() != null && !q.text().isEmpty()) {
      where.add("(LOWER(input_text) LIKE :text ESCAPE '!' OR LOWER(output_text) LIKE :text ESCAPE '!')");
      binds.put("text", "%" + likeEscaped(q.text().toLowerCase(Locale.ROOT)) + "%");
    }
    if (q.before() != null) {
      where.add("(created_at_ms < :beforeMs OR (created_at_ms = :beforeMs AND id < :beforeId))");
      binds.put("beforeMs", q.before().createdAtMs());
      binds.put("beforeId", q.before().id());
    }
    String sql = "SELECT " + InteractionColumns.ALL + " FROM sf_interactions"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY created_at_ms DESC, id DESC LIMIT :limit";
    Query query = h.createQuery(sql).bind("limit", q.limit());
    binds.forEach(query::bind);
    return query.map(InteractionColumns.ROW).list();
  }

  /** {@code %}, {@code _} and the escape character itself taken literally in a LIKE pattern. */
  static String likeEscaped(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  static List<DayStats> dailyStats(Handle h, String agentId, long fromMs, long toMs) {
    Map<Long, Day> days = new TreeMap<>();
    h.createQuery("SELECT created_at_ms, prompt_id, score, valid, o_abandoned, o_converted, cost_usd, latency_ms "
            + "FROM sf_interactions WHERE agent_id = :agent AND created_at_ms >= :from AND created_at_ms < :to")
        .bind("agent", agentId).bind("from", fromMs).bind("to", toMs)
        .setFetchSize(10_000)
        .scanResultSet((supplier, ctx) -> {
          var rs = supplier.get();
          {
            while (rs.next()) {
              long at = rs.getLong(1);
              Day d = days.computeIfAbsent(Math.floorDiv(at, DAY_MS) * DAY_MS, k -> new Day());
              double score = rs.getDouble(3);
              boolean scored = !rs.wasNull();
              d.add(rs.getString(2), scored ? score : null, rs.getInt(4) == 1, rs.getInt(5) == 1, rs.getInt(6) == 1,
                  rs.getDouble(7), rs.getLong(8));
            }
          }
          return null;
        });
    List<DayStats> out = new ArrayList<>(days.size());
    days.forEach((day, d) -> out.add(d.stats(day)));
    return out;
  }

  /** One day's running sums. */
  private static final class Day {
    long n;
    long valid;
    long undone;
    long converted;
    double cost;
    long[] latencies = new long[64];
    final Map<String, double[]> scores = new HashMap<>(); // prompt -> {sum, count}

    void add(String prompt, Double score, boolean isValid, boolean isUndone, boolean isConverted, double costUsd,
        long latencyMs) {
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[(int) n++] = latencyMs;
      valid += isValid ? 1 : 0;
      undone += isUndone ? 1 : 0;
      converted += isConverted ? 1 : 0;
      cost += costUsd;
      if (score != null) {
        double[] s = scores.computeIfAbsent(prompt == null ? "(none)" : prompt, k -> new double[2]);
        s[0] += score;
        s[1]++;
      }
    }

    DayStats stats(long dayStartMs) {
      long[] sorted = Arrays.copyOf(latencies, (int) n);
      Arrays.sort(sorted);
      Map<String, Double> means = new TreeMap<>();
      scores.forEach((p, s) -> means.put(p, s[0] / s[1]));
      return new DayStats(dayStartMs, n, valid, undone, converted, cost, rank(sorted, 0.50), rank(sorted, 0.95), means);
    }

    /** The nearest-rank percentile. */
    private static long rank(long[] sorted, double p) {
      return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
  }
}
