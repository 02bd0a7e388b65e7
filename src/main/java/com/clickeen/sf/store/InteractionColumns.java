package com.clickeen.sf.store;

import com.clickeen.sf.store.OutcomeFlags.Flag;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * How an {@link InteractionRow} maps to {@code sf_interactions}, for every adapter that reads or writes whole
 * rows, and how an outcome flag is set on one. Booleans are stored as INTEGER 0/1, null as "not reported".
 */
final class InteractionColumns {
  private InteractionColumns() {}

  /** The row's own columns, as bound by {@link #bind}. */
  static final String FIELDS = "id, session_id, agent_id, created_at_ms, r2_key, score, prompt_id, provider, model, "
      + "prompt_tokens, completion_tokens, cost_usd, latency_ms, valid, error, subject_kind, subject_id, locale, user_id, "
      + "intent, result_outcome, applied, input_text, output_text, example_ids, env_stage, instance_public_id, mode";
  /** Named after the row's accessors ({@code valid} and {@code applied} go in as 0/1). */
  static final String FIELD_VALUES = ":id, :sessionId, :agentId, :createdAtMs, :r2Key, :score, :promptId, :provider, "
      + ":model, :promptTokens, :completionTokens, :costUsd, :latencyMs, :validFlag, :error, :subjectKind, :subjectId, "
      + ":locale, :userId, :intent, :resultOutcome, :appliedFlag, :inputText, :outputText, :exampleIdsJson, :envStage, "
      + ":instancePublicId, :mode";
  /** The outcome columns, as bound by {@link #bindOutcomes}. */
  static final String OUTCOMES = "o_continued, o_abandoned, o_follow_up, o_converted, o_paid, o_task_completed, "
      + "human_review, user_feedback";
  static final String OUTCOME_VALUES = ":o_continued, :o_abandoned, :o_follow_up, :o_converted, :o_paid, "
      + ":o_task_completed, :human_review, :user_feedback";
  /** Everything {@link #ROW} reads. */
  static final String ALL = FIELDS + ", " + OUTCOMES;

  static final RowMapper<InteractionRow> ROW = (rs, ctx) -> InteractionRow.builder()
      .id(rs.getString("id"))
      .sessionId(rs.getString("session_id"))
      .agentId(rs.getString("agent_id"))
      .createdAtMs(rs.getLong("created_at_ms"))
      .r2Key(rs.getString("r2_key"))
      .score(nullableDouble(rs, "score"))
      .promptId(rs.getString("prompt_id"))
      .provider(rs.getString("provider"))
      .model(rs.getString("model"))
      .promptTokens(nullableInt(rs, "prompt_tokens"))
      .completionTokens(nullableInt(rs, "completion_tokens"))
      .costUsd(nullableDouble(rs, "cost_usd"))
      .latencyMs(rs.getLong("latency_ms"))
      .valid(rs.getInt("valid") == 1)
      .error(rs.getString("error"))
      .subjectKind(rs.getString("subject_kind"))
      .subjectId(rs.getString("subject_id"))
      .locale(rs.getString("locale"))
      .userId(rs.getString("user_id"))
      .intent(rs.getString("intent"))
      .resultOutcome(rs.getString("result_outcome"))
      .applied(rs.getInt("applied") == 1)
      .inputText(rs.getString("input_text"))
      .outputText(rs.getString("output_text"))
      .exampleIdsJson(rs.getString("example_ids"))
      .envStage(rs.getString("env_stage"))
      .instancePublicId(rs.getString("instance_public_id"))
      .mode(rs.getString("mode"))
      .outcomes(outcomes(rs))
      .build();

  static <S extends SqlStatement<S>> S bind(S s, InteractionRow r) {
    return s.bindMethods(r).bind("validFlag", r.valid() ? 1 : 0).bind("appliedFlag", r.applied() ? 1 : 0);
  }

  static <S extends SqlStatement<S>> S bindOutcomes(S s, OutcomeFlags o) {
    String[] columns = {"o_continued", "o_abandoned", "o_follow_up", "o_converted", "o_paid", "o_task_completed"};
    Boolean[] flags = {o.continued(), o.abandoned(), o.followUp(), o.converted(), o.paid(), o.taskCompleted()};
    for (int i = 0; i < columns.length; i++) {
      s.bind(columns[i], flag(flags[i]));
    }
    return s.bind("human_review", o.humanReview()).bind("user_feedback", o.userFeedback());
  }

  /** Reads the outcome columns by name (present in the result under their own names). */
  static OutcomeFlags outcomes(ResultSet rs) throws SQLException {
    return outcomes(rs, rs.findColumn("o_continued"));
  }

  /** Reads the outcome columns by position: {@link #OUTCOMES}, in its order, from column {@code first} on. */
  static OutcomeFlags outcomes(ResultSet rs, int first) throws SQLException {
    return new OutcomeFlags(flag(rs, first), flag(rs, first + 1), flag(rs, first + 2), flag(rs, first + 3),
        flag(rs, first + 4), flag(rs, first + 5), rs.getString(first + 6), rs.getString(first + 7));
  }

  /** The column that holds {@code flag}. */
  static String column(Flag flag) {
    return switch (flag) {
      case CONTINUED -> "o_continued";
      case ABANDONED -> "o_abandoned";
      case FOLLOW_UP -> "o_follow_up";
      case CONVERTED -> "o_converted";
      case PAID -> "o_paid";
    };
  }

  /**
   * Applies a stored outcome event to its interaction, if indexed: the flag {@link OutcomeEvent} maps it to,
   * and a scoring mark. An event the mapping does not know only marks the interaction for scoring.
   */
  static void applyOutcome(Handle h, String requestId, String event) {
    String set = OutcomeEvent.fromWire(event).map(e -> column(e.sets()) + " = 1, ").orElse("");
    h.createUpdate("UPDATE sf_interactions SET " + set + "needs_score = 1 WHERE id = :id").bind("id", requestId).execute();
  }

  static Integer flag(Boolean b) {
    return b == null ? null : b ? 1 : 0;
  }

  static Boolean flag(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v == 1;
  }

  static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
