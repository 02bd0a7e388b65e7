package com.clickeen.sf.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.PromptVersions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt versions and example banks are cached, and a change reaches the service within the refresh time. */
class PromptAndExampleRefreshTest {
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

  @Test
  void a_newly_activated_prompt_is_served_once_the_cached_one_is_two_seconds_old() {
    PromptStore prompts = new PromptStore(b.prompts(), clock);
    assertThat(prompts.active("sdr.copilot", "prompt one").version()).isEqualTo(1);
    PromptVersions.PromptVersion v2 = b.prompts().addPrompt("sdr.copilot", "prompt two", clock.millis());
    b.prompts().activatePrompt("sdr.copilot", v2.version());
    clock.advance(PromptStore.REFRESH.minusMillis(1));
    assertThat(prompts.active("sdr.copilot", "prompt one").text()).isEqualTo("prompt one");
    clock.advance(Duration.ofMillis(1));
    assertThat(prompts.active("sdr.copilot", "prompt one").text()).isEqualTo("prompt two");
  }

  @Test
  void a_new_example_bank_is_picked_within_two_seconds() {
    PromptExamples examples = new PromptExamples(b.exampleBanks(), clock);
    assertThat(examples.pick("sdr.copilot", "how much does it cost", "en", null, "x", 3)).isEmpty();
    long t = clock.millis();
    b.interactions().recordInteraction(InteractionRow.builder().id("ex-1").sessionId("s").agentId("sdr.copilot")
        .createdAtMs(t).r2Key("logs/dev/sdr.copilot/d/ex-1.json").promptId("sdr.copilot@v1").provider("offline")
        .model("m").promptTokens(1).completionTokens(1).costUsd(0.0).latencyMs(1).valid(true).subjectKind("anon")
        .subjectId("s").locale("en").applied(true).inputText("how much does it cost")
        .outputText("{\"message\":\"answer\"}").exampleIdsJson("[]").build(), null);
    b.reviews().review("ex-1", "golden", null, null);
    new ScoreInteractions(b.scores(), clock, Scoring.standard()).run(Progress.NONE);
    new UpdateExampleBanks(b.interactions(), b.exampleBanks(), new ExampleSelector(ExampleSelector.Settings.defaults()), clock).run(Progress.NONE);
    clock.advance(Duration.ofMillis(PromptExamples.REFRESH_MS - 1));
    assertThat(examples.pick("sdr.copilot", "how much does it cost", "en", null, "x", 3)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(examples.pick("sdr.copilot", "how much does it cost", "en", null, "x", 3))
        .extracting(ExampleBanks.Example::interactionId).containsExactly("ex-1");
  }
}
