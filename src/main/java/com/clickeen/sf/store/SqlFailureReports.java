package com.clickeen.sf.store;

import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link FailureReports} on the SQL index. */
record SqlFailureReports(SqlIndex sql) implements FailureReports {
  private static final RowMapper<Report> REPORT = ConstructorMapper.of(Report.class);

  @Override
  public List<InteractionRow> failuresSince(String agentId, long sinceMs, double belowScore, int limit) {
    // Narrows the read to rows that may be failures, so that the limit counts only those; the rule itself
    // is FailureCriteria's, which the caller applies (and a contract test holds this filter to).
    return sql.call("reading failures of " + agentId, h -> h.createQuery("SELECT " + InteractionColumns.ALL
            + " FROM sf_interactions WHERE agent_id = :agent AND created_at_ms >= :since "
            + "AND (valid = 0 OR score < :below OR human_review = 'bad' OR o_abandoned = 1) "
            + "ORDER BY created_at_ms DESC LIMIT :limit")
        .bind("agent", agentId)
        .bind("since", sinceMs)
        .bind("below", belowScore)
        .bind("limit", limit)
        .map(InteractionColumns.ROW).list());
  }

  @Override
  public void saveReport(Report r) {
    sql.call("saving report " + r.id(), h -> h.createUpdate("INSERT INTO sf_reports (id, agent_id, prompt_id, "
        + "created_at_ms, report_json) VALUES (:id, :agentId, :promptId, :createdAtMs, :json)").bindMethods(r).execute());
  }

  @Override
  public List<Report> reports(String agentId, int limit) {
    return sql.call("reading reports", h -> h.createQuery("SELECT id, agent_id, prompt_id, created_at_ms, "
            + "report_json AS json FROM sf_reports WHERE (CAST(:agent AS TEXT) IS NULL OR agent_id = :agent) "
            + "ORDER BY created_at_ms DESC, id LIMIT :limit")
        .bind("agent", agentId).bind("limit", limit).map(REPORT).list());
  }
}
