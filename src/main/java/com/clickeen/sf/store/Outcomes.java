package com.clickeen.sf.store;

import com.clickeen.sf.store.OutcomeFlags.Flag;
import java.util.List;

/**
 * Outcomes of interactions: the events Paris reports per request ({@code sf_outcomes}), and the conversion
 * and payment events attributed to a subject's recent interactions ({@code sf_events}). Which flag an
 * event sets is {@link OutcomeEvent}'s rule; the adapters only apply it.
 */
public interface Outcomes {

  /**
   * Stores an outcome event and sets the flag {@link OutcomeEvent} maps it to on the interaction (now, or
   * when the interaction is recorded later); the same (requestId, event) twice changes nothing and returns false.
   */
  boolean attachOutcome(OutcomeRow row);

  /** The outcome events of a request, in the order they occurred. */
  List<OutcomeRow> outcomes(String requestId);

  /** Stores a conversion or payment event; false when the same event was stored before. */
  boolean recordEvent(EventRow event);

  /**
   * Sets business outcome {@code flag} on the subject's interactions created in [fromMs, toMs] (both ends
   * included) and marks them for scoring; returns how many were updated.
   */
  int attributeEvent(Flag flag, String sessionId, String userId, long fromMs, long toMs);

  void markEventProcessed(String eventId, int attributed, long nowMs);

  record OutcomeRow(
      String requestId,
      String event,
      String sessionId,
      long occurredAtMs,
      long receivedAtMs,
      Long timeToDecisionMs,
      String accountIdHash,
      String workspaceIdHash) {}

  record EventRow(String id, String type, String sessionId, String userId, long occurredAtMs, long receivedAtMs) {}
}
