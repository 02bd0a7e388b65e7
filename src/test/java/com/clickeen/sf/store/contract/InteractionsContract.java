package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.OutcomeFlags;
import com.clickeen.sf.store.Outcomes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Interactions} on every SQL backend. */
abstract class InteractionsContract extends SqlPortContract {

  @Test
  void interactions_are_recorded_once_with_their_session_and_read_back_whole() {
    Interactions index = interactions();
    assertThat(index.recordInteraction(row("i1", "s1", 1000), new Interactions.SessionRow("s1", "sdr.copilot", 1000, "anon", "s1", "en"))).isTrue();
    assertThat(index.recordInteraction(row("i1", "s1", 1000), null)).isFalse();
    InteractionRow back = index.interaction("i1").orElseThrow();
    assertThat(back.costUsd()).isEqualTo(0.001);
    assertThat(back.intent()).isEqualTo("edit");
    assertThat(back.applied()).isTrue();
    assertThat(back.outcomes()).isEqualTo(OutcomeFlags.NONE);
    assertThat(back).isEqualTo(row("i1", "s1", 1000));
    assertThat(index.interaction("nope")).isEmpty();
    assertThat(index.countInteractions("sdr.copilot")).isEqualTo(1);
    assertThat(index.agentsWithInteractions()).containsExactly("sdr.copilot");
  }

  @Test
  void the_grant_context_clickeen_records_is_stored_and_read_back() {
    InteractionRow r = rowOf("g1", "s1", 1000).envStage("cloud-dev").instancePublicId("wgt_faq_42").mode("editor").build();
    assertThat(interactions().recordInteraction(r, null)).isTrue();
    InteractionRow back = interactions().interaction("g1").orElseThrow();
    assertThat(back.envStage()).isEqualTo("cloud-dev");
    assertThat(back.instancePublicId()).isEqualTo("wgt_faq_42");
    assertThat(back.mode()).isEqualTo("editor");
    assertThat(back).isEqualTo(r);
    // Imported rows keep it too.
    InteractionRow imported = rowOf("g2", "s1", 2000).envStage("prod").mode("ops").build();
    assertThat(interactions().importInteractions(List.of(imported))).isEqualTo(1);
    assertThat(interactions().interaction("g2").orElseThrow().envStage()).isEqualTo("prod");
    assertThat(interactions().interaction("g2").orElseThrow().instancePublicId()).isNull();
    assertThat(interactions().interactionsSince("sdr.copilot", 0, null, 10)).extracting(InteractionRow::mode)
        .containsExactly("editor", "ops");
  }

  @Test
  void a_row_with_only_the_required_fields_reads_back_with_its_nulls() {
    InteractionRow bare = InteractionRow.builder().id("n1").agentId("ops.monitor").createdAtMs(7).r2Key("k").build();
    assertThat(interactions().recordInteraction(bare, null)).isTrue();
    assertThat(interactions().interaction("n1")).contains(bare);
  }

  @Test
  void a_batch_is_recorded_in_one_go_skipping_known_ids_and_applying_early_outcomes() {
    Interactions index = interactions();
    index.recordInteraction(row("b1", "s", 1), null);
    backends.outcomes().attachOutcome(new Outcomes.OutcomeRow("b3", "ux_keep", "s", 1, 2, 300L, null, null));
    assertThat(index.knownInteractionIds(List.of("b1", "b2", "b3"))).containsExactly("b1");
    var session = new Interactions.SessionRow("s", "sdr.copilot", 1, "anon", "s", "en");
    assertThat(index.recordInteractions(List.of(new Interactions.Recorded(row("b1", "s", 1), session),
        new Interactions.Recorded(row("b2", "s", 2), session), new Interactions.Recorded(row("b3", "s", 3), null))))
        .containsExactly("b2", "b3");
    assertThat(index.knownInteractionIds(List.of("b1", "b2", "b3", "b4"))).containsExactlyInAnyOrder("b1", "b2", "b3");
    assertThat(index.interaction("b3").orElseThrow().outcomes().continued()).isTrue();
    assertThat(index.countInteractions("sdr.copilot")).isEqualTo(3);
    assertThat(index.recordInteractions(List.of())).isEmpty();
    assertThat(index.knownInteractionIds(List.of())).isEmpty();
  }

