package com.clickeen.sf.store;

import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.Experiment.Metric;
import com.clickeen.sf.learning.experiments.Experiment.Status;
import com.clickeen.sf.learning.experiments.ExperimentStore;
import com.clickeen.sf.learning.experiments.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link ExperimentStore} on the SQL index ({@code sf_experiments}, {@code sf_exposures}, {@code sf_experiment_log}). */
record SqlExperiments(SqlIndex sql) implements ExperimentStore {
  private static final String COLUMNS = "id, agent_id, control_version, candidate_version, traffic, metric, maturity_ms, "
      + "max_duration_ms, auto_promote, status, started_at_ms, ended_at_ms, decision";
  private static final RowMapper<Experiment> ROW = (rs, ctx) -> {
    long ended = rs.getLong("ended_at_ms");
    Long endedAt = rs.wasNull() ? null : ended;
    return new Experiment(rs.getString("id"), rs.getString("agent_id"), rs.getInt("control_version"),
        rs.getInt("candidate_version"), rs.getDouble("traffic"), Metric.parse(rs.getString("metric")),
        Duration.ofMillis(rs.getLong("maturity_ms")), Duration.ofMillis(rs.getLong("max_duration_ms")),
        rs.getInt("auto_promote") == 1, Status.parse(rs.getString("status")), rs.getLong("started_at_ms"), endedAt,
        rs.getString("decision"));
  };
  private static final RowMapper<DecisionRecord> DECISION = ConstructorMapper.of(DecisionRecord.class);

  @Override
  public boolean create(Experiment e) {
    // The open_agent column is unique: a second open experiment for the agent conflicts and inserts nothing.
    return sql.call("starting experiment " + e.id(), h -> h.createUpdate("INSERT INTO sf_experiments (" + COLUMNS
            + ", open_agent) VALUES (:id, :agentId, :controlVersion, :candidateVersion, :traffic, :metric, :maturity, "
            + ":maxDuration, :autoPromote, :status, :startedAtMs, :endedAtMs, :decision, :agentId) ON CONFLICT DO NOTHING")
        .bindMethods(e)
        .bind("metric", e.metric().label())
        .bind("maturity", e.maturity().toMillis())
        .bind("maxDuration", e.maxDuration().toMillis())
        .bind("autoPromote", e.autoPromote() ? 1 : 0)
        .bind("status", e.status().label())
        .execute() > 0);
  }

  @Override
  public Optional<Experiment> find(String id) {
    return sql.call("reading experiment " + id, h -> h.createQuery("SELECT " + COLUMNS + " FROM sf_experiments WHERE id = :id")
        .bind("id", id).map(ROW).findFirst());
  }

  @Override
  public List<Experiment> list(String agentId, int limit) {
    return sql.call("listing experiments", h -> h.createQuery("SELECT " + COLUMNS + " FROM sf_experiments "
            + "WHERE (CAST(:agent AS TEXT) IS NULL OR agent_id = :agent) ORDER BY started_at_ms DESC, id LIMIT :limit")
        .bind("agent", agentId).bind("limit", limit).map(ROW).list());
  }

  @Override
  public List<Experiment> running() {
    return sql.call("listing running experiments", h -> h.createQuery("SELECT " + COLUMNS + " FROM sf_experiments "
        + "WHERE status = :status ORDER BY started_at_ms").bind("status", Status.RUNNING.label()).map(ROW).list());
  }

  @Override
  public void recordExposures(List<Exposure> exposures) {
    if (exposures.isEmpty()) {
      return;
    }
    sql.inTransaction("recording " + exposures.size() + " experiment exposure(s)", h -> {
      var batch = h.prepareBatch("INSERT INTO sf_exposures (interaction_id, experiment_id, arm, created_at_ms) "
          + "VALUES (:interactionId, :experimentId, :arm, :createdAtMs) ON CONFLICT (interaction_id) DO NOTHING");
      for (Exposure x : exposures) {
        batch.bindMethods(x).bind("arm", x.arm().label()).add();
      }
      return batch.execute();
    });
  }

  @Override
  public boolean transition(String id, Status from, Experiment to) {
    return sql.inTransaction("moving experiment " + id + " to " + to.status().label(), h -> {
      boolean moved = h.createUpdate("UPDATE sf_experiments SET status = :to, ended_at_ms = :ended, decision = :decision, "
              + "open_agent = " + (to.status().open() ? "agent_id" : "NULL") + " WHERE id = :id AND status = :from")
          .bind("to", to.status().label()).bind("ended", to.endedAtMs()).bind("decision", to.decision())
          .bind("id", id).bind("from", from.label()).execute() > 0;
      if (moved && to.status() == Status.PROMOTED) {
        SqlPromptVersions.activate(h, to.agentId(), to.candidateVersion());
      }
      return moved;
    });
  }

  @Override
  public List<Observation> observations(Experiment e, long matureBeforeMs) {
    return sql.call("reading the exposures of " + e.id(), h -> h.createQuery("SELECT x.arm, i.created_at_ms, i.valid, "
            + "i.o_abandoned, i.score, i.needs_score, i.o_converted, i.latency_ms, i.cost_usd FROM sf_exposures x "
            + "JOIN sf_interactions i ON i.id = x.interaction_id WHERE x.experiment_id = :id")
        .bind("id", e.id())
        .map((rs, ctx) -> {
          long created = rs.getLong("created_at_ms");
          double score = rs.getDouble("score");
          Double scored = rs.wasNull() ? null : score;
          Double metric = e.metric().value(created, matureBeforeMs, scored, rs.getInt("needs_score") == 1,
              rs.getInt("o_converted") == 1);
          return new Observation(Arm.parse(rs.getString("arm")), created, rs.getInt("valid") == 1,
              rs.getInt("o_abandoned") == 1, metric, rs.getLong("latency_ms"), rs.getDouble("cost_usd"));
        }).list());
  }

  @Override
  public void log(DecisionRecord r) {
    sql.call("logging a decision of " + r.experimentId(), h -> h.createUpdate("INSERT INTO sf_experiment_log "
            + "(experiment_id, at_ms, verdict, applied, reason, stats_json) VALUES (:experimentId, :atMs, :verdict, "
            + ":appliedFlag, :reason, :statsJson)")
        .bindMethods(r).bind("appliedFlag", r.applied() ? 1 : 0).execute());
  }

  @Override
  public List<DecisionRecord> decisions(String experimentId, int limit) {
    return sql.call("reading the decision log of " + experimentId, h -> h.createQuery("SELECT experiment_id, at_ms, "
            + "verdict, applied, reason, stats_json FROM sf_experiment_log WHERE experiment_id = :id ORDER BY id LIMIT :limit")
        .bind("id", experimentId).bind("limit", limit).map(DECISION).list());
  }
}
