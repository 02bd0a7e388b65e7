package com.clickeen.sf.sessions;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's hot state: who it belongs to and its last turns (oldest first).
 *
 * @param turns at most {@link SessionStore#MAX_TURNS} exchanges, oldest first
 * @param state what an agent keeps between turns (the editor's edits waiting for confirmation); may be null
 */
public record Session(
    String agentId,
    String sessionId,
    String subjectKind,
    String subjectId,
    String locale,
    long createdAtMs,
    long updatedAtMs,
    List<Turn> turns,
    com.fasterxml.jackson.databind.JsonNode state) {

  /** One exchange: what the user said and what the agent answered. */
  public record Turn(String user, String assistant, String requestId, long atMs) {}

  public Session {
    turns = List.copyOf(turns);
  }

  /** This session with one more turn, keeping only the newest {@code maxTurns}. */
  public Session withTurn(Turn turn, int maxTurns, long nowMs) {
    List<Turn> next = new ArrayList<>(turns);
    next.add(turn);
    while (next.size() > maxTurns) {
      next.removeFirst();
    }
    return new Session(agentId, sessionId, subjectKind, subjectId, locale, createdAtMs, nowMs, next, state);
  }

  public Session withState(com.fasterxml.jackson.databind.JsonNode newState) {
    return new Session(agentId, sessionId, subjectKind, subjectId, locale, createdAtMs, updatedAtMs, turns, newState);
  }
}
