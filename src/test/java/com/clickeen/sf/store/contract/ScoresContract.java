package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.Scores;
import com.clickeen.sf.store.Scores.Scored;
import com.clickeen.sf.store.Scores.ScoringRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Scores} on every SQL backend. */
abstract class ScoresContract extends SqlPortContract {

  @Test
  void what_needs_a_score_comes_page_by_page_until_scores_are_saved() {
    OutcomeFlags o = new OutcomeFlags(true, null, false, null, true, null, "good", "not-helpful");
    interactions().importInteractions(List.of(rowOf("s2", "s", 1).valid(false).applied(false).outcomes(o).build(),
        row("s1", "s", 1), row("s3", "s", 1)));
    Scores scores = backends.scores();
    assertThat(scores.countToScore()).isEqualTo(3);
    assertThat(scores.interactionsToScore(null, 2)).containsExactly(
        new ScoringRow("s1", "sdr.copilot", true, true, OutcomeFlags.NONE),
        new ScoringRow("s2", "sdr.copilot", false, false, o));
    assertThat(scores.interactionsToScore("s2", 2)).extracting(ScoringRow::id).containsExactly("s3");
    scores.saveScores(List.of(new Scored("s1", 1.0), new Scored("s2", 0.25)), 10);
    scores.saveScores(List.of(), 10);
    assertThat(scores.countToScore()).isEqualTo(1);
    assertThat(scores.interactionsToScore(null, 10)).extracting(ScoringRow::id).containsExactly("s3");
    assertThat(interactions().interaction("s2").orElseThrow().score()).isEqualTo(0.25);
    backends.reviews().review("s1", "bad", null, null);
    assertThat(scores.interactionsToScore(null, 10)).extracting(ScoringRow::id).containsExactly("s1", "s3");
  }
}
