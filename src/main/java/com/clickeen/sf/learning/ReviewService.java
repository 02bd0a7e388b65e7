package com.clickeen.sf.learning;

import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.NotFoundException;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.store.Reviews;
import java.util.ArrayList;
import java.util.List;

/**
 * Human review ({@code good | bad | golden}), user feedback ({@code helpful | not-helpful}) and task completion
 * recorded on a logged interaction; scoring and the example banks read them.
 */
public final class ReviewService {
  private static final List<String> REVIEWS = List.of("good", "bad", "golden");
  private static final List<String> FEEDBACK = List.of("helpful", "not-helpful");

  private final Reviews index;

  public ReviewService(Reviews index) {
    this.index = index;
  }

  /**
   * Validates and stores a review; all problems are reported together. The interaction must already be in the
   * index (an answer still on the durable queue is not).
   */
  public void review(ReviewRequest r) throws InvalidInputException, NotFoundException {
    List<ValidationIssue> issues = new ArrayList<>();
    String id = r.interactionId();
    if (id == null || !OutcomeService.ID.matcher(id).matches()) {
      issues.add(new ValidationIssue("$.interactionId", "is required (1..128 characters of [A-Za-z0-9._:-])"));
    }
    if (r.malformed().contains("humanReview") || (r.humanReview() != null && !REVIEWS.contains(r.humanReview()))) {
      issues.add(new ValidationIssue("$.humanReview", "must be good, bad or golden"));
    }
    if (r.malformed().contains("userFeedback") || (r.userFeedback() != null && !FEEDBACK.contains(r.userFeedback()))) {
      issues.add(new ValidationIssue("$.userFeedback", "must be helpful or not-helpful"));
    }
    if (r.malformed().contains("taskCompleted")) {
      issues.add(new ValidationIssue("$.taskCompleted", "must be a boolean"));
    }
    if (issues.isEmpty() && r.humanReview() == null && r.userFeedback() == null && r.taskCompleted() == null) {
      issues.add(new ValidationIssue("$", "needs humanReview, userFeedback or taskCompleted"));
    }
    if (!issues.isEmpty()) {
      throw new InvalidInputException("review body is invalid", issues);
    }
    if (!index.review(id, r.humanReview(), r.userFeedback(), r.taskCompleted())) {
      throw new NotFoundException("no interaction " + id + " (it may still be in the queue)");
    }
  }
}