  @Test
  void known_ids_are_found_beyond_one_in_list() {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      ids.add("k" + i);
    }
    interactions().recordInteraction(row("k3", "s", 1), null);
    interactions().recordInteraction(row("k1100", "s", 1), null);
    assertThat(interactions().knownInteractionIds(ids)).containsExactlyInAnyOrder("k3", "k1100");
  }

  @Test
  void an_import_keeps_outcomes_and_skips_known_ids() {
    OutcomeFlags o = new OutcomeFlags(true, false, null, true, null, false, "good", "helpful");
    InteractionRow scored = rowOf("m1", "s", 5).score(0.5).outcomes(o).build();
    interactions().recordInteraction(row("e1", "s", 1), null);
    assertThat(interactions().importInteractions(List.of(scored, row("e1", "s", 9)))).isEqualTo(1);
    assertThat(interactions().interaction("m1")).contains(scored);
    assertThat(interactions().interaction("e1").orElseThrow().createdAtMs()).isEqualTo(1);
    assertThat(interactions().importInteractions(List.of())).isZero();
  }

  @Test
  void counts_and_agents_cover_every_agent() {
    record(row("c1", "s", 1), rowOf("c2", "s", 2).agentId("ops.monitor").build(), rowOf("c3", "s", 3).agentId("ops.monitor").build());
    assertThat(interactions().countInteractions(null)).isEqualTo(3);
    assertThat(interactions().countInteractions("ops.monitor")).isEqualTo(2);
    assertThat(interactions().countInteractions("nobody")).isZero();
    assertThat(interactions().countInteractionsSince("ops.monitor", 3)).isEqualTo(1);
    assertThat(interactions().countInteractionsSince("ops.monitor", 2)).isEqualTo(2);
    assertThat(interactions().countInteractionsSince("ops.monitor", 4)).isZero();
    assertThat(interactions().agentsWithInteractions()).containsExactly("ops.monitor", "sdr.copilot");
  }

  @Test
  void interactions_since_come_oldest_first_page_by_page() {
    record(row("p3", "s", 30), row("p1", "s", 10), row("p2b", "s", 20), row("p2a", "s", 20), row("p0", "s", 5),
        rowOf("x1", "s", 20).agentId("ops.monitor").build());
    Interactions index = interactions();
    assertThat(index.interactionsSince("sdr.copilot", 10, null, 2)).extracting(InteractionRow::id).containsExactly("p1", "p2a");
    assertThat(index.interactionsSince("sdr.copilot", 10, "p2a", 2)).extracting(InteractionRow::id).containsExactly("p2b", "p3");
    assertThat(index.interactionsSince("sdr.copilot", 10, "p3", 2)).isEmpty();
    assertThat(index.interactionsSince("sdr.copilot", 0, "unknown-id", 10)).extracting(InteractionRow::id)
        .containsExactly("p0", "p1", "p2a", "p2b", "p3");
  }

  @Test
  void retention_finds_old_raw_payloads_marks_them_and_drops_idle_sessions() throws Exception {
    Interactions index = interactions();
    index.recordInteraction(row("old1", "s-old", 100), new Interactions.SessionRow("s-old", "sdr.copilot", 100, "anon", "s-old", "en"));
    index.recordInteraction(row("old2", "s-both", 200), new Interactions.SessionRow("s-both", "sdr.copilot", 200, "anon", "s-both", "en"));
    index.recordInteraction(row("new1", "s-both", 2_000), null);
    assertThat(index.rawPayloadsBefore(1_000, 10)).containsExactly(new Interactions.InteractionKey("old1", "logs/x/old1.json"),
        new Interactions.InteractionKey("old2", "logs/x/old2.json"));
    assertThat(index.rawPayloadsBefore(1_000, 1)).extracting(Interactions.InteractionKey::id).containsExactly("old1");
    index.markRawDeleted(List.of("old1"), 5_000);
    index.markRawDeleted(List.of(), 5_000);
    assertThat(index.rawPayloadsBefore(1_000, 10)).extracting(Interactions.InteractionKey::id).containsExactly("old2");
    assertThat(index.interaction("old1")).isPresent();
    // s-old has nothing since 1_000; s-both has new1.
    assertThat(index.deleteSessionsBefore(1_000)).isEqualTo(1);
    assertThat(sessionIds()).containsExactly("s-both");
  }

  private List<String> sessionIds() throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = backends.sql().getConnection();
         ResultSet rs = c.createStatement().executeQuery("SELECT id FROM sf_sessions ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void search_filters_pages_newest_first_and_takes_text_literally() {
    long day = 86_400_000L;
    interactions().importInteractions(List.of(
        rowOf("a1", "s", 10 * day).inputText("Price of the PRO plan?").score(0.9).build(),
        rowOf("a2", "s", 11 * day).inputText("100% off_sale").score(0.2).valid(false).build(),
        rowOf("a3", "s", 12 * day).agentId("support.agent").promptId("support.agent@v2").inputText("help")
            .outputText("{\"message\":\"see the pricing page\"}").score(0.5)
            .outcomes(new OutcomeFlags(null, true, null, true, null, null, "golden", null)).build(),
        rowOf("a4", "s", 12 * day).inputText("plan b").build()));
    Interactions index = interactions();
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, null, null, 10))))
        .containsExactly("a4", "a3", "a2", "a1");
    var firstPage = index.search(query(null, null, null, null, null, null, null, null, null, 2));
    assertThat(ids(firstPage)).containsExactly("a4", "a3");
    var last = firstPage.getLast();
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, null,
        new com.clickeen.sf.store.InteractionQuery.Cursor(last.createdAtMs(), last.id()), 2)))).containsExactly("a2", "a1");
    assertThat(ids(index.search(query("support.agent", null, null, null, null, null, null, null, null, 10))))
        .containsExactly("a3");
    assertThat(ids(index.search(query(null, 11 * day, 12 * day, null, null, null, null, null, null, 10))))
        .containsExactly("a2");
    assertThat(ids(index.search(query(null, null, null, 0.4, 0.6, null, null, null, null, 10)))).containsExactly("a3");
    assertThat(ids(index.search(query(null, null, null, null, null,
        com.clickeen.sf.store.InteractionQuery.OutcomeFilter.INVALID, null, null, null, 10)))).containsExactly("a2");
    assertThat(ids(index.search(query(null, null, null, null, null,
        com.clickeen.sf.store.InteractionQuery.OutcomeFilter.UNDONE, null, null, null, 10)))).containsExactly("a3");
    assertThat(ids(index.search(query(null, null, null, null, null,
        com.clickeen.sf.store.InteractionQuery.OutcomeFilter.GOLDEN, null, null, null, 10)))).containsExactly("a3");
    assertThat(ids(index.search(query(null, null, null, null, null, null, "support.agent@v2", null, null, 10))))
        .containsExactly("a3");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "pro PLAN", null, 10))))
        .containsExactly("a1");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "pricing", null, 10))))
        .as("the output is searched too").containsExactly("a3");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "100%", null, 10)))).containsExactly("a2");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "0%", null, 10)))).containsExactly("a2");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "%", null, 10)))).containsExactly("a2");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "f_s", null, 10))))
        .as("_ is a character, not a wildcard").containsExactly("a2");
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "o_f", null, 10)))).isEmpty();
    assertThat(ids(index.search(query(null, null, null, null, null, null, null, "'; DROP TABLE sf_interactions; --",
        null, 10)))).isEmpty();
    assertThat(index.countInteractions(null)).isEqualTo(4);
  }

  @Test
  void text_search_finds_substrings_of_input_and_output_whatever_their_case_and_follows_updates() throws Exception {
    long day = 86_400_000L;
    interactions().importInteractions(List.of(
        rowOf("b1", "s", day).inputText("Embedding the Shopify THEME").outputText("{\"message\":\"done\"}").build(),
        rowOf("b2", "s", 2 * day).inputText("He said \"50% off_now\"").outputText(null).build(),
        rowOf("b3", "s", 3 * day).agentId("support.agent").inputText("original words")
            .outputText("{\"message\":\"first answer\"}").build(),
        rowOf("b4", "s", 4 * day).inputText(null).outputText("{\"message\":\"Widget embedded\"}").build()));
    Interactions index = interactions();
    assertThat(ids(index.search(text(null, "opif")))).as("the middle of a word").containsExactly("b1");
    assertThat(ids(index.search(text(null, "sHoPiFy tHeMe")))).as("any case, across a space").containsExactly("b1");
    assertThat(ids(index.search(text(null, "EMBED")))).as("input and output, newest first").containsExactly("b4", "b1");
    assertThat(ids(index.search(text(null, "dd")))).as("two characters").containsExactly("b4", "b1");
    assertThat(ids(index.search(text(null, "W")))).as("one character").containsExactly("b4", "b3", "b2");
    assertThat(ids(index.search(text(null, "\"50% off_now\"")))).as("quotes, %% and _ literally").containsExactly("b2");
    assertThat(ids(index.search(text(null, "\"5")))).containsExactly("b2");
    assertThat(ids(index.search(text(null, "0%%")))).isEmpty();
    assertThat(ids(index.search(text(null, "0% o")))).containsExactly("b2");
    assertThat(ids(index.search(text(null, "f_n")))).containsExactly("b2");
    assertThat(ids(index.search(text(null, "f%n")))).isEmpty();
    assertThat(ids(index.search(text(null, "ffn")))).as("_ is not a wildcard").isEmpty();
    assertThat(ids(index.search(text(null, "\" OR \"")))).as("FTS5 syntax is text too").isEmpty();
    assertThat(ids(index.search(text(null, "message\":\"")))).containsExactly("b4", "b3", "b1");
    assertThat(ids(index.search(text(null, "nothing like it")))).isEmpty();
    assertThat(ids(index.search(text("support.agent", "words")))).containsExactly("b3");
    assertThat(ids(index.search(text("sdr.copilot", "words")))).isEmpty();

    try (Connection c = backends.sql().getConnection(); var s = c.createStatement()) {
      s.executeUpdate("UPDATE sf_interactions SET input_text = 'Replaced Wording', output_text = NULL WHERE id = 'b3'");
      s.executeUpdate("UPDATE sf_interactions SET input_text = 'now with a theme' WHERE id = 'b4'");
      s.executeUpdate("UPDATE sf_interactions SET score = 0.5 WHERE id = 'b1'");
    }
    assertThat(ids(index.search(text(null, "original")))).as("the old text is gone").isEmpty();
    assertThat(ids(index.search(text(null, "first answer")))).isEmpty();
    assertThat(ids(index.search(text(null, "replaced word")))).containsExactly("b3");
    assertThat(ids(index.search(text(null, "theme")))).containsExactly("b4", "b1");
    assertThat(ids(index.search(text(null, "widget")))).as("the output kept").containsExactly("b4");
    assertThat(ids(index.search(text(null, "shopify")))).as("a score written, the text kept").containsExactly("b1");

    try (Connection c = backends.sql().getConnection(); var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM sf_interactions WHERE id = 'b4'");
    }
    assertThat(ids(index.search(text(null, "theme")))).containsExactly("b1");
    assertThat(ids(index.search(text(null, "widget")))).isEmpty();
    index.importInteractions(List.of(rowOf("b5", "s", 5 * day).inputText("Another THEME").build()));
    assertThat(ids(index.search(text(null, "thEme")))).containsExactly("b5", "b1");
  }

  /**
   * A write may leave its rows out of a text index for a while (SQLite indexes them in bulk, above a watermark):
   * the search still finds every row, indexed or not, follows deletes and updates of both, and keeps doing so
   * once the rows wait no more. Filler rows come in batches larger than any such wait.
   */
  @Test
  void text_search_is_complete_whether_or_not_the_rows_are_indexed_yet() throws Exception {
    long day = 86_400_000L;
    Interactions index = interactions();
    index.importInteractions(filler("f1-", 1_100, day));
    index.importInteractions(List.of(
        rowOf("old-1", "s", 2 * day).inputText("the Quokka pricing question").build(),
        rowOf("old-2", "s", 2 * day + 1).outputText("{\"message\":\"a quokka answer\"}").build(),
        rowOf("old-3", "s", 2 * day + 2).inputText("quokka to delete").build()));
    index.importInteractions(filler("f2-", 1_100, day)); // everything so far is past any wait
    record(rowOf("new-1", "s", 3 * day).inputText("a fresh QUOKKA").build(),
        rowOf("new-2", "s", 3 * day + 1).outputText("{\"message\":\"quokka again\"}").build(),
        rowOf("new-3", "s", 3 * day + 2).inputText("quokka to delete too").build());
    assertThat(ids(index.search(text(null, "quokka")))).as("indexed and new rows alike")
        .containsExactly("new-3", "new-2", "new-1", "old-3", "old-2", "old-1");
    assertThat(ids(index.search(text(null, "okka to del")))).containsExactly("new-3", "old-3");
    assertThat(ids(index.search(text(null, "filler")))).hasSize(10);

    try (Connection c = backends.sql().getConnection(); var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM sf_interactions WHERE id IN ('old-3', 'new-3')");
      s.executeUpdate("UPDATE sf_interactions SET input_text = 'now a wombat' WHERE id IN ('old-1', 'new-1')");
      s.executeUpdate("UPDATE sf_interactions SET output_text = NULL WHERE id = 'new-2'");
    }
    assertThat(ids(index.search(text(null, "quokka")))).as("deleted and rewritten rows gone").containsExactly("old-2");
    assertThat(ids(index.search(text(null, "WOMBAT")))).containsExactly("new-1", "old-1");
    assertThat(ids(index.search(text(null, "okka to del")))).isEmpty();

    index.importInteractions(filler("f3-", 1_100, day)); // the new rows are past any wait now
    record(rowOf("new-4", "s", 4 * day).inputText("one more quokka").build());
    assertThat(ids(index.search(text(null, "quokka")))).containsExactly("new-4", "old-2");
    assertThat(ids(index.search(text(null, "wombat")))).containsExactly("new-1", "old-1");
    try (Connection c = backends.sql().getConnection(); var s = c.createStatement()) {
      s.executeUpdate("UPDATE sf_interactions SET output_text = 'wombat and quokka' WHERE id = 'new-2'");
      s.executeUpdate("DELETE FROM sf_interactions WHERE id = 'new-1'");
    }
    assertThat(ids(index.search(text(null, "quokka")))).containsExactly("new-4", "new-2", "old-2");
    assertThat(ids(index.search(text(null, "wombat")))).containsExactly("new-2", "old-1");
    assertThat(index.countInteractions(null)).isEqualTo(3_300 + 4);
  }

  private static List<InteractionRow> filler(String prefix, int n, long at) {
    List<InteractionRow> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(rowOf(prefix + i, "s", at + i).inputText("filler " + i).outputText(null).build());
    }
    return out;
  }

  private static com.clickeen.sf.store.InteractionQuery text(String agent, String text) {
    return query(agent, null, null, null, null, null, null, text, null, 10);
  }

  @Test
  void daily_stats_sum_each_utc_day_of_one_agent() {
    long day = 86_400_000L;
    interactions().importInteractions(List.of(
        rowOf("d1", "s", 5 * day + 10).score(0.4).latencyMs(10).costUsd(0.5).promptId("sdr.copilot@v1").build(),
        rowOf("d2", "s", 5 * day + 20).score(0.8).latencyMs(30).costUsd(0.25).promptId("sdr.copilot@v2")
            .outcomes(new OutcomeFlags(null, true, null, true, null, null, null, null)).build(),
        rowOf("d3", "s", 5 * day + 30).score(null).latencyMs(20).costUsd(0.25).valid(false).promptId("sdr.copilot@v2").build(),
        rowOf("d4", "s", 7 * day).score(1.0).latencyMs(40).build(),
        rowOf("d7", "s", 7 * day + 5).score(1.0).latencyMs(1234).build(),
        rowOf("d5", "s", 8 * day).build(),
        rowOf("d6", "s", 5 * day).agentId("support.agent").build()));
    var scores = backends.scores();
    scores.saveScores(List.of(new com.clickeen.sf.store.Scores.Scored("d1", 0.2),
        new com.clickeen.sf.store.Scores.Scored("d2", 0.8), new com.clickeen.sf.store.Scores.Scored("d4", 1.0),
        new com.clickeen.sf.store.Scores.Scored("d7", 1.0)), 1);
    scores.saveScores(List.of(new com.clickeen.sf.store.Scores.Scored("d1", 0.4)), 2); // re-scored: 0.2 is taken out
    var days = interactions().dailyStats("sdr.copilot", 5 * day, 8 * day);
    assertThat(days).hasSize(2);
    var first = days.getFirst();
    assertThat(first.dayStartMs()).isEqualTo(5 * day);
    assertThat(first.interactions()).isEqualTo(3);
    assertThat(first.valid()).isEqualTo(2);
    assertThat(first.undone()).isEqualTo(1);
    assertThat(first.converted()).isEqualTo(1);
    assertThat(first.costUsd()).isEqualTo(1.0);
    assertThat(first.latencyP50Ms()).isEqualTo(20);
    assertThat(first.latencyP95Ms()).isEqualTo(30);
    assertThat(first.meanScoreByPrompt()).containsOnly(java.util.Map.entry("sdr.copilot@v1", 0.4),
        java.util.Map.entry("sdr.copilot@v2", 0.8));
    assertThat(days.get(1).dayStartMs()).isEqualTo(7 * day);
    assertThat(days.get(1).interactions()).isEqualTo(2);
    assertThat(days.get(1).latencyP50Ms()).isEqualTo(40);
    assertThat(days.get(1).latencyP95Ms()).as("two significant figures above 100 ms").isEqualTo(1200);
    assertThat(interactions().dailyStats("ops.monitor", 0, 10 * day)).isEmpty();
  }

  @Test
  void the_time_range_spans_the_first_and_the_last_interaction() {
    assertThat(interactions().timeRange()).isEmpty();
    record(row("t1", "s", 500), row("t2", "s", 100), row("t3", "s", 300));
    assertThat(interactions().timeRange()).contains(new Interactions.TimeRange(100, 500));
  }

  private static com.clickeen.sf.store.InteractionQuery query(String agent, Long from, Long to, Double min, Double max,
      com.clickeen.sf.store.InteractionQuery.OutcomeFilter outcome, String prompt, String text,
      com.clickeen.sf.store.InteractionQuery.Cursor before, int limit) {
    return new com.clickeen.sf.store.InteractionQuery(agent, from, to, min, max, outcome, prompt, text, before, limit);
  }

  private static List<String> ids(List<InteractionRow> rows) {
    return rows.stream().map(InteractionRow::id).toList();
  }
}
