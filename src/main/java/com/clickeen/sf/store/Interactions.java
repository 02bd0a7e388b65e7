package com.clickeen.sf.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The interaction index (the spec's D1 {@code sf_interactions} and {@code sf_sessions}): what the interaction
 * writer records, what exports and failure analysis read, and what retention trims.
 */
public interface Interactions {

  /**
   * Indexes an interaction and its session row. Idempotent by interaction id: a second call with the
   * same id changes nothing and returns false. Outcomes that arrived before the interaction are applied.
   */
  boolean recordInteraction(InteractionRow row, SessionRow session);

  /**
   * {@link #recordInteraction} for many at once, in one transaction (the interaction writer's batches).
   * Returns the ids that were new; rows whose id is already indexed change nothing.
   */
  Set<String> recordInteractions(List<Recorded> batch);

  /** Which of these interaction ids are already indexed. */
  Set<String> knownInteractionIds(Collection<String> ids);

  Optional<InteractionRow> interaction(String id);

  /** Bulk import (benchmarks, migrations): rows with their outcomes, in one transaction; existing ids are skipped. */
  int importInteractions(List<InteractionRow> rows);

  /** Interactions of an agent, or of all agents when {@code agentId} is null. */
  long countInteractions(String agentId);

  /** Interactions of an agent created at or after {@code sinceMs}. */
  long countInteractionsSince(String agentId, long sinceMs);

  /** Agents that have interactions. */
  List<String> agentsWithInteractions();

  /** Interactions of an agent created at or after {@code sinceMs}, oldest first, page by page. */
  List<InteractionRow> interactionsSince(String agentId, long sinceMs, String afterId, int limit);

  /** Raw payload keys of interactions created before {@code beforeMs} whose payload is still stored. */
  List<InteractionKey> rawPayloadsBefore(long beforeMs, int limit);

  void markRawDeleted(List<String> interactionIds, long nowMs);

  /** Deletes session rows created before {@code beforeMs} that have no interaction since; returns how many. */
  int deleteSessionsBefore(long beforeMs);

  /**
   * One page of interactions matching {@code q}, newest first (creation time, then id); the next page starts
   * after the last row returned.
   */
  List<InteractionRow> search(InteractionQuery q);

  /** An agent's interactions created in [fromMs, toMs), summed per UTC day, oldest day first; days without any are left out. */
  List<DayStats> dailyStats(String agentId, long fromMs, long toMs);

  /** When the first and the last interaction were created; empty when there is none. */
  Optional<TimeRange> timeRange();

  record TimeRange(long firstMs, long lastMs) {}

  record SessionRow(String id, String agentId, long createdAtMs, String subjectKind, String subjectId, String locale) {}

  /** One interaction row and its session row (null when the call had no session). */
  record Recorded(InteractionRow row, SessionRow session) {}

  record InteractionKey(String id, String r2Key) {}
}
