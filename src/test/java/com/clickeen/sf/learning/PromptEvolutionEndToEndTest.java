package com.clickeen.sf.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.jobs.Job;
import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.ExperimentStore.DecisionRecord;
import com.clickeen.sf.learning.evolution.CandidateGate;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed loop over HTTP on the offline model with a settable clock: failures → failure report →
 * candidate (offline rule proposer) → offline gate → experiment → sticky arms → outcomes favouring the
 * candidate → promotion, and the next answer comes from the promoted version.
 */
class PromptEvolutionEndToEndTest {
  private static final String AGENT = "sdr.copilot";

  @TempDir
  Path dir;

  private final SettableClock clock = new SettableClock(Instant.now());

  HttpResponse<String> signed(TestService sf, String path, String body) throws Exception {
    return sf.post(path, body, Map.of("content-type", "application/json",
        "x-paris-signature", sf.app.outcomes().sign(body.getBytes(StandardCharsets.UTF_8))));
  }

  String run(TestService sf, String job) throws Exception {
    Job j = sf.app.jobs().find(job).orElseThrow();
    return j.run(Progress.NONE);
  }

  /** One execute per session; returns request id and served version per session. */
  Map<String, String[]> converse(TestService sf, String grant, String prefix, int n) throws Exception {
    Map<String, String[]> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = sf.post("/v1/execute", TestService.sdrBody(grant, prefix + i, "How do I embed a FAQ?"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode a = TestService.json(r);
      out.put(prefix + i, new String[] {a.path("requestId").asText(), a.path("prompt").path("version").asText()});
    }
    return out;
  }

  void outcome(TestService sf, String requestId, String session, String event) throws Exception {
    HttpResponse<String> r = signed(sf, "/v1/outcome", "{\"requestId\":\"" + requestId + "\",\"sessionId\":\"" + session
        + "\",\"event\":\"" + event + "\",\"occurredAtMs\":" + clock.millis() + "}");
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
  }

  void indexed(TestService sf, long count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> sf.app.backends().interactions().countInteractions(AGENT) >= count);
  }

  @Test
  void failures_become_a_candidate_that_passes_the_gate_wins_its_experiment_and_is_promoted() throws Exception {
    Map<String, String> env = Map.of("SF_JOBS", "false", "SF_PROPOSE_MIN_INTERACTIONS", "40", "SF_GATE_REPLAY", "10");
    try (TestService sf = TestService.start(dir, ModelRouter.offlineOnly(), true, env, clock)) {
      String grant = sf.grant("visitors", List.of("agent:" + AGENT), 10_000_000, 5_000L, null, null);

      // Week one: v1 answers 60 visitors and every answer is undone.
      Map<String, String[]> week1 = converse(sf, grant, "w1-", 60);
      for (var e : week1.entrySet()) {
        outcome(sf, e.getValue()[0], e.getKey(), "ux_undo");
      }
      indexed(sf, 60);
      assertThat(run(sf, "score-interactions")).isEqualTo("60 interactions scored");

      // analyze-and-improve: a report, then a candidate by the offline proposer, the gate, and an experiment.
      String analysis = run(sf, "analyze-and-improve");
      assertThat(analysis).contains("1 failure reports written").contains("sdr.copilot: candidate v2 passed the gate; "
          + "experiment exp-");
      PromptVersions prompts = sf.app.backends().prompts();
      PromptVersions.Provenance p = prompts.provenance(AGENT, 2).orElseThrow();
      assertThat(p.origin()).isEqualTo("candidate");
      assertThat(p.parentVersion()).isEqualTo(1);
      assertThat(p.proposer()).isEqualTo("offline-rules");
      assertThat(p.rationale()).startsWith("Deterministic offline proposer (no model)");
      assertThat(p.gateJson()).contains("\"passed\":true").contains("\"replayed\":10");
      assertThat(prompts.activePrompt(AGENT).orElseThrow().version()).isEqualTo(1);
      assertThat(prompts.prompts(AGENT).get(1).text()).contains("Users undid 60 recent answers");
      Experiment exp = sf.app.jobs().experiments().list(AGENT, 1).getFirst();
      assertThat(exp.status()).isEqualTo(Experiment.Status.RUNNING);
      assertThat(exp.candidateVersion()).isEqualTo(2);

      // Week two: 300 visitors, split between the arms; each keeps its arm on a second turn.
      clock.advance(Duration.ofSeconds(3)); // past the arm cache's refresh
      Map<String, String[]> week2 = converse(sf, grant, "w2-", 300);
      long onCandidate = week2.values().stream().filter(v -> v[1].equals("2")).count();
      assertThat(onCandidate).isBetween(110L, 190L);
      Map<String, String[]> again = new HashMap<>();
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> r = sf.post("/v1/execute", TestService.sdrBody(grant, "w2-" + i, "And pricing?"));
        again.put("w2-" + i, new String[] {null, TestService.json(r).path("prompt").path("version").asText()});
      }
      again.forEach((s, v) -> assertThat(v[1]).as(s).isEqualTo(week2.get(s)[1]));

      // The candidate's answers are kept, the control's undone.
      for (var e : week2.entrySet()) {
        outcome(sf, e.getValue()[0], e.getKey(), e.getValue()[1].equals("2") ? "ux_keep" : "ux_undo");
      }
      indexed(sf, 60 + 300 + 30);
      run(sf, "score-interactions");
      String decided = run(sf, "evaluate-experiments");
      assertThat(decided).contains(exp.id() + " (sdr.copilot): promote, applied - candidate better");

      Experiment after = sf.app.jobs().experiments().get(exp.id());
      assertThat(after.status()).isEqualTo(Experiment.Status.PROMOTED);
      assertThat(prompts.activePrompt(AGENT).orElseThrow().version()).isEqualTo(2);
      assertThat(prompts.provenance(AGENT, 2).orElseThrow().origin()).isEqualTo("promoted");
      List<DecisionRecord> log = sf.app.jobs().experiments().decisions(exp.id());
      assertThat(log).last().satisfies(d -> {
        assertThat(d.verdict()).isEqualTo("promote");
        assertThat(d.applied()).isTrue();
        assertThat(d.statsJson()).contains("\"candidate\":{\"exposures\":");
      });

      // A new visitor, once the cache has refreshed, is answered by v2 outside any experiment.
      clock.advance(Duration.ofSeconds(3));
      JsonNode next = TestService.json(sf.post("/v1/execute", TestService.sdrBody(grant, "w3-0", "hello")));
      assertThat(next.path("prompt").path("version").asInt()).isEqualTo(2);
    }
  }

  @Test
  void a_candidate_that_breaks_the_contract_fails_the_gate_with_the_reason() throws Exception {
    try (TestService sf = TestService.start(dir, ModelRouter.offlineOnly(), false, Map.of("SF_JOBS", "false"), clock)) {
      PromptVersions prompts = sf.app.backends().prompts();
      String v1 = prompts.activePrompt(AGENT).orElseThrow().text();
      String noGuard = new ArrayList<>(List.of(v1.split("\n"))).stream()
          .filter(l -> !l.contains("user_message") && !l.contains("instructions")).reduce("", (a, b) -> a + b + "\n");
      int v = prompts.addPrompt(AGENT, noGuard + "- Reply in plain text.\n", clock.millis()).version();
      CandidateGate.Verdict verdict = sf.app.gate().check(AGENT, v);
      assertThat(verdict.passed()).isFalse();
      assertThat(verdict.reason()).startsWith("the candidate breaks its contract: ")
          .contains("drops the injection guard").contains("contradicts the output contract");
      assertThat(verdict.json()).contains("\"passed\":false");
    }
  }
}
