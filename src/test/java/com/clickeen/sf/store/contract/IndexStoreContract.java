package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.IndexStore;
import com.clickeen.sf.store.IndexStore.InteractionRow;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every SQL backend must do, through the same statements. */
abstract class IndexStoreContract {
  Backends backends;
  IndexStore index;

  abstract Backends open() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    backends = open();
    index = backends.index();
  }

  @AfterEach
  void tearDown() {
    backends.close();
  }

  static InteractionRow row(String id, String session, long at) {
    return InteractionRow.fresh(id, session, "sdr.copilot", at, "logs/x/" + id + ".json", "sdr.copilot@v1", "offline",
        "m", 10, 20, 0.001, 5, true, null, "anon", session, "en", "user-1", "edit", "ops_applied", true, "hello",
        "{\"message\":\"hi\"}", "[]");
  }

  @Test
  void interactions_are_recorded_once_with_their_session_and_read_back_whole() {
    assertThat(index.recordInteraction(row("i1", "s1", 1000), new IndexStore.SessionRow("s1", "sdr.copilot", 1000, "anon", "s1", "en"))).isTrue();
    assertThat(index.recordInteraction(row("i1", "s1", 1000), null)).isFalse();
    InteractionRow back = index.interaction("i1").orElseThrow();
    assertThat(back.costUsd()).isEqualTo(0.001);
    assertThat(back.intent()).isEqualTo("edit");
    assertThat(back.applied()).isTrue();
    assertThat(back.outcomes()).isEqualTo(IndexStore.Outcomes.NONE);
    assertThat(index.countInteractions("sdr.copilot")).isEqualTo(1);
    assertThat(index.agentsWithInteractions()).containsExactly("sdr.copilot");
  }

  @Test
  void a_batch_is_recorded_in_one_go_skipping_known_ids_and_applying_early_outcomes() {
    index.recordInteraction(row("b1", "s", 1), null);
    index.attachOutcome(new IndexStore.OutcomeRow("b3", "ux_keep", "s", 1, 2, 300L, null, null));
    assertThat(index.knownInteractionIds(List.of("b1", "b2", "b3"))).containsExactly("b1");
    var session = new IndexStore.SessionRow("s", "sdr.copilot", 1, "anon", "s", "en");
    assertThat(index.recordInteractions(List.of(new IndexStore.Recorded(row("b1", "s", 1), session),
        new IndexStore.Recorded(row("b2", "s", 2), session), new IndexStore.Recorded(row("b3", "s", 3), null))))
        .containsExactly("b2", "b3");
    assertThat(index.knownInteractionIds(List.of("b1", "b2", "b3", "b4"))).containsExactlyInAnyOrder("b1", "b2", "b3");
    assertThat(index.interaction("b3").orElseThrow().outcomes().continued()).isTrue();
    assertThat(index.countInteractions("sdr.copilot")).isEqualTo(3);
    assertThat(index.recordInteractions(List.of())).isEmpty();
    assertThat(index.knownInteractionIds(List.of())).isEmpty();
  }

  @Test
  void outcomes_set_flags_in_either_order_and_repeat_nothing() {
    index.recordInteraction(row("i2", "s", 1), null);
    assertThat(index.attachOutcome(new IndexStore.OutcomeRow("i2", "ux_keep", "s", 1, 2, 300L, null, null))).isTrue();
    assertThat(index.attachOutcome(new IndexStore.OutcomeRow("i2", "ux_keep", "s", 1, 2, 300L, null, null))).isFalse();
    index.attachOutcome(new IndexStore.OutcomeRow("i3", "upgrade_completed", "s", 1, 2, null, null, null));
    index.recordInteraction(row("i3", "s", 1), null);
    assertThat(index.interaction("i2").orElseThrow().outcomes().continued()).isTrue();
    assertThat(index.interaction("i3").orElseThrow().outcomes().paid()).isTrue();
    assertThat(index.outcomes("i2")).hasSize(1);
  }

  @Test
  void prompt_versions_have_exactly_one_active() {
    assertThat(index.seedPrompt("a", "v1 text", 1)).isTrue();
    assertThat(index.seedPrompt("a", "other", 2)).isFalse();
    IndexStore.PromptVersion v2 = index.addPrompt("a", "v2 text", 3);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(index.activePrompt("a").orElseThrow().version()).isEqualTo(1);
    assertThat(index.activatePrompt("a", 2)).isTrue();
    assertThat(index.activePrompt("a").orElseThrow().text()).isEqualTo("v2 text");
    assertThat(index.activatePrompt("a", 9)).isFalse();
    assertThat(index.prompts("a")).filteredOn(IndexStore.PromptVersion::active).hasSize(1);
  }

  @Test
  void events_attribution_scoring_banks_and_job_runs() {
    index.recordInteraction(row("e1", "sess", 1_000), null);
    index.recordInteraction(row("e2", "sess", 5_000), null);
    assertThat(index.recordEvent(new IndexStore.EventRow("ev1", "converted", "sess", null, 5_000, 6_000))).isTrue();
    assertThat(index.recordEvent(new IndexStore.EventRow("ev1", "converted", "sess", null, 5_000, 6_000))).isFalse();
    assertThat(index.attributeEvent("converted", "sess", null, 1_000, 5_000)).isEqualTo(2);
    assertThat(index.attributeEvent("paid", null, "user-1", 2_000, 5_000)).isEqualTo(1);
    assertThat(index.review("e1", "golden", "helpful", true)).isTrue();
    assertThat(index.countToScore()).isEqualTo(2);
    List<IndexStore.ScoringRow> rows = index.interactionsToScore(null, 10);
    assertThat(rows).hasSize(2);
    index.saveScores(List.of(new IndexStore.Scored("e1", 1.0), new IndexStore.Scored("e2", 0.7)), 10);
    assertThat(index.countToScore()).isZero();
    assertThat(index.exampleCandidates("sdr.copilot", 0.6, 10)).extracting(IndexStore.ExampleCandidate::interactionId)
        .containsExactly("e1", "e2");
    int v = index.saveExampleBank("sdr.copilot", List.of(new IndexStore.Example(null, "sdr.copilot", 0, "e1", 1.0, "edit",
        "en", "hello", "{}", "k")), 2, 10, 5);
    assertThat(v).isEqualTo(1);
    assertThat(index.examples("sdr.copilot")).singleElement().satisfies(e -> assertThat(e.bankVersion()).isEqualTo(1));
    long run = index.startJobRun("j", "cli", 1);
    index.finishJobRun(run, "ok", "done", null, 2);
    assertThat(index.jobRuns("j", 5)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("ok"));
    assertThat(index.interactionsSince("sdr.copilot", 0, null, 10)).extracting(InteractionRow::id).containsExactly("e1", "e2");
    assertThat(index.importInteractions(List.of(row("b1", "s", 9), row("e1", "s", 9)))).isEqualTo(1);
  }
}
