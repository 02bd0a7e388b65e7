package com.clickeen.sf.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link Interactions} on the SQL index. */
record SqlInteractions(SqlIndex sql) implements Interactions {
  /** Ids per {@code IN (...)} list: below every driver's limit on bound parameters. */
  static final int IN_LIST = 500;

  private static final String INSERT = "INSERT INTO sf_interactions (" + InteractionColumns.FIELDS + ", needs_score) "
      + "VALUES (" + InteractionColumns.FIELD_VALUES + ", 1) ON CONFLICT (id) DO NOTHING";
  private static final String IMPORT = "INSERT INTO sf_interactions (" + InteractionColumns.ALL + ", needs_score) "
      + "VALUES (" + InteractionColumns.FIELD_VALUES + ", " + InteractionColumns.OUTCOME_VALUES + ", 1) "
      + "ON CONFLICT (id) DO NOTHING";
  private static final String INSERT_SESSION = "INSERT INTO sf_sessions (id, agent_id, created_at_ms, subject_kind, "
      + "subject_id, locale) VALUES (:id, :agentId, :createdAtMs, :subjectKind, :subjectId, :locale) "
      + "ON CONFLICT (id, agent_id) DO NOTHING";


  @Override
  public boolean recordInteraction(InteractionRow row, SessionRow session) {
    return recordInteractions(List.of(new Recorded(row, session))).contains(row.id());
  }

