package com.clickeen.sf.store;

import com.clickeen.sf.store.OutcomeFlags.Flag;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link Outcomes} on the SQL index. */
record SqlOutcomes(SqlIndex sql) implements Outcomes {
  private static final RowMapper<OutcomeRow> OUTCOME = ConstructorMapper.of(OutcomeRow.class);

  @Override
  public boolean attachOutcome(OutcomeRow o) {
    // The outcome row and the interaction's flag change together, or not at all: a repeat after a failure
    // is a duplicate, so a half-done attach would never be finished.
    return sql.inTransaction("attaching outcome " + o.event() + " to " + o.requestId(), h -> {
      boolean inserted = h.createUpdate("INSERT INTO sf_outcomes (request_id, event, session_id, occurred_at_ms, "
              + "received_at_ms, time_to_decision_ms, account_id_hash, workspace_id_hash) VALUES (:requestId, :event, "
              + ":sessionId, :occurredAtMs, :receivedAtMs, :timeToDecisionMs, :accountIdHash, :workspaceIdHash) "
              + "ON CONFLICT (request_id, event) DO NOTHING")
          .bindMethods(o).execute() > 0;
      if (inserted) {
        InteractionColumns.applyOutcome(h, o.requestId(), o.event());
      }
      return inserted;
    });
  }

  @Override
  public List<OutcomeRow> outcomes(String requestId) {
    return sql.call("reading outcomes of " + requestId, h -> h.createQuery("SELECT request_id, event, session_id, "
            + "occurred_at_ms, received_at_ms, time_to_decision_ms, account_id_hash, workspace_id_hash FROM sf_outcomes "
            + "WHERE request_id = :id ORDER BY occurred_at_ms, event")
        .bind("id", requestId).map(OUTCOME).list());
  }

  @Override
  public boolean recordEvent(EventRow e) {
    return sql.call("storing event " + e.id(), h -> h.createUpdate("INSERT INTO sf_events (id, type, session_id, user_id, "
            + "occurred_at_ms, received_at_ms) VALUES (:id, :type, :sessionId, :userId, :occurredAtMs, :receivedAtMs) "
            + "ON CONFLICT (id) DO NOTHING")
        .bindMethods(e).execute() > 0);
  }

  @Override
  public int attributeEvent(Flag flag, String sessionId, String userId, long fromMs, long toMs) {
    if (sessionId == null && userId == null) {
      throw new IllegalArgumentException("attributing a " + flag + " event needs a sessionId or a userId");
    }
    // A null subject id matches nothing: "session_id = NULL" is never true.
    return sql.call("attributing a " + flag + " event", h -> h.createUpdate("UPDATE sf_interactions SET "
            + InteractionColumns.column(flag) + " = 1, needs_score = 1 WHERE (session_id = :session OR user_id = :user) "
            + "AND created_at_ms >= :from AND created_at_ms <= :to")
        .bind("session", sessionId)
        .bind("user", userId)
        .bind("from", fromMs)
        .bind("to", toMs)
        .execute());
  }

  @Override
  public void markEventProcessed(String eventId, int attributed, long nowMs) {
    sql.call("marking event " + eventId, h -> h.createUpdate("UPDATE sf_events SET attributed_count = :n, "
            + "processed_at_ms = :now WHERE id = :id")
        .bind("n", attributed).bind("now", nowMs).bind("id", eventId).execute());
  }
}
