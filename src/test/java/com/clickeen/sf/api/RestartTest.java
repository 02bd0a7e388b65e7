package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.testing.TestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was answered survives a stop that writes nothing: sessions and queued interactions. */
class RestartTest {
  @TempDir
  Path dir;

  @Test
  void sessions_and_queued_interactions_survive_a_restart() throws Exception {
    List<String> requestIds = new ArrayList<>();
    // First life: the queue worker never runs, so every interaction is only on the durable queue.
    TestService first = TestService.start(dir, ModelRouter.offlineOnly(), false, Map.of());
    String grant = first.sdrGrant(null);
    for (String m : List.of("hi", "what does it cost?", "and widgets?")) {
      var r = first.post("/v1/execute", sdrBody(grant, "sess-restart", m));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      requestIds.add(json(r).path("requestId").asText());
    }
    assertThat(first.app.backends().interactions().countInteractions(null)).isZero();
    assertThat(first.app.backends().queue().stats().ready()).isEqualTo(3);
    first.app.stopWithoutDraining();

    // Second life on the same data folder: the worker writes what the first life queued.
    try (TestService second = TestService.start(dir)) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> requestIds.stream().allMatch(id -> second.app.backends().interactions().interaction(id).isPresent()));
      assertThat(second.app.backends().queue().stats().ready()).isZero();
      var session = SessionStore.onKv(second.app.backends().kv(), Duration.ofHours(24))
          .load("sdr.copilot", "sess-restart").orElseThrow();
      assertThat(session.turns()).extracting(t -> t.user()).containsExactly("hi", "what does it cost?", "and widgets?");
      // The conversation goes on with its history in the prompt.
      var r = second.post("/v1/execute", sdrBody(second.sdrGrant(1L), "sess-restart", "thanks, bye"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(json(r).path("result").path("next").asText()).isEqualTo("end");
    }
  }
}
