package com.clickeen.sf.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
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

  /** Adds the next version of an agent's prompt, inactive. */
  PromptVersion addPrompt(String agentId, String text, long nowMs);

  /** Makes {@code version} the one active version (an older one = rollback); false if it does not exist. */
  boolean activatePrompt(String agentId, int version);

  // --- interactions and sessions ----------------------------------------------------------------

  /**
   * Indexes an interaction and its session row. Idempotent by interaction id: a second call with the
   * same id changes nothing and returns false.
   */
  boolean recordInteraction(InteractionRow row, SessionRow session);

  /**
   * {@link #recordInteraction} for many at once, in one transaction (the interaction writer's batches).
   * Returns the ids that were new; rows whose id is already indexed change nothing.
   */
  Set<String> recordInteractions(List<Recorded> batch);

  /** Which of these interaction ids are already indexed. */
  Set<String> knownInteractionIds(Collection<String> ids);

  /** One interaction row and its session row (null when the call had no session). */
  record Recorded(InteractionRow row, SessionRow session) {}

  Optional<InteractionRow> interaction(String id);

  /** Bulk import (benchmarks, migrations): rows with their outcomes, in one transaction; existing ids are skipped. */
  int importInteractions(List<InteractionRow> rows);

  long countInteractions(String agentId);

  /** Agents that have interactions. */
  List<String> agentsWithInteractions();

  /** Interactions of an agent created at or after {@code sinceMs}, oldest first, page by page. */
  List<InteractionRow> interactionsSince(String agentId, long sinceMs, String afterId, int limit);

  // --- outcomes -----------------------------------------------------------------------------------

  /** Stores an outcome event; the same (requestId, event) twice changes nothing and returns false. */
  boolean attachOutcome(OutcomeRow row);

  List<OutcomeRow> outcomes(String requestId);

  /** Stores a conversion or payment event; false when the same event was stored before. */
  boolean recordEvent(EventRow event);

  /**
   * Sets business outcome {@code kind} ("converted" or "paid") on the subject's interactions created in
   * [fromMs, toMs] (both ends included) and marks them for scoring; returns how many were updated.
   */
  int attributeEvent(String kind, String sessionId, String userId, long fromMs, long toMs);

  void markEventProcessed(String eventId, int attributed, long nowMs);

  /** Human review ({@code good|bad|golden}), user feedback ({@code helpful|not-helpful}) and task completion; null leaves a field as it is. */
  boolean review(String interactionId, String humanReview, String userFeedback, Boolean taskCompleted);

  // --- scoring, examples, analysis ---------------------------------------------------------------

  /** Up to {@code limit} interactions whose score must be (re)computed, ordered by id after {@code afterId}. */
  List<ScoringRow> interactionsToScore(String afterId, int limit);

  /** Saves scores and clears the interactions' scoring marks, in one transaction. */
  void saveScores(List<Scored> scores, long nowMs);

  long countToScore();

  /** Valid, scored interactions of an agent with score ≥ {@code minScore}, or reviewed golden, best first. */
  List<ExampleCandidate> exampleCandidates(String agentId, double minScore, int limit);

  /** Stores a new version of an agent's example bank and drops versions older than {@code keepVersions}. */
  int saveExampleBank(String agentId, List<Example> examples, int candidates, long nowMs, int keepVersions);

  /** The examples of the agent's newest bank (empty when it has none). */
  List<Example> examples(String agentId);

  /** Interactions of an agent since {@code sinceMs} that the failure analysis looks at (invalid or low-scored). */
  List<InteractionRow> failuresSince(String agentId, long sinceMs, double belowScore, int limit);

  void saveReport(Report report);

  List<Report> reports(String agentId, int limit);

  // --- retention ---------------------------------------------------------------------------------

  /** Raw payload keys of interactions created before {@code beforeMs} whose payload is still stored. */
  List<InteractionKey> rawPayloadsBefore(long beforeMs, int limit);

  void markRawDeleted(List<String> interactionIds, long nowMs);

  int deleteSessionsBefore(long beforeMs);

  // --- job runs ----------------------------------------------------------------------------------

  long startJobRun(String job, String trigger, long nowMs);

  void finishJobRun(long runId, String status, String detail, String error, long nowMs);

  List<JobRun> jobRuns(String job, int limit);

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

  /**
   * One interaction's index row. Outcome flags are null until reported. {@code inputText} and
   * {@code outputText} are compact copies (the user's words, the result JSON) used to build examples
   * without reading raw payloads.
   */
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
      String locale,
      String userId,
      String intent,
      String resultOutcome,
      boolean applied,
      String inputText,
      String outputText,
      String exampleIdsJson,
      Outcomes outcomes) {

    /** A row as an execute writes it: no outcomes, review or score yet. */
    public static InteractionRow fresh(String id, String sessionId, String agentId, long createdAtMs, String r2Key,
        String promptId, String provider, String model, Integer promptTokens, Integer completionTokens, Double costUsd,
        long latencyMs, boolean valid, String error, String subjectKind, String subjectId, String locale, String userId,
        String intent, String resultOutcome, boolean applied, String inputText, String outputText, String exampleIdsJson) {
      return new InteractionRow(id, sessionId, agentId, createdAtMs, r2Key, null, promptId, provider, model, promptTokens,
          completionTokens, costUsd, latencyMs, valid, error, subjectKind, subjectId, locale, userId, intent,
          resultOutcome, applied, inputText, outputText, exampleIdsJson, Outcomes.NONE);
    }
  }

  /** Behavioural and business outcomes, human review and user feedback of an interaction. */
  record Outcomes(Boolean continued, Boolean abandoned, Boolean followUp, Boolean converted, Boolean paid,
      Boolean taskCompleted, String humanReview, String userFeedback) {
    public static final Outcomes NONE = new Outcomes(null, null, null, null, null, null, null, null);
  }

  /** What scoring needs of an interaction, and nothing more (it reads a million of them). */
  record ScoringRow(String id, String agentId, boolean valid, boolean applied, Outcomes outcomes) {}

  record Scored(String id, double score) {}

  record ExampleCandidate(String interactionId, String agentId, double score, String humanReview, String intent,
      String locale, String inputText, String outputText, String r2Key, long createdAtMs) {}

  record Example(String id, String agentId, int bankVersion, String interactionId, double score, String intent,
      String locale, String inputText, String outputText, String r2Key) {}

  record EventRow(String id, String type, String sessionId, String userId, long occurredAtMs, long receivedAtMs) {}

  record Report(String id, String agentId, String promptId, long createdAtMs, String json) {}

  record InteractionKey(String id, String r2Key) {}

  record JobRun(long id, String job, String trigger, long startedAtMs, Long finishedAtMs, String status, String detail,
      String error) {}

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
