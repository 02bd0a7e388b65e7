package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.llm.PriceTable;
import com.clickeen.sf.testing.ScriptedProvider;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: what an attacker tried against the running service, each as a regression test. */
class HardeningTest {
  @TempDir
  static Path dir;
  static TestService sf;
  static ScriptedProvider model = new ScriptedProvider("scripted", ScriptedProvider.Mode.ANSWER, 10, 10);

  @BeforeAll
  static void start() {
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(model, "m")), PriceTable.defaults());
    sf = TestService.start(dir, router, true, Map.of());
  }

  @AfterAll
  static void stop() {
    sf.close();
  }

  static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    ApiTest.assertError(r, status, code);
  }

  static String grantFor(String sub) {
    return sf.grant(sub, List.of("agent:sdr.copilot"), 1200, null, null, null);
  }

  static String withTrace(String body, String traceJson) {
    return body.substring(0, body.length() - 1) + ",\"trace\":" + traceJson + "}";
  }

  // --- item 2: sessions belong to the subject that created them ----------------------------------------

  @Test
  void a_grant_for_another_subject_never_continues_the_first_subjects_session() throws Exception {
    String session = "shared-" + UUID.randomUUID();
    HttpResponse<String> a = sf.post("/v1/execute", sdrBody(grantFor("visitor-a"), session, "my secret is 4711"));
    assertThat(a.statusCode()).as(a.body()).isEqualTo(200);

    HttpResponse<String> b = sf.post("/v1/execute", sdrBody(grantFor("visitor-b"), session, "what did I say?"));
    assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
    String seenByModel = String.join("\n", model.lastMessages.stream().map(m -> m.content()).toList());
    assertThat(seenByModel).contains("what did I say?").doesNotContain("4711");

    HttpResponse<String> a2 = sf.post("/v1/execute", sdrBody(grantFor("visitor-a"), session, "and now?"));
    assertThat(a2.statusCode()).isEqualTo(200);
    String seenForA = String.join("\n", model.lastMessages.stream().map(m -> m.content()).toList());
    assertThat(seenForA).contains("4711").doesNotContain("what did I say?");
  }

  // --- item 3: request ids ---------------------------------------------------------------------------------

  @Test
  void a_trace_request_id_the_blob_store_would_refuse_is_400_before_anything_runs() throws Exception {
    for (String id : List.of("-x", ".hidden", "a..b", "..", "_x", "x".repeat(129))) {
      int calls = model.calls.get();
      HttpResponse<String> r = sf.post("/v1/execute", withTrace(sdrBody(grantFor("v-ids"), "s-ids", "hi"),
          "{\"requestId\":" + Json.text(Json.tree(id)) + "}"));
      assertError(r, 400, "BAD_REQUEST");
      assertThat(json(r).path("error").path("issues").get(0).path("path").asText()).isEqualTo("$.trace.requestId");
      assertThat(model.calls.get()).as(id).isEqualTo(calls);
    }
  }

  @Test
  void a_second_execute_with_the_same_request_id_is_409_CONFLICT_and_runs_nothing() throws Exception {
    String id = "claim-" + UUID.randomUUID();
    String body = withTrace(sdrBody(grantFor("v-claim"), "s-claim", "first"), "{\"requestId\":\"" + id + "\"}");
    assertThat(sf.post("/v1/execute", body).statusCode()).isEqualTo(200);
    int calls = model.calls.get();
    HttpResponse<String> again = sf.post("/v1/execute",
        withTrace(sdrBody(grantFor("v-other"), "s-claim", "second"), "{\"requestId\":\"" + id + "\"}"));
    assertError(again, 409, "CONFLICT");
    assertThat(model.calls.get()).isEqualTo(calls);
  }

  @Test
  void concurrent_executes_with_one_request_id_answer_200_exactly_once() throws Exception {
    String id = "race-" + UUID.randomUUID();
    List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String body = withTrace(sdrBody(grantFor("v-race-" + i), "s-race", "hi " + i), "{\"requestId\":\"" + id + "\"}");
      fs.add(sf.http.sendAsync(HttpRequest.newBuilder(sf.uri("/v1/execute")).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = fs.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    assertThat(statuses).containsOnly(200, 409);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
  }

  // --- item 5: X-HTTP-Method-Override --------------------------------------------------------------------

  @Test
  void x_http_method_override_is_not_honoured() throws Exception {
    int calls = model.calls.get();
    HttpRequest get = HttpRequest.newBuilder(sf.uri("/v1/execute")).header("X-HTTP-Method-Override", "POST")
        .header("content-type", "application/json")
        .method("GET", HttpRequest.BodyPublishers.ofString(sdrBody(grantFor("v-override"), "s-o", "hi"))).build();
    HttpResponse<String> r = sf.http.send(get, HttpResponse.BodyHandlers.ofString());
    assertError(r, 405, "METHOD_NOT_ALLOWED");
    assertThat(model.calls.get()).isEqualTo(calls);
  }

  // --- item 8: trace types, echoed ids ---------------------------------------------------------------------

  @Test
  void wrong_typed_trace_fields_are_400_naming_the_field() throws Exception {
    String body = sdrBody(grantFor("v-trace"), "s-trace", "hi");
    for (String trace : List.of("{\"requestId\":7}", "{\"requestId\":{}}", "{\"locale\":[\"fr\"]}",
        "{\"locale\":\"" + "x".repeat(65) + "\"}")) {
      HttpResponse<String> r = sf.post("/v1/execute", withTrace(body, trace));
      assertError(r, 400, "BAD_REQUEST");
      assertThat(json(r).path("error").path("issues").get(0).path("path").asText()).startsWith("$.trace.");
    }
    // trace.client is not used by the service: any JSON value is accepted and ignored
    assertThat(sf.post("/v1/execute", withTrace(body, "{\"client\":{\"x\":1}}")).statusCode()).isEqualTo(200);
  }

  @Test
  void unknown_ids_are_echoed_at_most_128_characters() throws Exception {
    String longId = "agent" + "z".repeat(5000);
    HttpResponse<String> r = sf.post("/v1/execute", TestService.executeBody(grantFor("v-echo"), longId, Json.object()));
    assertError(r, 404, "NOT_FOUND");
    assertThat(json(r).path("error").path("message").asText()).doesNotContain("z".repeat(129)).contains("z".repeat(100));
    HttpResponse<String> notFound = sf.get("/" + "p".repeat(3000));
    assertError(notFound, 404, "NOT_FOUND");
    assertThat(json(notFound).path("error").path("message").asText()).doesNotContain("p".repeat(129));
  }

  @Test
  void healthz_keeps_answering() throws Exception {
    JsonNode h = json(sf.get("/healthz"));
    assertThat(h.path("ok").asBoolean()).isTrue();
  }

  @Test
  void executes_in_flight_per_subject_are_capped_with_429_TOO_MANY_IN_FLIGHT(@TempDir Path own) throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
    com.clickeen.sf.llm.LlmProvider blocking = new com.clickeen.sf.llm.LlmProvider() {
      @Override
      public String id() {
        return "blocking";
      }

      @Override
      public com.clickeen.sf.llm.ChatResponse chat(com.clickeen.sf.llm.ChatRequest request) {
        entered.incrementAndGet();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new com.clickeen.sf.llm.ChatResponse("{\"message\":\"ok\",\"next\":\"continue\"}",
            new com.clickeen.sf.llm.TokenUsage("blocking", request.model(), 1, 1), "stop");
      }
    };
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(blocking, "m")), PriceTable.defaults());
    try (TestService capped = TestService.start(own, router, true, Map.of("SF_MAX_IN_FLIGHT_PER_SUBJECT", "2"))) {
      String grant = capped.grant("v-busy", List.of("agent:sdr.copilot"), 1200, null, null, null);
      List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        running.add(capped.http.sendAsync(HttpRequest.newBuilder(capped.uri("/v1/execute"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(sdrBody(grant, "s-busy-" + i, "hi"))).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 2);
      HttpResponse<String> third = capped.post("/v1/execute", sdrBody(grant, "s-busy-3", "hi"));
      assertError(third, 429, "TOO_MANY_IN_FLIGHT");
      // another subject is not held back by the first one's executes
      String other = capped.grant("v-idle", List.of("agent:sdr.copilot"), 1200, null, null, null);
      CompletableFuture<HttpResponse<String>> fourth = capped.http.sendAsync(HttpRequest.newBuilder(capped.uri("/v1/execute"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(sdrBody(other, "s-idle", "hi"))).build(),
          HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 3);
      release.countDown();
      for (var f : running) {
        assertThat(f.join().statusCode()).isEqualTo(200);
      }
      assertThat(fourth.join().statusCode()).isEqualTo(200);
      assertThat(capped.post("/v1/execute", sdrBody(grant, "s-busy-5", "hi")).statusCode()).isEqualTo(200);
    }
  }

  static void awaitQuiet() {
    await().atMost(Duration.ofSeconds(10)).until(() -> sf.app.backends().queue().stats().ready() == 0);
  }
}
