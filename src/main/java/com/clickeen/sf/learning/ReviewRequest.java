package com.clickeen.sf.learning;

import java.util.Set;

/**
 * Human review and user feedback on one interaction ({@code POST /v1/learning/review}), bound from JSON by the
 * API but not yet validated: {@link ReviewService#review} checks it. An absent field is {@code null}; a field
 * present with the wrong JSON type (JSON null included) is {@code null} and named in {@code malformed}.
 */
public record ReviewRequest(String interactionId, String humanReview, String userFeedback, Boolean taskCompleted,
    Set<String> malformed) {

  public ReviewRequest {
    malformed = Set.copyOf(malformed);
  }
}
