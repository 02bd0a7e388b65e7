package com.clickeen.sf.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link PromptVersions} on the SQL index. */
record SqlPromptVersions(SqlIndex sql) implements PromptVersions {
  private static final String SELECT = "SELECT id, agent_id, version, prompt_text AS text, created_at_ms, "
      + "is_active AS active FROM sf_prompts ";
  private static final RowMapper<PromptVersion> ROW = ConstructorMapper.of(PromptVersion.class);


  @Override
  public Optional<PromptVersion> activePrompt(String agentId) {
    return sql.call("reading the active prompt of " + agentId, h -> h.createQuery(SELECT
        + "WHERE agent_id = :agent AND is_active = 1").bind("agent", agentId).map(ROW).findFirst());
  }

  @Override
  public List<PromptVersion> prompts(String agentId) {
    return sql.call("reading prompts of " + agentId, h -> h.createQuery(SELECT + "WHERE agent_id = :agent ORDER BY version")
        .bind("agent", agentId).map(ROW).list());
  }

  @Override
  public boolean seedPrompt(String agentId, String text, long nowMs) {
    return sql.call("seeding the v1 prompt of " + agentId, h -> h.createUpdate("INSERT INTO sf_prompts (id, agent_id, "
            + "version, prompt_text, created_at_ms, is_active) SELECT CAST(:id AS TEXT), CAST(:agent AS TEXT), 1, "
            + "CAST(:text AS TEXT), CAST(:now AS BIGINT), 1 WHERE NOT EXISTS (SELECT 1 FROM sf_prompts WHERE agent_id = :agent) "
            + "ON CONFLICT DO NOTHING")
        .bind("id", agentId + "@v1")
        .bind("agent", agentId)
        .bind("text", text)
        .bind("now", nowMs)
        .execute() > 0);
  }

  @Override
  public PromptVersion addPrompt(String agentId, String text, long nowMs) {
    return sql.inTransaction("adding a prompt version for " + agentId, h -> {
      int next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM sf_prompts WHERE agent_id = :agent")
          .bind("agent", agentId).mapTo(Integer.class).one();
      PromptVersion v = new PromptVersion(agentId + "@v" + next, agentId, next, text, nowMs, false);
      h.createUpdate("INSERT INTO sf_prompts (id, agent_id, version, prompt_text, created_at_ms, is_active) "
              + "VALUES (:id, :agent, :version, :text, :now, 0)")
          .bind("id", v.id())
          .bind("agent", agentId)
          .bind("version", next)
          .bind("text", text)
          .bind("now", nowMs)
          .execute();
      return v;
    });
  }

  @Override
  public PromptVersion addCandidate(String agentId, String text, Provenance p, long nowMs) {
    return sql.inTransaction("adding a candidate prompt for " + agentId, h -> {
      int next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM sf_prompts WHERE agent_id = :agent")
          .bind("agent", agentId).mapTo(Integer.class).one();
      PromptVersion v = new PromptVersion(agentId + "@v" + next, agentId, next, text, nowMs, false);
      h.createUpdate("INSERT INTO sf_prompts (id, agent_id, version, prompt_text, created_at_ms, is_active, origin, "
              + "parent_version, report_id, proposer, rationale) VALUES (:id, :agent, :version, :text, :now, 0, 'candidate', "
              + ":parent, :report, :proposer, :rationale)")
          .bind("id", v.id()).bind("agent", agentId).bind("version", next).bind("text", text).bind("now", nowMs)
          .bind("parent", p.parentVersion()).bind("report", p.reportId()).bind("proposer", p.proposer())
          .bind("rationale", p.rationale())
          .execute();
      return v;
    });
  }

  @Override
  public Optional<Provenance> provenance(String agentId, int version) {
    return sql.call("reading the provenance of " + agentId + " v" + version, h -> h.createQuery("SELECT origin, "
            + "parent_version, report_id, proposer, rationale, gate_json FROM sf_prompts WHERE agent_id = :agent "
            + "AND version = :version").bind("agent", agentId).bind("version", version)
        .map(ConstructorMapper.of(Provenance.class)).findFirst());
  }

  @Override
  public boolean saveGate(String agentId, int version, String gateJson) {
    return sql.call("storing the gate result of " + agentId + " v" + version, h -> h.createUpdate("UPDATE sf_prompts "
            + "SET gate_json = :gate WHERE agent_id = :agent AND version = :version")
        .bind("gate", gateJson).bind("agent", agentId).bind("version", version).execute() > 0);
  }

  @Override
  public boolean activatePrompt(String agentId, int version) {
    return sql.inTransaction("activating " + agentId + " v" + version, h -> activate(h, agentId, version));
  }

  /** Makes {@code version} the one active version inside the caller's transaction; false if it does not exist. */
  static boolean activate(org.jdbi.v3.core.Handle h, String agentId, int version) {
    boolean exists = h.createQuery("SELECT 1 FROM sf_prompts WHERE agent_id = :agent AND version = :version")
        .bind("agent", agentId).bind("version", version).mapTo(Integer.class).findFirst().isPresent();
    if (exists) {
      h.createUpdate("UPDATE sf_prompts SET is_active = 0 WHERE agent_id = :agent AND is_active = 1")
          .bind("agent", agentId).execute();
      // A candidate that becomes active has been promoted (by an experiment, or by a person who chose to).
      h.createUpdate("UPDATE sf_prompts SET is_active = 1, origin = CASE WHEN origin = 'candidate' THEN 'promoted' "
              + "ELSE origin END WHERE agent_id = :agent AND version = :version")
          .bind("agent", agentId).bind("version", version).execute();
    }
    return exists;
  }
}
