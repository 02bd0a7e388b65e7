package com.clickeen.sf.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
                 + "SELECT ?, ?, 1, ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM sf_prompts WHERE agent_id = ?) "
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

  @Override
  public boolean recordInteraction(InteractionRow r, SessionRow session) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean inserted;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO sf_interactions (id, session_id, agent_id, created_at_ms, r2_key, score, prompt_id, provider, model, "
                + "prompt_tokens, completion_tokens, cost_usd, latency_ms, valid, error, subject_kind, subject_id, locale) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
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
          ps.setString(i, r.locale());
          inserted = ps.executeUpdate() > 0;
        }
        if (session != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO sf_sessions (id, agent_id, created_at_ms, subject_kind, subject_id, locale) "
                  + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id, agent_id) DO NOTHING")) {
            ps.setString(1, session.id());
            ps.setString(2, session.agentId());
            ps.setLong(3, session.createdAtMs());
            ps.setString(4, session.subjectKind());
            ps.setString(5, session.subjectId());
            ps.setString(6, session.locale());
            ps.executeUpdate();
          }
        }
        c.commit();
        return inserted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": recording interaction " + r.id() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InteractionRow> interaction(String id) {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT id, session_id, agent_id, created_at_ms, r2_key, score, prompt_id, provider, model, prompt_tokens, "
                 + "completion_tokens, cost_usd, latency_ms, valid, error, subject_kind, subject_id, locale "
                 + "FROM sf_interactions WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new InteractionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(5), getDouble(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9), getInt(rs, 10),
            getInt(rs, 11), getDouble(rs, 12), rs.getLong(13), rs.getInt(14) == 1, rs.getString(15), rs.getString(16),
            rs.getString(17), rs.getString(18)));
      }
    } catch (SQLException e) {
      throw new StoreException(name + ": reading interaction " + id + " failed: " + e.getMessage(), e);
    }
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
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO sf_outcomes (request_id, event, session_id, occurred_at_ms, received_at_ms, time_to_decision_ms, "
                 + "account_id_hash, workspace_id_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                 + "ON CONFLICT (request_id, event) DO NOTHING")) {
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
      return ps.executeUpdate() > 0;
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
