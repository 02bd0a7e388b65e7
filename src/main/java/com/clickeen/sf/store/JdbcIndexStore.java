package com.clickeen.sf.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * The index on a SQL database through JDBC. The statements are the dialect-neutral subset that SQLite and
 * PostgreSQL share ({@code ON CONFLICT ... DO NOTHING}, partial unique indexes); the schema itself is
 * created by Flyway from one migration folder per dialect.
 */
final class JdbcIndexStore implements IndexStore {
  private final HikariDataSource ds;
  private final String name;

  JdbcIndexStore(HikariDataSource ds, String name, String migrationLocation) {
    this.ds = ds;
    this.name = name;
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations(migrationLocation)
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException(name + ": schema migration failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<PromptVersion> activePrompt(String agentId) {
    List<PromptVersion> list = queryPrompts(
        "SELECT id, agent_id, version, prompt_text, created_at_ms, is_active FROM sf_prompts WHERE agent_id = ? AND is_active = 1",
        agentId);
    return list.stream().findFirst();
  }

  @Override
  public List<PromptVersion> prompts(String agentId) {
    return queryPrompts(
        "SELECT id, agent_id, version, prompt_text, created_at_ms, is_active FROM sf_prompts WHERE agent_id = ? ORDER BY version",
        agentId);
  }

  private List<PromptVersion> queryPrompts(String sql, String agentId) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, agentId);
      List<PromptVersion> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new PromptVersion(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
              rs.getInt(6) == 1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading prompts of " + agentId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean seedPrompt(String agentId, String text, long nowMs) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO sf_prompts (id, agent_id, version, prompt_text, created_at_ms, is_active) "
                 + "SELECT CAST(? AS TEXT), CAST(? AS TEXT), 1, CAST(? AS TEXT), CAST(? AS BIGINT), 1 "
                 + "WHERE NOT EXISTS (SELECT 1 FROM sf_prompts WHERE agent_id = ?) "
                 + "ON CONFLICT DO NOTHING")) {
      ps.setString(1, agentId + "@v1");
      ps.setString(2, agentId);
      ps.setString(3, text);
      ps.setLong(4, nowMs);
      ps.setString(5, agentId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException(name + ": seeding the v1 prompt of " + agentId + " failed: " + e.getMessage(), e);
    }
  }

  private static final String ROW_COLUMNS = "id, session_id, agent_id, created_at_ms, r2_key, score, prompt_id, provider, "
      + "model, prompt_tokens, completion_tokens, cost_usd, latency_ms, valid, error, subject_kind, subject_id, locale, "
      + "user_id, intent, result_outcome, applied, input_text, output_text, example_ids, o_continued, o_abandoned, "
      + "o_follow_up, o_converted, o_paid, o_task_completed, human_review, user_feedback";

  /** Outcome flags each event sets; the same mapping OutcomeEvent documents. */
  private static final String APPLY_OUTCOMES = "UPDATE sf_interactions SET "
      + "o_continued = CASE WHEN EXISTS (SELECT 1 FROM sf_outcomes o WHERE o.request_id = sf_interactions.id AND o.event = 'ux_keep') THEN 1 ELSE o_continued END, "
      + "o_abandoned = CASE WHEN EXISTS (SELECT 1 FROM sf_outcomes o WHERE o.request_id = sf_interactions.id AND o.event = 'ux_undo') THEN 1 ELSE o_abandoned END, "
      + "o_follow_up = CASE WHEN EXISTS (SELECT 1 FROM sf_outcomes o WHERE o.request_id = sf_interactions.id AND o.event IN ('cta_clicked', 'signup_started', 'upgrade_clicked')) THEN 1 ELSE o_follow_up END, "
      + "o_converted = CASE WHEN EXISTS (SELECT 1 FROM sf_outcomes o WHERE o.request_id = sf_interactions.id AND o.event = 'signup_completed') THEN 1 ELSE o_converted END, "
      + "o_paid = CASE WHEN EXISTS (SELECT 1 FROM sf_outcomes o WHERE o.request_id = sf_interactions.id AND o.event = 'upgrade_completed') THEN 1 ELSE o_paid END, "
      + "needs_score = 1 WHERE id = ?";

  @Override
  public boolean recordInteraction(InteractionRow r, SessionRow session) {
    return recordInteractions(List.of(new Recorded(r, session))).contains(r.id());
  }

  private static final String INSERT_INTERACTION =
      "INSERT INTO sf_interactions (id, session_id, agent_id, created_at_ms, r2_key, score, prompt_id, provider, model, "
          + "prompt_tokens, completion_tokens, cost_usd, latency_ms, valid, error, subject_kind, subject_id, locale, "
          + "user_id, intent, result_outcome, applied, input_text, output_text, example_ids, needs_score) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING";
  private static final String INSERT_SESSION =
      "INSERT INTO sf_sessions (id, agent_id, created_at_ms, subject_kind, subject_id, locale) "
          + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id, agent_id) DO NOTHING";

  @Override
  public Set<String> recordInteractions(List<Recorded> batch) {
    if (batch.isEmpty()) {
      return Set.of();
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(INSERT_INTERACTION);
           PreparedStatement outcomes = c.prepareStatement(APPLY_OUTCOMES);
           PreparedStatement sessions = c.prepareStatement(INSERT_SESSION)) {
        Set<String> inserted = new java.util.LinkedHashSet<>();
        // Outcomes may have arrived before the interaction was written: those are applied after the insert.
        Set<String> early = idsIn(c, "SELECT DISTINCT request_id FROM sf_outcomes WHERE request_id IN (%s)",
            batch.stream().map(rec -> rec.row().id()).toList());
        for (Recorded rec : batch) {
          InteractionRow r = rec.row();
          bindRow(insert, r);
          if (insert.executeUpdate() > 0) {
            inserted.add(r.id());
            if (early.contains(r.id())) {
              outcomes.setString(1, r.id());
              outcomes.executeUpdate();
            }
          }
          SessionRow session = rec.session();
          if (session != null) {
            sessions.setString(1, session.id());
            sessions.setString(2, session.agentId());
            sessions.setLong(3, session.createdAtMs());
            sessions.setString(4, session.subjectKind());
            sessions.setString(5, session.subjectId());
            sessions.setString(6, session.locale());
            sessions.executeUpdate();
          }
        }
        c.commit();
        return inserted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": recording " + batch.size() + " interaction(s) (first "
          + batch.getFirst().row().id() + ") failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> knownInteractionIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    try (Connection c = ds.getConnection()) {
      return idsIn(c, "SELECT id FROM sf_interactions WHERE id IN (%s)", ids);
    } catch (SQLException e) {
      throw new StoreException(name + ": looking up " + ids.size() + " interaction id(s) failed: " + e.getMessage(), e);
    }
  }

  /** Runs a one-column query whose %s is a list of placeholders, for the ids in parts of 500. */
  private static Set<String> idsIn(Connection c, String sqlWithList, Collection<String> ids) throws SQLException {
    Set<String> found = new java.util.HashSet<>();
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> part = all.subList(from, Math.min(all.size(), from + 500));
      try (PreparedStatement ps = c.prepareStatement(sqlWithList.formatted("?,".repeat(part.size() - 1) + "?"))) {
        for (int i = 0; i < part.size(); i++) {
          ps.setString(i + 1, part.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  @Override
  public int importInteractions(List<InteractionRow> rows) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sf_interactions (" + ROW_COLUMNS + ", needs_score) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
          + "ON CONFLICT (id) DO NOTHING")) {
        for (InteractionRow r : rows) {
          int i = bindRow(ps, r);
          Outcomes o = r.outcomes();
          setFlag(ps, i++, o.continued());
          setFlag(ps, i++, o.abandoned());
          setFlag(ps, i++, o.followUp());
          setFlag(ps, i++, o.converted());
          setFlag(ps, i++, o.paid());
          setFlag(ps, i++, o.taskCompleted());
          ps.setString(i++, o.humanReview());
          ps.setString(i, o.userFeedback());
          ps.addBatch();
        }
        int n = 0;
        for (int k : ps.executeBatch()) {
          n += Math.max(0, k);
        }
        c.commit();
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": importing " + rows.size() + " interactions failed: " + e.getMessage(), e);
    }
  }

  /** Binds the first 25 columns of {@link #ROW_COLUMNS} (id .. example_ids); returns the next index. */
  private static int bindRow(PreparedStatement ps, InteractionRow r) throws SQLException {
    int i = 1;
    ps.setString(i++, r.id());
    ps.setString(i++, r.sessionId());
    ps.setString(i++, r.agentId());
    ps.setLong(i++, r.createdAtMs());
    ps.setString(i++, r.r2Key());
    setDouble(ps, i++, r.score());
    ps.setString(i++, r.promptId());
    ps.setString(i++, r.provider());
    ps.setString(i++, r.model());
    setInt(ps, i++, r.promptTokens());
    setInt(ps, i++, r.completionTokens());
    setDouble(ps, i++, r.costUsd());
    ps.setLong(i++, r.latencyMs());
    ps.setInt(i++, r.valid() ? 1 : 0);
    ps.setString(i++, r.error());
    ps.setString(i++, r.subjectKind());
    ps.setString(i++, r.subjectId());
    ps.setString(i++, r.locale());
    ps.setString(i++, r.userId());
    ps.setString(i++, r.intent());
    ps.setString(i++, r.resultOutcome());
    ps.setInt(i++, r.applied() ? 1 : 0);
    ps.setString(i++, r.inputText());
    ps.setString(i++, r.outputText());
    ps.setString(i++, r.exampleIdsJson());
    return i;
  }

  private static void setFlag(PreparedStatement ps, int i, Boolean v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v ? 1 : 0);
    }
  }

  @Override
  public Optional<InteractionRow> interaction(String id) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM sf_interactions WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": reading interaction " + id + " failed: " + e.getMessage(), e);
    }
  }

  private static InteractionRow row(ResultSet rs) throws SQLException {
    return new InteractionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
        getDouble(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9), getInt(rs, 10), getInt(rs, 11),
        getDouble(rs, 12), rs.getLong(13), rs.getInt(14) == 1, rs.getString(15), rs.getString(16), rs.getString(17),
        rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21), rs.getInt(22) == 1, rs.getString(23),
        rs.getString(24), rs.getString(25), new Outcomes(flag(rs, 26), flag(rs, 27), flag(rs, 28), flag(rs, 29),
            flag(rs, 30), flag(rs, 31), rs.getString(32), rs.getString(33)));
  }

  private static Boolean flag(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v == 1;
  }

  @Override
  public long countInteractions(String agentId) {
    String sql = agentId == null ? "SELECT COUNT(*) FROM sf_interactions"
        : "SELECT COUNT(*) FROM sf_interactions WHERE agent_id = ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (agentId != null) {
        ps.setString(1, agentId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": counting interactions failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean attachOutcome(OutcomeRow o) {
    // The outcome row and the interaction's flags change together, or not at all: a repeat after a failure
    // is a duplicate, so a half-done attach would never be finished.
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO sf_outcomes (request_id, event, session_id, occurred_at_ms, received_at_ms, time_to_decision_ms, "
              + "account_id_hash, workspace_id_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT (request_id, event) DO NOTHING");
           PreparedStatement apply = c.prepareStatement(APPLY_OUTCOMES)) {
        ps.setString(1, o.requestId());
        ps.setString(2, o.event());
        ps.setString(3, o.sessionId());
        ps.setLong(4, o.occurredAtMs());
        ps.setLong(5, o.receivedAtMs());
        if (o.timeToDecisionMs() == null) {
          ps.setNull(6, Types.BIGINT);
        } else {
          ps.setLong(6, o.timeToDecisionMs());
        }
        ps.setString(7, o.accountIdHash());
        ps.setString(8, o.workspaceIdHash());
        boolean inserted = ps.executeUpdate() > 0;
        if (inserted) {
          apply.setString(1, o.requestId());
          apply.executeUpdate();
        }
        c.commit();
        return inserted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": attaching outcome " + o.event() + " to " + o.requestId() + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public List<OutcomeRow> outcomes(String requestId) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT request_id, event, session_id, occurred_at_ms, received_at_ms, time_to_decision_ms, account_id_hash, "
                 + "workspace_id_hash FROM sf_outcomes WHERE request_id = ? ORDER BY occurred_at_ms, event")) {
      ps.setString(1, requestId);
      List<OutcomeRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long ttd = rs.getLong(6);
          Long timeToDecision = rs.wasNull() ? null : ttd;
          out.add(new OutcomeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
              timeToDecision, rs.getString(7), rs.getString(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading outcomes of " + requestId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public PromptVersion addPrompt(String agentId, String text, long nowMs) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int next;
        try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM sf_prompts WHERE agent_id = ?")) {
          q.setString(1, agentId);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            next = rs.getInt(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO sf_prompts (id, agent_id, version, prompt_text, created_at_ms, is_active) VALUES (?, ?, ?, ?, ?, 0)")) {
          ps.setString(1, agentId + "@v" + next);
          ps.setString(2, agentId);
          ps.setInt(3, next);
          ps.setString(4, text);
          ps.setLong(5, nowMs);
          ps.executeUpdate();
        }
        c.commit();
        return new PromptVersion(agentId + "@v" + next, agentId, next, text, nowMs, false);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": adding a prompt version for " + agentId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean activatePrompt(String agentId, int version) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM sf_prompts WHERE agent_id = ? AND version = ?")) {
          q.setString(1, agentId);
          q.setInt(2, version);
          try (ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return false;
            }
          }
        }
        try (PreparedStatement off = c.prepareStatement("UPDATE sf_prompts SET is_active = 0 WHERE agent_id = ? AND is_active = 1");
             PreparedStatement on = c.prepareStatement("UPDATE sf_prompts SET is_active = 1 WHERE agent_id = ? AND version = ?")) {
          off.setString(1, agentId);
          off.executeUpdate();
          on.setString(1, agentId);
          on.setInt(2, version);
          on.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": activating " + agentId + " v" + version + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> agentsWithInteractions() {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT DISTINCT agent_id FROM sf_interactions ORDER BY agent_id");
         ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": listing agents failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<InteractionRow> interactionsSince(String agentId, long sinceMs, String afterId, int limit) {
    String sql = "SELECT " + ROW_COLUMNS + " FROM sf_interactions WHERE agent_id = ? AND created_at_ms >= ? "
        + "AND (created_at_ms > ? OR (created_at_ms = ? AND id > ?)) ORDER BY created_at_ms, id LIMIT ?";
    return rows(sql, ps -> {
      long afterMs = Long.MIN_VALUE;
      String id = "";
      if (afterId != null) {
        Optional<InteractionRow> after = interaction(afterId);
        if (after.isPresent()) {
          afterMs = after.get().createdAtMs();
          id = afterId;
        }
      }
      ps.setString(1, agentId);
      ps.setLong(2, sinceMs);
      ps.setLong(3, afterMs);
      ps.setLong(4, afterMs);
      ps.setString(5, id);
      ps.setInt(6, limit);
    }, "exporting interactions of " + agentId);
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private List<InteractionRow> rows(String sql, Binder binder, String what) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      List<InteractionRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean recordEvent(EventRow e) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO sf_events (id, type, session_id, user_id, occurred_at_ms, received_at_ms) VALUES (?, ?, ?, ?, ?, ?) "
                 + "ON CONFLICT (id) DO NOTHING")) {
      ps.setString(1, e.id());
      ps.setString(2, e.type());
      ps.setString(3, e.sessionId());
      ps.setString(4, e.userId());
      ps.setLong(5, e.occurredAtMs());
      ps.setLong(6, e.receivedAtMs());
      return ps.executeUpdate() > 0;
    } catch (SQLException ex) {
      throw new StoreException(name + ": storing event " + e.id() + " failed: " + ex.getMessage(), ex);
    }
  }

  @Override
  public int attributeEvent(String kind, String sessionId, String userId, long fromMs, long toMs) {
    String column = switch (kind) {
      case "converted" -> "o_converted";
      case "paid" -> "o_paid";
      default -> throw new IllegalArgumentException("unknown business outcome '" + kind + "'");
    };
    String who = sessionId != null && userId != null ? "(session_id = ? OR user_id = ?)"
        : sessionId != null ? "session_id = ?" : "user_id = ?";
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE sf_interactions SET " + column + " = 1, needs_score = 1 WHERE "
             + who + " AND created_at_ms >= ? AND created_at_ms <= ?")) {
      int i = 1;
      if (sessionId != null) {
        ps.setString(i++, sessionId);
      }
      if (userId != null) {
        ps.setString(i++, userId);
      }
      ps.setLong(i++, fromMs);
      ps.setLong(i, toMs);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(name + ": attributing a " + kind + " event failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void markEventProcessed(String eventId, int attributed, long nowMs) {
    update("UPDATE sf_events SET attributed_count = ?, processed_at_ms = ? WHERE id = ?", ps -> {
      ps.setInt(1, attributed);
      ps.setLong(2, nowMs);
      ps.setString(3, eventId);
    }, "marking event " + eventId);
  }

  private int update(String sql, Binder binder, String what) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(name + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean review(String interactionId, String humanReview, String userFeedback, Boolean taskCompleted) {
    return update("UPDATE sf_interactions SET human_review = COALESCE(?, human_review), "
        + "user_feedback = COALESCE(?, user_feedback), o_task_completed = COALESCE(?, o_task_completed), needs_score = 1 "
        + "WHERE id = ?", ps -> {
          ps.setString(1, humanReview);
          ps.setString(2, userFeedback);
          if (taskCompleted == null) {
            ps.setNull(3, Types.INTEGER);
          } else {
            ps.setInt(3, taskCompleted ? 1 : 0);
          }
          ps.setString(4, interactionId);
        }, "reviewing " + interactionId) > 0;
  }

  @Override
  public List<ScoringRow> interactionsToScore(String afterId, int limit) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, valid, applied, o_continued, o_abandoned, "
             + "o_follow_up, o_converted, o_paid, o_task_completed, human_review, user_feedback FROM sf_interactions "
             + "WHERE needs_score = 1 AND id > ? ORDER BY id LIMIT ?")) {
      ps.setString(1, afterId == null ? "" : afterId);
      ps.setInt(2, limit);
      List<ScoringRow> out = new ArrayList<>(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ScoringRow(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getInt(4) == 1,
              new Outcomes(flag(rs, 5), flag(rs, 6), flag(rs, 7), flag(rs, 8), flag(rs, 9), flag(rs, 10),
                  rs.getString(11), rs.getString(12))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading interactions to score failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void saveScores(List<Scored> scores, long nowMs) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE sf_interactions SET score = ?, needs_score = 0, scored_at_ms = ? WHERE id = ?")) {
        for (Scored s : scores) {
          ps.setDouble(1, s.score());
          ps.setLong(2, nowMs);
          ps.setString(3, s.id());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": saving " + scores.size() + " scores failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long countToScore() {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sf_interactions WHERE needs_score = 1");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException(name + ": counting interactions to score failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<ExampleCandidate> exampleCandidates(String agentId, double minScore, int limit) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, score, human_review, intent, locale, input_text, "
             + "output_text, r2_key, created_at_ms FROM sf_interactions WHERE agent_id = ? AND valid = 1 "
             + "AND (human_review IS NULL OR human_review <> 'bad') AND (score >= ? OR human_review = 'golden') "
             + "AND input_text IS NOT NULL AND output_text IS NOT NULL "
             + "ORDER BY CASE WHEN human_review = 'golden' THEN 0 ELSE 1 END, score DESC, created_at_ms DESC LIMIT ?")) {
      ps.setString(1, agentId);
      ps.setDouble(2, minScore);
      ps.setInt(3, limit);
      List<ExampleCandidate> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Double score = getDouble(rs, 3);
          out.add(new ExampleCandidate(rs.getString(1), rs.getString(2), score == null ? 0 : score, rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading example candidates of " + agentId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int saveExampleBank(String agentId, List<Example> examples, int candidates, long nowMs, int keepVersions) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int version;
        try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM sf_example_banks WHERE agent_id = ?")) {
          q.setString(1, agentId);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            version = rs.getInt(1);
          }
        }
        try (PreparedStatement b = c.prepareStatement(
            "INSERT INTO sf_example_banks (agent_id, version, built_at_ms, size, candidates) VALUES (?, ?, ?, ?, ?)")) {
          b.setString(1, agentId);
          b.setInt(2, version);
          b.setLong(3, nowMs);
          b.setInt(4, examples.size());
          b.setInt(5, candidates);
          b.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sf_examples (id, agent_id, r2_key, score, tags_json, "
            + "bank_version, interaction_id, intent, locale, input_text, output_text, created_at_ms) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Example e : examples) {
            ps.setString(1, agentId + ":v" + version + ":" + e.interactionId());
            ps.setString(2, agentId);
            ps.setString(3, e.r2Key() == null ? "" : e.r2Key());
            ps.setDouble(4, e.score());
            ps.setString(5, "{\"intent\":" + jsonString(e.intent()) + ",\"locale\":" + jsonString(e.locale()) + "}");
            ps.setInt(6, version);
            ps.setString(7, e.interactionId());
            ps.setString(8, e.intent());
            ps.setString(9, e.locale());
            ps.setString(10, e.inputText());
            ps.setString(11, e.outputText());
            ps.setLong(12, nowMs);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM sf_examples WHERE agent_id = ? AND bank_version <= ?")) {
          del.setString(1, agentId);
          del.setInt(2, version - keepVersions);
          del.executeUpdate();
        }
        c.commit();
        return version;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": saving the example bank of " + agentId + " failed: " + e.getMessage(), e);
    }
  }

  private static String jsonString(String s) {
    return s == null ? "null" : com.clickeen.sf.json.Json.text(s);
  }

  @Override
  public List<Example> examples(String agentId) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT id, agent_id, bank_version, interaction_id, score, intent, locale, "
             + "input_text, output_text, r2_key FROM sf_examples WHERE agent_id = ? AND bank_version = "
             + "(SELECT MAX(version) FROM sf_example_banks WHERE agent_id = ?) ORDER BY score DESC, id")) {
      ps.setString(1, agentId);
      ps.setString(2, agentId);
      List<Example> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Example(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getDouble(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading the examples of " + agentId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<InteractionRow> failuresSince(String agentId, long sinceMs, double belowScore, int limit) {
    return rows("SELECT " + ROW_COLUMNS + " FROM sf_interactions WHERE agent_id = ? AND created_at_ms >= ? "
        + "AND (valid = 0 OR (score IS NOT NULL AND score < ?) OR human_review = 'bad' OR o_abandoned = 1) "
        + "ORDER BY created_at_ms DESC LIMIT ?", ps -> {
          ps.setString(1, agentId);
          ps.setLong(2, sinceMs);
          ps.setDouble(3, belowScore);
          ps.setInt(4, limit);
        }, "reading failures of " + agentId);
  }

  @Override
  public void saveReport(Report r) {
    update("INSERT INTO sf_reports (id, agent_id, prompt_id, created_at_ms, report_json) VALUES (?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, r.id());
      ps.setString(2, r.agentId());
      ps.setString(3, r.promptId());
      ps.setLong(4, r.createdAtMs());
      ps.setString(5, r.json());
    }, "saving report " + r.id());
  }

  @Override
  public List<Report> reports(String agentId, int limit) {
    String sql = "SELECT id, agent_id, prompt_id, created_at_ms, report_json FROM sf_reports "
        + (agentId == null ? "" : "WHERE agent_id = ? ") + "ORDER BY created_at_ms DESC, id LIMIT ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (agentId != null) {
        ps.setString(i++, agentId);
      }
      ps.setInt(i, limit);
      List<Report> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading reports failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<InteractionKey> rawPayloadsBefore(long beforeMs, int limit) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT id, r2_key FROM sf_interactions WHERE created_at_ms < ? "
             + "AND raw_deleted_at_ms IS NULL ORDER BY created_at_ms LIMIT ?")) {
      ps.setLong(1, beforeMs);
      ps.setInt(2, limit);
      List<InteractionKey> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new InteractionKey(rs.getString(1), rs.getString(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading old raw payload keys failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void markRawDeleted(List<String> ids, long nowMs) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE sf_interactions SET raw_deleted_at_ms = ? WHERE id = ?")) {
        for (String id : ids) {
          ps.setLong(1, nowMs);
          ps.setString(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": marking raw payloads deleted failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int deleteSessionsBefore(long beforeMs) {
    return update("DELETE FROM sf_sessions WHERE created_at_ms < ? AND NOT EXISTS (SELECT 1 FROM sf_interactions i "
        + "WHERE i.session_id = sf_sessions.id AND i.agent_id = sf_sessions.agent_id AND i.created_at_ms >= ?)", ps -> {
          ps.setLong(1, beforeMs);
          ps.setLong(2, beforeMs);
        }, "deleting old sessions");
  }

  @Override
  public long startJobRun(String job, String trigger, long nowMs) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO sf_job_runs (job, trigger, started_at_ms, status) "
             + "VALUES (?, ?, ?, 'running')", java.sql.Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, job);
      ps.setString(2, trigger);
      ps.setLong(3, nowMs);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": recording the start of job " + job + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void finishJobRun(long runId, String status, String detail, String error, long nowMs) {
    update("UPDATE sf_job_runs SET status = ?, detail = ?, error = ?, finished_at_ms = ? WHERE id = ?", ps -> {
      ps.setString(1, status);
      ps.setString(2, detail);
      ps.setString(3, error);
      ps.setLong(4, nowMs);
      ps.setLong(5, runId);
    }, "recording the end of job run " + runId);
  }

  @Override
  public List<JobRun> jobRuns(String job, int limit) {
    String sql = "SELECT id, job, trigger, started_at_ms, finished_at_ms, status, detail, error FROM sf_job_runs "
        + (job == null ? "" : "WHERE job = ? ") + "ORDER BY id DESC LIMIT ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (job != null) {
        ps.setString(i++, job);
      }
      ps.setInt(i, limit);
      List<JobRun> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long fin = rs.getLong(5);
          Long finished = rs.wasNull() ? null : fin;
          out.add(new JobRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), finished, rs.getString(6),
              rs.getString(7), rs.getString(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading job runs failed: " + e.getMessage(), e);
    }
  }

  /** The data source, for db-scheduler (its table lives in this database). */
  javax.sql.DataSource dataSource() {
    return ds;
  }

  @Override
  public boolean upsertArticle(HelpArticle a) {
    try (Connection c = ds.getConnection()) {
      boolean existed;
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM sf_help_articles WHERE id = ?")) {
        q.setString(1, a.id());
        try (ResultSet rs = q.executeQuery()) {
          existed = rs.next();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO sf_help_articles (id, title, body, url, locale, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, url = excluded.url, "
              + "locale = excluded.locale, updated_at_ms = excluded.updated_at_ms")) {
        ps.setString(1, a.id());
        ps.setString(2, a.title());
        ps.setString(3, a.body());
        ps.setString(4, a.url());
        ps.setString(5, a.locale());
        ps.setLong(6, a.updatedAtMs());
        ps.executeUpdate();
      }
      return !existed;
    } catch (SQLException e) {
      throw new StoreException(name + ": storing help article " + a.id() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<HelpArticle> articles(int limit) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT id, title, body, url, locale, updated_at_ms FROM sf_help_articles ORDER BY updated_at_ms DESC, id LIMIT ?")) {
      ps.setInt(1, limit);
      List<HelpArticle> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new HelpArticle(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getLong(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(name + ": reading help articles failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    ds.close();
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static Double getDouble(ResultSet rs, int i) throws SQLException {
    double d = rs.getDouble(i);
    return rs.wasNull() ? null : d;
  }

  private static Integer getInt(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }
}
