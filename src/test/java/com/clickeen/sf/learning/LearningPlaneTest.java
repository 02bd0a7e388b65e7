package com.clickeen.sf.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.Outcomes;
import com.clickeen.sf.store.ExampleBanks.ExampleCandidate;
import com.clickeen.sf.store.InteractionRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution, outcome flags, scoring over the index, example banks, reviews, cleanup and reports. */
class LearningPlaneTest {
  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));
  Backends b;

  @BeforeEach
  void open() {
    b = Backends.embedded(dir, clock);
  }

  @AfterEach
  void close() {
    b.close();
  }

  void interaction(String id, String agent, String session, String user, long createdAtMs, String input, String intent,
      String locale) {
    b.interactions().recordInteraction(InteractionRow.builder().id(id).sessionId(session).agentId(agent)
        .createdAtMs(createdAtMs).r2Key("logs/dev/" + agent + "/d/" + id + ".json").promptId(agent + "@v1")
        .provider("offline").model("m").promptTokens(1).completionTokens(1).costUsd(0.0).latencyMs(1).valid(true)
        .subjectKind("anon").subjectId(session).locale(locale).userId(user).intent(intent).applied(true).inputText(input)
        .outputText("{\"message\":\"answer to " + input + "\"}").exampleIdsJson("[]").build(), null);
  }

  static EventRequest event(String type, String session, String user, long at) {
    return EventRequest.of(type, session, user, at);
  }

  int drainEvents(LearningEvents events) {
    int n = 0;
    for (var m : b.queue().poll(100, Duration.ofSeconds(30))) {
      n += events.attribute(m.payload());
      b.queue().ack(m);
    }
    return n;
  }

  @Test
  void attribution_covers_exactly_the_window_before_the_event_both_ends_included() throws Exception {
    Duration window = Duration.ofDays(7);
    long at = clock.millis();
    interaction("edge-start", "sdr.copilot", "s1", null, at - window.toMillis(), "a", null, null);
    interaction("too-early", "sdr.copilot", "s1", null, at - window.toMillis() - 1, "b", null, null);
    interaction("at-event", "sdr.copilot", "s1", null, at, "c", null, null);
    interaction("after-event", "sdr.copilot", "s1", null, at + 1, "d", null, null);
    interaction("other-session", "sdr.copilot", "s2", null, at - 1000, "e", null, null);
    LearningEvents events = new LearningEvents(b.outcomes(), b.queue(), clock, window);
    assertThat(events.accept(event("converted", "s1", null, at)).duplicate()).isFalse();
    assertThat(events.accept(event("converted", "s1", null, at)).duplicate()).isTrue();
    // Both posts are queued (a repeat must not be lost after a failed enqueue); attribution is idempotent.
    assertThat(drainEvents(events)).isEqualTo(2 + 2);
    assertThat(b.interactions().interaction("edge-start").orElseThrow().outcomes().converted()).isTrue();
    assertThat(b.interactions().interaction("at-event").orElseThrow().outcomes().converted()).isTrue();
    assertThat(b.interactions().interaction("too-early").orElseThrow().outcomes().converted()).isNull();
    assertThat(b.interactions().interaction("after-event").orElseThrow().outcomes().converted()).isNull();
    assertThat(b.interactions().interaction("other-session").orElseThrow().outcomes().converted()).isNull();
  }

  @Test
  void payments_are_attributed_by_user_id_too() throws Exception {
    long at = clock.millis();
    interaction("u-1", "editor.copilot", "s9", "user-7", at - 3_600_000, "x", null, null);
    LearningEvents events = new LearningEvents(b.outcomes(), b.queue(), clock, Duration.ofDays(7));
    events.accept(event("paid", null, "user-7", at));
    assertThat(drainEvents(events)).isEqualTo(1);
    assertThat(b.interactions().interaction("u-1").orElseThrow().outcomes().paid()).isTrue();
  }

  @Test
  void outcome_events_set_flags_whichever_arrives_first() {
    long t = clock.millis();
    interaction("r-first", "editor.copilot", "s", null, t, "x", null, null);
    b.outcomes().attachOutcome(new Outcomes.OutcomeRow("r-first", "ux_keep", "s", t, t, null, null, null));
    // The outcome arrives before the interaction is written.
    b.outcomes().attachOutcome(new Outcomes.OutcomeRow("r-later", "ux_undo", "s", t, t, null, null, null));
    b.outcomes().attachOutcome(new Outcomes.OutcomeRow("r-later", "cta_clicked", "s", t, t, null, null, null));
    interaction("r-later", "editor.copilot", "s", null, t, "y", null, null);
    assertThat(b.interactions().interaction("r-first").orElseThrow().outcomes().continued()).isTrue();
    var later = b.interactions().interaction("r-later").orElseThrow().outcomes();
    assertThat(later.abandoned()).isTrue();
    assertThat(later.followUp()).isTrue();
    assertThat(later.continued()).isNull();
  }

  @Test
  void scoring_reads_the_index_and_only_rescores_what_changed() {
    long t = clock.millis();
    interaction("s-a", "sdr.copilot", "s", null, t, "x", null, null);
    interaction("s-b", "sdr.copilot", "s", null, t, "y", null, null);
    ScoreInteractions job = new ScoreInteractions(b.scores(), clock, Scoring.standard());
    assertThat(job.run(Progress.NONE)).isEqualTo(2);
    assertThat(b.interactions().interaction("s-a").orElseThrow().score()).isEqualTo(0.2);
    assertThat(job.run(Progress.NONE)).isZero();
    b.outcomes().attachOutcome(new Outcomes.OutcomeRow("s-a", "signup_completed", "s", t, t, null, null, null));
    b.outcomes().attachOutcome(new Outcomes.OutcomeRow("s-a", "ux_keep", "s", t, t, null, null, null));
    assertThat(job.run(Progress.NONE)).isEqualTo(1);
    assertThat(b.interactions().interaction("s-a").orElseThrow().score()).isEqualTo(0.8);
    b.reviews().review("s-b", "golden", null, null);
    job.run(Progress.NONE);
    assertThat(b.interactions().interaction("s-b").orElseThrow().score()).isEqualTo(1.0);
  }

  static ExampleCandidate c(String id, double score, String review, String intent, String locale, String input, long at) {
    return new ExampleCandidate(id, "a", true, score, review, intent, locale, input, "{}", "k", at);
  }

  @Test
  void the_selector_keeps_golden_drops_bad_and_near_duplicates_and_caps_the_size() {
    long now = clock.millis();
    ExampleSelector sel = new ExampleSelector(new ExampleSelector.Settings(0.6, 3, 0.8, Duration.ofDays(30)));
    List<ExampleCandidate> chosen = sel.select(List.of(
        c("golden-low", 0.1, "golden", "edit", "en", "turn on the dark theme please", now),
        c("bad-high", 0.99, "bad", "edit", "en", "make the title bigger", now),
        c("best", 0.95, null, "edit", "en", "change the font size to twenty", now),
        c("dup-of-best", 0.94, null, "edit", "en", "change the font size to twenty!", now),
        c("other", 0.9, null, "explain", "fr", "what does multi open do", now),
        c("below-threshold", 0.5, null, "edit", "en", "hello there friend of mine", now),
        c("over-cap", 0.85, null, "edit", "de", "remove the second question now", now)), now);
    assertThat(chosen).extracting(ExampleCandidate::interactionId).containsExactly("golden-low", "best", "other");
  }

  @Test
  void the_selector_spreads_across_intents_and_locales_and_prefers_fresher() {
    long now = clock.millis();
    long old = now - Duration.ofDays(120).toMillis();
    ExampleSelector sel = new ExampleSelector(new ExampleSelector.Settings(0.6, 3, 0.8, Duration.ofDays(30)));
    List<ExampleCandidate> chosen = sel.select(List.of(
        c("en-edit-1", 0.99, null, "edit", "en", "alpha beta gamma delta", now),
        c("en-edit-2", 0.98, null, "edit", "en", "epsilon zeta eta theta", now),
        c("en-edit-3", 0.97, null, "edit", "en", "iota kappa lambda mu", now),
        c("fr-explain", 0.8, null, "explain", "fr", "nu xi omicron pi", now),
        c("de-old-great", 0.99, null, "clarify", "de", "rho sigma tau upsilon", old),
        c("de-fresh-ok", 0.9, null, "clarify", "de", "phi chi psi omega", now)), now);
    assertThat(chosen).extracting(ExampleCandidate::interactionId)
        .containsExactlyInAnyOrder("en-edit-1", "fr-explain", "de-fresh-ok");
  }

  @Test
  void banks_are_versions_and_an_interaction_is_never_an_example_in_its_own_prompt() {
    long t = clock.millis();
    interaction("ex-1", "sdr.copilot", "s", null, t, "how much does it cost", null, "en");
    interaction("ex-2", "sdr.copilot", "s", null, t, "can I embed it on shopify", null, "en");
    b.reviews().review("ex-1", "golden", null, null);
    b.reviews().review("ex-2", "golden", null, null);
    new ScoreInteractions(b.scores(), clock, Scoring.standard()).run(Progress.NONE);
    UpdateExampleBanks banks = new UpdateExampleBanks(b.interactions(), b.exampleBanks(), new ExampleSelector(ExampleSelector.Settings.defaults()), clock);
    assertThat(banks.run(Progress.NONE).get("sdr.copilot")).containsExactly(1, 2);
    assertThat(banks.run(Progress.NONE).get("sdr.copilot")).containsExactly(2, 2);
    assertThat(b.exampleBanks().examples("sdr.copilot")).allSatisfy(e -> assertThat(e.bankVersion()).isEqualTo(2));
    PromptExamples pe = new PromptExamples(b.exampleBanks(), clock);
    assertThat(pe.pick("sdr.copilot", "how much does it cost", "en", null, "ex-1", 3))
        .extracting(ExampleBanks.Example::interactionId).containsExactly("ex-2");
    assertThat(pe.pick("sdr.copilot", "how much does it cost", "en", null, "someone-else", 1))
        .extracting(ExampleBanks.Example::interactionId).containsExactly("ex-1");
    String section = PromptExamples.section(pe.pick("sdr.copilot", "how much", "en", null, "x", 3));
    assertThat(section).contains("<example>").contains("User: how much does it cost").contains("Answer: {\"message\"");
  }

  @Test
  void cleanup_removes_raw_payloads_past_retention_and_expired_kv_entries() {
    long t = clock.millis();
    interaction("old", "sdr.copilot", "s-old", null, t - Duration.ofDays(100).toMillis(), "x", null, null);
    interaction("new", "sdr.copilot", "s-new", null, t, "y", null, null);
    b.blobs().put("logs/dev/sdr.copilot/d/old.json", "{}".getBytes(StandardCharsets.UTF_8));
    b.blobs().put("logs/dev/sdr.copilot/d/new.json", "{}".getBytes(StandardCharsets.UTF_8));
    b.kv().put("sess:sdr.copilot:s-old", new byte[] {1}, Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    Cleanup.Result r = new Cleanup(b.kv(), b.blobs(), b.interactions(), clock, Duration.ofHours(24), Duration.ofDays(90))
        .run(Progress.NONE);
    assertThat(r.rawPayloads()).isEqualTo(1);
    assertThat(r.kvEntries()).isEqualTo(1);
    assertThat(b.blobs().get("logs/dev/sdr.copilot/d/old.json")).isEmpty();
    assertThat(b.blobs().get("logs/dev/sdr.copilot/d/new.json")).isPresent();
    assertThat(b.interactions().interaction("old")).isPresent();
  }

  @Test
  void failure_reports_group_by_error_rule_intent_and_outcome_with_samples() throws Exception {
    long t = clock.millis();
    for (int i = 0; i < 3; i++) {
      b.interactions().recordInteraction(InteractionRow.builder().id("bad-" + i).sessionId("s").agentId("editor.copilot")
          .createdAtMs(t - i).r2Key("k").promptId("editor.copilot@v1").provider("offline").model("m").promptTokens(1)
          .completionTokens(1).costUsd(0.0).latencyMs(1).valid(false)
          .error("invalid_ops: $.result.ops[" + i + "].path '" + i + "x' is not one of the widget's controls")
          .subjectKind("anon").subjectId("s").intent("edit").resultOutcome("invalid_ops").applied(false).inputText("p")
          .outputText("{}").exampleIdsJson("[]").build(), null);
    }
    assertThat(new AnalyzeFailures(b.interactions(), b.failureReports(), clock).run(Progress.NONE)).isEqualTo(1);
    var report = Json.parse(b.failureReports().reports("editor.copilot", 1).getFirst().json());
    assertThat(report.path("failures").asInt()).isEqualTo(3);
    assertThat(report.path("byInvalidRule").get(0).path("key").asText()).isEqualTo("$.result.ops[N].path '…' is not one of the widget's controls");
    assertThat(report.path("byInvalidRule").get(0).path("count").asInt()).isEqualTo(3);
    assertThat(report.path("byInvalidRule").get(0).path("sampleIds").size()).isEqualTo(3);
    assertThat(report.path("byIntent").get(0).path("key").asText()).isEqualTo("edit");
    assertThat(report.path("byOutcome").get(0).path("key").asText()).isEqualTo("invalid_ops");
  }

  @Test
  void the_example_bank_survives_many_candidates() {
    long t = clock.millis();
    List<ExampleCandidate> many = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add(c("c" + i, 0.6 + (i % 40) / 100.0, null, "i" + (i % 5), "l" + (i % 3), "words " + i + " and more " + (i * 7), t));
    }
    assertThat(new ExampleSelector(ExampleSelector.Settings.defaults()).select(many, t)).hasSize(50);
  }
}
