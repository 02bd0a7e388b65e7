package com.clickeen.sf.store;

import java.util.List;
import java.util.Optional;

/**
 * The queryable index (the spec's D1): sessions, interactions, outcomes, prompt versions and examples.
 * It speaks in domain verbs; each SQL backend implements them with its own dialect.
 */
public interface IndexStore extends AutoCloseable {

  // --- prompt versions -------------------------------------------------------------------------

  /** The active prompt version of an agent, if any. */
  Optional<PromptVersion> activePrompt(String agentId);

  /** Inserts {@code text} as version 1, active, unless the agent already has a prompt. */
  boolean seedPrompt(String agentId, String text, long nowMs);

  List<PromptVersion> prompts(String agentId);

  // --- interactions and sessions ----------------------------------------------------------------

  /**
   * Indexes an interaction and its session row. Idempotent by interaction id: a second call with the
   * same id changes nothing and returns false.
   */
  boolean recordInteraction(InteractionRow row, SessionRow session);

  Optional<InteractionRow> interaction(String id);

  long countInteractions(String agentId);

  // --- outcomes -----------------------------------------------------------------------------------

  /** Stores an outcome event; the same (requestId, event) twice changes nothing and returns false. */
  boolean attachOutcome(OutcomeRow row);

  List<OutcomeRow> outcomes(String requestId);

  // --- help articles ------------------------------------------------------------------------------

  /** Adds or replaces a help article; returns true when it was new. */
  boolean upsertArticle(HelpArticle article);

  /** All stored help articles (at most {@code limit}), newest first. */
  List<HelpArticle> articles(int limit);

  @Override
  void close();

  record HelpArticle(String id, String title, String body, String url, String locale, long updatedAtMs) {}

  record PromptVersion(String id, String agentId, int version, String text, long createdAtMs, boolean active) {}

  record SessionRow(String id, String agentId, long createdAtMs, String subjectKind, String subjectId, String locale) {}

  record InteractionRow(
      String id,
      String sessionId,
      String agentId,
      long createdAtMs,
      String r2Key,
      Double score,
      String promptId,
      String provider,
      String model,
      Integer promptTokens,
      Integer completionTokens,
      Double costUsd,
      long latencyMs,
      boolean valid,
      String error,
      String subjectKind,
      String subjectId,
      String locale) {}

  record OutcomeRow(
      String requestId,
      String event,
      String sessionId,
      long occurredAtMs,
      long receivedAtMs,
      Long timeToDecisionMs,
      String accountIdHash,
      String workspaceIdHash) {}
}
