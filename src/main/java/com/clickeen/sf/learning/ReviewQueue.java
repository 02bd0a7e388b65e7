package com.clickeen.sf.learning;

import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.NotFoundException;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.Reviews;
import com.clickeen.sf.store.Reviews.Tier;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The human review queue: one interaction at a time, invalid results first, then those the user undid, then
 * low scores (below {@link #LOW_SCORE}), then a random sample; nothing anyone has reviewed, and nothing the
 * reviewer has already seen (reviewed or skipped).
 */
public final class ReviewQueue {
  /** Scores below this are "low" (the failure analysis' threshold). */
  public static final double LOW_SCORE = 0.4;

  private final Reviews reviews;
  private final Interactions interactions;
  private final ReviewService service;
  private final Clock clock;
  private final RandomGenerator random;
  private final java.util.List<String> agents;

  /** @param agents the agents whose low scores are looked at (the registry's) */
  public ReviewQueue(Reviews reviews, Interactions interactions, java.util.List<String> agents, Clock clock,
      RandomGenerator random) {
    this.agents = java.util.List.copyOf(agents);
    this.reviews = reviews;
    this.interactions = interactions;
    this.service = new ReviewService(reviews);
    this.clock = clock;
    this.random = random;
  }

  /** One interaction to review and why it is in the queue. */
  public record Item(InteractionRow row, Tier tier) {}

  /** The next interaction for {@code reviewer}; empty when there is nothing left they have not seen. */
  public Optional<Item> next(String reviewer) {
    for (Tier tier : Tier.values()) {
      long pivot = 0;
      if (tier == Tier.SAMPLE) {
        Optional<Interactions.TimeRange> range = interactions.timeRange();
        if (range.isEmpty()) {
          return Optional.empty();
        }
        pivot = range.get().firstMs() + (long) (random.nextDouble() * (range.get().lastMs() - range.get().firstMs() + 1));
      }
      Optional<InteractionRow> row = tier == Tier.LOW_SCORE ? lowest(reviewer)
          : reviews.nextToReview(reviewer, tier, null, LOW_SCORE, pivot);
      if (row.isPresent()) {
        return Optional.of(new Item(row.get(), tier));
      }
    }
    return Optional.empty();
  }

  /** The lowest-scored waiting interaction over the agents (each agent's is one index read). */
  private Optional<InteractionRow> lowest(String reviewer) {
    Optional<InteractionRow> best = Optional.empty();
    for (String agent : agents) {
      Optional<InteractionRow> r = reviews.nextToReview(reviewer, Tier.LOW_SCORE, agent, LOW_SCORE, 0);
      if (r.isPresent() && (best.isEmpty() || r.get().score() < best.get().score())) {
        best = r;
      }
    }
    return best;
  }

  /** Stores a review (validated as the API does) and takes the interaction out of the reviewer's queue. */
  public void review(String reviewer, ReviewRequest request) throws InvalidInputException, NotFoundException {
    service.review(request);
    reviews.markSeen(reviewer, request.interactionId(), "reviewed", clock.millis());
  }

  /** Takes an interaction out of the reviewer's queue without a review. */
  public void skip(String reviewer, String interactionId) throws NotFoundException {
    if (interactions.interaction(interactionId).isEmpty()) {
      throw new NotFoundException("no interaction " + interactionId);
    }
    reviews.markSeen(reviewer, interactionId, "skipped", clock.millis());
  }

  public Reviews.Progress progress(String reviewer) {
    return reviews.progress(reviewer, LOW_SCORE, agents);
  }
}
