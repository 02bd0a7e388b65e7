package com.clickeen.sf.learning;

import java.util.Set;

/**
 * A conversion or payment event ({@code POST /v1/learning/events}), bound from JSON by the API but not yet
 * validated: {@link LearningEvents#accept} checks it. Absent or JSON-null fields are {@code null}; fields
 * present with the wrong JSON type are {@code null} and named in {@code malformed}.
 */
public record EventRequest(String type, String sessionId, String userId, Long occurredAtMs, Set<String> malformed) {

  public EventRequest {
    malformed = Set.copyOf(malformed);
  }

  /** A well-typed event (tools and tests). */
  public static EventRequest of(String type, String sessionId, String userId, long occurredAtMs) {
    return new EventRequest(type, sessionId, userId, occurredAtMs, Set.of());
  }
}
