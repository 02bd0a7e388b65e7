package com.clickeen.sf.learning;

import com.clickeen.sf.store.InteractionRow;

/**
 * What the failure analysis counts as a failure: an invalid result, a score below {@code belowScore}, a
 * {@code bad} human review, or an edit the user undid ({@code ux_undo}). The one definition: the store's
 * read ({@code FailureReports.failuresSince}) only narrows to these, and {@link AnalyzeFailures} applies this.
 */
public record FailureCriteria(double belowScore) {

  public boolean isFailure(InteractionRow r) {
    return !r.valid()
        || (r.score() != null && r.score() < belowScore)
        || "bad".equals(r.outcomes().humanReview())
        || Boolean.TRUE.equals(r.outcomes().abandoned());
  }
}
