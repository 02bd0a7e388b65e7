package com.clickeen.sf.store;

import com.clickeen.sf.json.Json;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link ExampleBanks} on the SQL index. */
record SqlExampleBanks(SqlIndex sql) implements ExampleBanks {
  /** By position, written out: update-example-banks reads thousands per agent (a reflective mapper cost more CPU). */
  private static final RowMapper<ExampleCandidate> CANDIDATE = (rs, ctx) -> new ExampleCandidate(rs.getString(1),
      rs.getString(2), rs.getInt(3) == 1, rs.getDouble(4), rs.getString(5), rs.getString(6), rs.getString(7),
      rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11));
  private static final RowMapper<Example> EXAMPLE = ConstructorMapper.of(Example.class);

  @Override
  public List<ExampleCandidate> exampleCandidates(String agentId, double minScore, int limit) {
    // A pre-filter that the agent_score index serves; eligibility itself is ExampleSelector's rule.
    return sql.call("reading example candidates of " + agentId, h -> h.createQuery("SELECT id, agent_id, valid, score, "
            + "human_review, intent, locale, input_text, output_text, r2_key, created_at_ms FROM sf_interactions "
            + "WHERE agent_id = :agent AND valid = 1 AND (score >= :min OR human_review = 'golden') "
            + "ORDER BY CASE WHEN human_review = 'golden' THEN 0 ELSE 1 END, score DESC, created_at_ms DESC LIMIT :limit")
        .bind("agent", agentId)
        .bind("min", minScore)
        .bind("limit", limit)
        .map(CANDIDATE).list());
  }

  @Override
  public int saveExampleBank(String agentId, List<Example> examples, int candidates, long nowMs, int keepVersions) {
    return sql.inTransaction("saving the example bank of " + agentId, h -> {
      int version = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM sf_example_banks WHERE agent_id = :agent")
          .bind("agent", agentId).mapTo(Integer.class).one();
      h.createUpdate("INSERT INTO sf_example_banks (agent_id, version, built_at_ms, size, candidates) "
              + "VALUES (:agent, :version, :now, :size, :candidates)")
          .bind("agent", agentId)
          .bind("version", version)
          .bind("now", nowMs)
          .bind("size", examples.size())
          .bind("candidates", candidates)
          .execute();
      if (!examples.isEmpty()) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO sf_examples (id, agent_id, r2_key, score, tags_json, "
            + "bank_version, interaction_id, intent, locale, input_text, output_text, created_at_ms) VALUES (:id, :agent, "
            + ":r2_key, :score, :tags, :version, :interaction, :intent, :locale, :input, :output, :now)");
        for (Example e : examples) {
          batch.bind("id", agentId + ":v" + version + ":" + e.interactionId())
              .bind("agent", agentId)
              .bind("r2_key", e.r2Key() == null ? "" : e.r2Key())
              .bind("score", e.score())
              .bind("tags", "{\"intent\":" + jsonString(e.intent()) + ",\"locale\":" + jsonString(e.locale()) + "}")
              .bind("version", version)
              .bind("interaction", e.interactionId())
              .bind("intent", e.intent())
              .bind("locale", e.locale())
              .bind("input", e.inputText())
              .bind("output", e.outputText())
              .bind("now", nowMs)
              .add();
        }
        batch.execute();
      }
      h.createUpdate("DELETE FROM sf_examples WHERE agent_id = :agent AND bank_version <= :oldest")
          .bind("agent", agentId).bind("oldest", version - keepVersions).execute();
      return version;
    });
  }

  private static String jsonString(String s) {
    return s == null ? "null" : Json.text(s);
  }

  @Override
  public List<Example> examples(String agentId) {
    return sql.call("reading the examples of " + agentId, h -> h.createQuery("SELECT id, agent_id, bank_version, "
            + "interaction_id, score, intent, locale, input_text, output_text, r2_key FROM sf_examples WHERE agent_id = :agent "
            + "AND bank_version = (SELECT MAX(version) FROM sf_example_banks WHERE agent_id = :agent) ORDER BY score DESC, id")
        .bind("agent", agentId)
        .map(EXAMPLE).list());
  }
}
