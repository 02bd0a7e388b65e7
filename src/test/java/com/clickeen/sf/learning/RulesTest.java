package com.clickeen.sf.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.ExampleBanks.ExampleCandidate;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.OutcomeFlags;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learning rules that used to hide in SQL: example eligibility and failure criteria. */
class RulesTest {
  final ExampleSelector selector = new ExampleSelector(new ExampleSelector.Settings(0.6, 50, 0.8, Duration.ofDays(30)));

  static ExampleCandidate candidate(boolean valid, double score, String review, String input, String output) {
    return new ExampleCandidate("i", "a", valid, score, review, "edit", "en", input, output, "k", 0);
  }

  @Test
  void an_example_is_eligible_when_valid_with_texts_not_bad_and_golden_or_scored_high_enough() {
    assertThat(selector.eligible(candidate(true, 0.6, null, "in", "out"))).isTrue();
    assertThat(selector.eligible(candidate(true, 0.9, "good", "in", "out"))).isTrue();
    assertThat(selector.eligible(candidate(true, 0.0, "golden", "in", "out"))).isTrue();
    assertThat(selector.eligible(candidate(true, 0.59, null, "in", "out"))).isFalse();
    assertThat(selector.eligible(candidate(false, 0.9, null, "in", "out"))).isFalse();
    assertThat(selector.eligible(candidate(false, 1.0, "golden", "in", "out"))).isFalse();
    assertThat(selector.eligible(candidate(true, 0.9, "bad", "in", "out"))).isFalse();
    assertThat(selector.eligible(candidate(true, 0.9, null, null, "out"))).isFalse();
    assertThat(selector.eligible(candidate(true, 0.9, null, "in", null))).isFalse();
  }

  @Test
  void the_selector_chooses_only_eligible_candidates() {
    List<ExampleCandidate> all = List.of(
        new ExampleCandidate("ok", "a", true, 0.9, null, "edit", "en", "make the title bigger please", "{}", "k", 0),
        new ExampleCandidate("invalid-golden", "a", false, 1.0, "golden", "edit", "en", "switch to the dark theme", "{}", "k", 0),
        new ExampleCandidate("bad", "a", true, 0.9, "bad", "edit", "en", "add a signup button here", "{}", "k", 0),
        new ExampleCandidate("low", "a", true, 0.2, null, "edit", "en", "change the font to serif", "{}", "k", 0),
        new ExampleCandidate("no-output", "a", true, 0.9, null, "edit", "en", "remove the footer link", null, "k", 0));
    assertThat(selector.select(all, 0)).extracting(ExampleCandidate::interactionId).containsExactly("ok");
  }

  static InteractionRow.Builder row() {
    return InteractionRow.builder().id("r").agentId("a").r2Key("k").valid(true);
  }

  @Test
  void a_failure_is_invalid_low_scored_reviewed_bad_or_undone() {
    FailureCriteria criteria = new FailureCriteria(0.3);
    assertThat(criteria.isFailure(row().valid(false).build())).isTrue();
    assertThat(criteria.isFailure(row().score(0.29).build())).isTrue();
    assertThat(criteria.isFailure(row().score(0.9).outcomes(new OutcomeFlags(null, null, null, null, null, null, "bad", null)).build())).isTrue();
    assertThat(criteria.isFailure(row().outcomes(new OutcomeFlags(true, true, null, null, null, null, null, null)).build())).isTrue();
  }

  @Test
  void unscored_kept_or_well_scored_interactions_are_not_failures() {
    FailureCriteria criteria = new FailureCriteria(0.3);
    assertThat(criteria.isFailure(row().build())).isFalse();
    assertThat(criteria.isFailure(row().score(0.3).build())).isFalse();
    assertThat(criteria.isFailure(row().score(0.1).valid(true).build())).isTrue();
    assertThat(criteria.isFailure(row().outcomes(new OutcomeFlags(true, false, null, null, null, null, "good", "not-helpful")).build())).isFalse();
  }
}