  @Override
  public Set<String> recordInteractions(List<Recorded> batch) {
    if (batch.isEmpty()) {
      return Set.of();
    }
    return sql.inTransaction("recording " + batch.size() + " interaction(s) (first " + batch.getFirst().row().id() + ")",
        h -> {
          // Outcomes may have arrived before their interaction: they are applied once it is inserted.
          Map<String, List<String>> early = earlyOutcomes(h, batch.stream().map(r -> r.row().id()).toList());
          PreparedBatch rows = h.prepareBatch(INSERT);
          PreparedBatch sessions = h.prepareBatch(INSERT_SESSION);
          for (Recorded rec : batch) {
            InteractionColumns.bind(rows, rec.row()).add();
            SessionRow s = rec.session();
            if (s != null) {
              sessions.bindMethods(s).add();
            }
          }
          int[] counts = rows.execute();
          Set<String> inserted = new LinkedHashSet<>();
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
              inserted.add(batch.get(i).row().id());
            }
          }
          for (String id : inserted) {
            early.getOrDefault(id, List.of()).forEach(event -> InteractionColumns.applyOutcome(h, id, event));
          }
          if (sessions.size() > 0) {
            sessions.execute();
          }
          if (!inserted.isEmpty()) {
            sql.dialect().textIndex().afterInserts(h);
          }
          return inserted;
        });
  }

  /** The stored outcome events of these interaction ids, by id. */
  private static Map<String, List<String>> earlyOutcomes(Handle h, List<String> ids) {
    Map<String, List<String>> out = new HashMap<>();
    for (List<String> part : parts(ids)) {
      h.createQuery("SELECT request_id, event FROM sf_outcomes WHERE request_id IN (<ids>)").bindList("ids", part)
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
    return out;
  }

  @Override
  public Set<String> knownInteractionIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return sql.call("looking up " + ids.size() + " interaction id(s)", h -> {
      Set<String> found = new HashSet<>();
      for (List<String> part : parts(ids)) {
        found.addAll(h.createQuery("SELECT id FROM sf_interactions WHERE id IN (<ids>)").bindList("ids", part)
            .mapTo(String.class).list());
      }
      return found;
    });
  }

  private static List<List<String>> parts(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IN_LIST) {
      out.add(all.subList(from, Math.min(all.size(), from + IN_LIST)));
    }
    return out;
  }

  @Override
  public int importInteractions(List<InteractionRow> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    return sql.inTransaction("importing " + rows.size() + " interactions", h -> {
      PreparedBatch batch = h.prepareBatch(IMPORT);
      for (InteractionRow r : rows) {
        InteractionColumns.bindOutcomes(InteractionColumns.bind(batch, r), r.outcomes()).add();
      }
      int n = 0;
      for (int k : batch.execute()) {
        n += Math.max(0, k);
      }
      if (n > 0) {
        sql.dialect().textIndex().afterInserts(h);
      }
      return n;
    });
  }

  @Override
  public Optional<InteractionRow> interaction(String id) {
    return sql.call("reading interaction " + id, h -> find(h, id));
  }

  private static Optional<InteractionRow> find(Handle h, String id) {
    return h.createQuery("SELECT " + InteractionColumns.ALL + " FROM sf_interactions WHERE id = :id").bind("id", id)
        .map(InteractionColumns.ROW).findOne();
  }

  @Override
  public long countInteractions(String agentId) {
    return sql.call("counting interactions", h -> agentId == null
        ? h.createQuery("SELECT COUNT(*) FROM sf_interactions").mapTo(Long.class).one()
        : h.createQuery("SELECT COUNT(*) FROM sf_interactions WHERE agent_id = :agent").bind("agent", agentId)
            .mapTo(Long.class).one());
  }

  @Override
  public long countInteractionsSince(String agentId, long sinceMs) {
    return sql.call("counting recent interactions of " + agentId, h -> h.createQuery("SELECT COUNT(*) FROM sf_interactions "
        + "WHERE agent_id = :agent AND created_at_ms >= :since").bind("agent", agentId).bind("since", sinceMs)
        .mapTo(Long.class).one());
  }

  @Override
  public List<String> agentsWithInteractions() {
    return sql.call("listing agents", h -> h.createQuery("SELECT DISTINCT agent_id FROM sf_interactions ORDER BY agent_id")
        .mapTo(String.class).list());
  }

  @Override
  public List<InteractionRow> interactionsSince(String agentId, long sinceMs, String afterId, int limit) {
    return sql.call("exporting interactions of " + agentId, h -> {
      Optional<InteractionRow> after = afterId == null ? Optional.empty() : find(h, afterId);
      return h.createQuery("SELECT " + InteractionColumns.ALL + " FROM sf_interactions WHERE agent_id = :agent "
              + "AND created_at_ms >= :since AND (created_at_ms > :after_ms OR (created_at_ms = :after_ms AND id > :after_id)) "
              + "ORDER BY created_at_ms, id LIMIT :limit")
          .bind("agent", agentId)
          .bind("since", sinceMs)
          .bind("after_ms", after.map(InteractionRow::createdAtMs).orElse(Long.MIN_VALUE))
          .bind("after_id", after.map(InteractionRow::id).orElse(""))
          .bind("limit", limit)
          .map(InteractionColumns.ROW).list();
    });
  }

  @Override
  public List<InteractionKey> rawPayloadsBefore(long beforeMs, int limit) {
    return sql.call("reading old raw payload keys", h -> h.createQuery("SELECT id, r2_key FROM sf_interactions "
            + "WHERE created_at_ms < :before AND raw_deleted_at_ms IS NULL ORDER BY created_at_ms LIMIT :limit")
        .bind("before", beforeMs)
        .bind("limit", limit)
        .map((rs, ctx) -> new InteractionKey(rs.getString(1), rs.getString(2))).list());
  }

  @Override
  public void markRawDeleted(List<String> interactionIds, long nowMs) {
    if (interactionIds.isEmpty()) {
      return;
    }
    sql.inTransaction("marking raw payloads deleted", h -> {
      PreparedBatch batch = h.prepareBatch("UPDATE sf_interactions SET raw_deleted_at_ms = :now WHERE id = :id");
      interactionIds.forEach(id -> batch.bind("now", nowMs).bind("id", id).add());
      return batch.execute();
    });
  }

  @Override
  public int deleteSessionsBefore(long beforeMs) {
    return sql.call("deleting old sessions", h -> h.createUpdate("DELETE FROM sf_sessions WHERE created_at_ms < :before "
            + "AND NOT EXISTS (SELECT 1 FROM sf_interactions i WHERE i.session_id = sf_sessions.id "
            + "AND i.agent_id = sf_sessions.agent_id AND i.created_at_ms >= :before)")
        .bind("before", beforeMs).execute());
  }

  @Override
  public List<InteractionRow> search(InteractionQuery q) {
    return sql.call("searching interactions", h -> InteractionReads.search(h, q, sql.dialect().textIndex()));
  }

  @Override
  public List<DayStats> dailyStats(String agentId, long fromMs, long toMs) {
    return sql.call("summing the days of " + agentId, h -> InteractionReads.dailyStats(h, agentId, fromMs, toMs));
  }

  @Override
  public Optional<TimeRange> timeRange() {
    return sql.call("reading the interactions' time range", h -> h.createQuery("SELECT MIN(created_at_ms), "
        + "MAX(created_at_ms) FROM sf_interactions").map((rs, ctx) -> {
          long first = rs.getLong(1);
          return rs.wasNull() ? null : new TimeRange(first, rs.getLong(2));
        }).findOne());
  }
}
