package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.Reviews;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Reviews} on every SQL backend. */
abstract class ReviewsContract extends SqlPortContract {

  @Test
  void a_review_sets_what_it_names_keeps_the_rest_and_marks_for_scoring() {
    record(row("r1", "s", 1));
    backends.scores().saveScores(List.of(new com.clickeen.sf.store.Scores.Scored("r1", 0.5)), 2);
    Reviews reviews = backends.reviews();
    assertThat(reviews.review("r1", "golden", "helpful", true)).isTrue();
    assertThat(reviews.review("r1", null, null, null)).isTrue();
    OutcomeFlags o = interactions().interaction("r1").orElseThrow().outcomes();
    assertThat(o.humanReview()).isEqualTo("golden");
    assertThat(o.userFeedback()).isEqualTo("helpful");
    assertThat(o.taskCompleted()).isTrue();
    assertThat(reviews.review("r1", "bad", null, false)).isTrue();
    o = interactions().interaction("r1").orElseThrow().outcomes();
    assertThat(o.humanReview()).isEqualTo("bad");
    assertThat(o.userFeedback()).isEqualTo("helpful");
    assertThat(o.taskCompleted()).isFalse();
    assertThat(backends.scores().countToScore()).isEqualTo(1);
    assertThat(reviews.review("missing", "good", null, null)).isFalse();
  }

  @Test
  void the_review_tiers_give_unreviewed_items_the_reviewer_has_not_seen() {
    interactions().importInteractions(List.of(
        rowOf("inv-old", "s", 100).valid(false).build(),
        rowOf("inv-new", "s", 200).valid(false).build(),
        rowOf("inv-reviewed", "s", 300).valid(false).outcomes(new OutcomeFlags(null, null, null, null, null, null, "bad", null)).build(),
        rowOf("undone", "s", 150).outcomes(new OutcomeFlags(null, true, null, null, null, null, null, null)).build(),
        rowOf("low-1", "s", 120).score(0.3).build(),
        rowOf("low-0", "s", 130).score(0.1).build(),
        rowOf("fine", "s", 400).score(0.9).build()));
    Reviews r = backends.reviews();
    assertThat(next(r, "ann", Reviews.Tier.INVALID)).isEqualTo("inv-new");
    assertThat(r.markSeen("ann", "inv-new", "reviewed", 1)).isTrue();
    assertThat(r.markSeen("ann", "inv-new", "skipped", 2)).as("seen once").isFalse();
    assertThat(next(r, "ann", Reviews.Tier.INVALID)).isEqualTo("inv-old");
    assertThat(next(r, "bob", Reviews.Tier.INVALID)).as("another reviewer").isEqualTo("inv-new");
    r.markSeen("ann", "inv-old", "skipped", 3);
    assertThat(next(r, "ann", Reviews.Tier.INVALID)).isNull();
    assertThat(next(r, "ann", Reviews.Tier.UNDONE)).isEqualTo("undone");
    assertThat(next(r, "ann", Reviews.Tier.LOW_SCORE)).isEqualTo("low-0");
    assertThat(next(r, "ann", Reviews.Tier.SAMPLE, 350)).isEqualTo("fine");
    assertThat(next(r, "ann", Reviews.Tier.SAMPLE, 1000)).as("nothing after the pivot: the last before it").isEqualTo("fine");
    assertThat(next(r, "ann", Reviews.Tier.SAMPLE, 0)).isEqualTo("low-1");
    r.review("low-0", "good", null, null);
    assertThat(next(r, "bob", Reviews.Tier.LOW_SCORE)).as("reviewed by someone").isEqualTo("low-1");
    Reviews.Progress p = r.progress("ann", 0.4, List.of("sdr.copilot", "support.agent"));
    assertThat(p).as("seen by ann is not reviewed by anyone").isEqualTo(new Reviews.Progress(2, 2, 1, 1));
    assertThat(r.progress("ann", 0.4, List.of("support.agent")).lowScore()).isZero();
    assertThat(next(r, "ann", Reviews.Tier.LOW_SCORE, "support.agent", 0)).isNull();
    assertThat(next(r, "ann", Reviews.Tier.INVALID, "support.agent", 0)).isNull();
  }

  private static String next(Reviews r, String reviewer, Reviews.Tier tier) {
    return next(r, reviewer, tier, 0);
  }

  private static String next(Reviews r, String reviewer, Reviews.Tier tier, long pivot) {
    return next(r, reviewer, tier, null, pivot);
  }

  private static String next(Reviews r, String reviewer, Reviews.Tier tier, String agent, long pivot) {
    return r.nextToReview(reviewer, tier, agent, 0.4, pivot).map(InteractionRow::id).orElse(null);
  }
}
