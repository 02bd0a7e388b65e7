package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

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
}
