package com.clickeen.sf.store;

import java.util.ArrayList;
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

  /** The page of interactions {@code q} asks for, newest first; {@code texts} leads a text search where it can. */
  static List<InteractionRow> search(Handle h, InteractionQuery q, TextIndex texts) {
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
      String candidates = texts.candidates(h, q.text(), binds);
      if (candidates != null) {
        where.add(candidates);
      }
      // The LIKE decides on its own (a term under 3 characters, PostgreSQL through its trigram indexes, a
      // frequent term), or rechecks each row the index found: the results are the LIKE's in every case.
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

  /**
   * Latency in buckets of two significant figures (exact below 100 ms): the percentiles are read from each
   * day's bucket counts, so the database returns a few thousand grouped rows instead of every interaction.
   */
  private static final String LATENCY_BUCKET = "CASE WHEN latency_ms < 100 THEN latency_ms "
      + "WHEN latency_ms < 1000 THEN latency_ms / 10 * 10 WHEN latency_ms < 10000 THEN latency_ms / 100 * 100 "
      + "WHEN latency_ms < 100000 THEN latency_ms / 1000 * 1000 ELSE latency_ms / 10000 * 10000 END";

  /**
   * One pass over the covering index {@code sf_interactions_day_stats} (V6), grouped by day and latency
   * bucket; the mean scores from {@code sf_score_days} (whole days: {@code fromMs} and {@code toMs} are day
   * starts here).
   */
  static List<DayStats> dailyStats(Handle h, String agentId, long fromMs, long toMs) {
    Map<Long, Day> days = new TreeMap<>();
    h.createQuery("SELECT created_at_ms / " + DAY_MS + " AS d, " + LATENCY_BUCKET + " AS l, COUNT(*), "
            + "SUM(valid), SUM(CASE WHEN o_abandoned = 1 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN o_converted = 1 THEN 1 ELSE 0 END), SUM(COALESCE(cost_usd, 0)) "
            + "FROM sf_interactions WHERE agent_id = :agent AND created_at_ms >= :from AND created_at_ms < :to "
            + "GROUP BY d, l")
        .bind("agent", agentId).bind("from", fromMs).bind("to", toMs)
        .map((rs, ctx) -> {
          Day d = days.computeIfAbsent(rs.getLong(1), k -> new Day());
          d.add(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getDouble(7));
          return d;
        }).forEach(d -> { });
    Map<Long, Map<String, Double>> means = ScoreDays.means(h, agentId, fromMs, toMs);
    List<DayStats> out = new ArrayList<>(days.size());
    days.forEach((day, d) -> out.add(d.stats(day * DAY_MS, means.getOrDefault(day, Map.of()))));
    return out;
  }

  /** One day's sums and latency histogram. */
  private static final class Day {
    long n;
    long valid;
    long undone;
    long converted;
    double cost;
    final TreeMap<Long, Long> latencies = new TreeMap<>();

    void add(long latencyBucket, long count, long isValid, long isUndone, long isConverted, double costUsd) {
      n += count;
      valid += isValid;
      undone += isUndone;
      converted += isConverted;
      cost += costUsd;
      latencies.merge(latencyBucket, count, Long::sum);
    }

    DayStats stats(long dayStartMs, Map<String, Double> means) {
      return new DayStats(dayStartMs, n, valid, undone, converted, cost, rank(0.50), rank(0.95), new TreeMap<>(means));
    }

    /** The nearest-rank percentile over the buckets. */
    private long rank(double p) {
      long target = Math.max(1, (long) Math.ceil(p * n));
      long seen = 0;
      for (var e : latencies.entrySet()) {
        seen += e.getValue();
        if (seen >= target) {
          return e.getKey();
        }
      }
      return 0;
    }
  }
}
