package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.AgentInteraction;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API against a real server on port 0, through a real HTTP client. */
class ApiTest {
  @TempDir
  static Path dir;
  static TestService sf;

  @BeforeAll
  static void start() {
    sf = TestService.start(dir);
  }

  @AfterAll
  static void stop() {
    sf.close();
  }

  static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(r.headers().firstValue("cache-control")).contains("no-store");
    JsonNode body = json(r);
    assertThat(body.path("error").path("code").asText()).isEqualTo(code);
    assertThat(body.path("error").path("message").asText()).isNotBlank();
  }

  @Test
  void healthz_answers_without_auth() throws Exception {
    HttpResponse<String> r = sf.get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("ok").asBoolean()).isTrue();
  }

  @Test
  void agents_lists_each_agent_with_schemas_and_an_example_that_executes() throws Exception {
    JsonNode agents = json(sf.get("/v1/agents")).path("agents");
    assertThat(agents.size()).isGreaterThanOrEqualTo(1);
    for (JsonNode a : agents) {
      assertThat(a.path("id").asText()).isNotBlank();
      assertThat(a.path("description").asText()).isNotBlank();
      assertThat(a.path("inputSchema").path("type").asText()).isEqualTo("object");
      assertThat(a.path("exampleInput").isObject()).isTrue();
      String grant = sf.grant("u-example", List.of("agent:" + a.path("id").asText()), 1200, 1L, null, null);
      HttpResponse<String> r = sf.post("/v1/execute", TestService.executeBody(grant, a.path("id").asText(),
          a.path("exampleInput")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void sdr_copilot_answers_and_the_interaction_is_stored_in_sql_and_blob() throws Exception {
    HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(3L), "sess-api-1", "How much does it cost?"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    String requestId = body.path("requestId").asText();
    assertThat(body.path("agentId").asText()).isEqualTo("sdr.copilot");
    assertThat(body.path("result").path("message").asText()).isNotBlank();
    assertThat(body.path("result").path("next").asText()).isIn("continue", "end");
    assertThat(body.path("result").path("cta").path("kind").asText()).isEqualTo("signup");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("provider").asText()).isEqualTo("offline");
    assertThat(usage.path("model").asText()).isEqualTo("sf-offline-1");
    assertThat(usage.path("tokens").asInt()).isEqualTo(usage.path("promptTokens").asInt() + usage.path("completionTokens").asInt());
    assertThat(usage.path("costUsd").asDouble()).isZero();
    assertThat(usage.has("latencyMs")).isTrue();

    Interactions index = sf.app.backends().interactions();
    await().atMost(Duration.ofSeconds(10)).until(() -> index.interaction(requestId).isPresent());
    InteractionRow row = index.interaction(requestId).orElseThrow();
    assertThat(row.sessionId()).isEqualTo("sess-api-1");
    assertThat(row.valid()).isTrue();
    assertThat(row.promptId()).isEqualTo("sdr.copilot@v1");
    assertThat(row.r2Key()).matches("logs/dev/sdr\\.copilot/\\d{4}-\\d{2}-\\d{2}/" + requestId + "\\.json");
    byte[] blob = sf.app.backends().blobs().get(row.r2Key()).orElseThrow(); // the raw payload, in the embedded log
    AgentInteraction stored = Json.read(blob, AgentInteraction.class);
    assertThat(stored.id()).isEqualTo(requestId);
    assertThat(stored.input().prompt()).isEqualTo("How much does it cost?");
    assertThat(stored.output().response()).isEqualTo(body.path("result"));
    assertThat(stored.output().model()).isEqualTo("sf-offline-1");
    assertThat(stored.prompt().version()).isEqualTo(1);
    assertThat(stored.outcomes().technical().valid()).isTrue();
  }

  @Test
  void the_session_keeps_the_last_ten_turns() throws Exception {
    String grant = sf.grant("visitor-turns", List.of("agent:sdr.copilot"), 1200, null, null, null);
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "sess-turns", "message number " + i));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    var session = com.clickeen.sf.sessions.SessionStore.onKv(sf.app.backends().kv(), Duration.ofHours(24))
        .load(com.clickeen.sf.grants.Subject.of("visitor-turns"), "sdr.copilot", "sess-turns").orElseThrow();
    assertThat(session.turns()).hasSize(10);
    assertThat(session.turns().getFirst().user()).isEqualTo("message number 2");
    assertThat(session.turns().getLast().user()).isEqualTo("message number 11");
  }

  @Test
  void a_client_request_id_is_used_and_must_be_safe() throws Exception {
    String body = "{\"grant\":\"" + sf.sdrGrant(5L) + "\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"s\","
        + "\"message\":\"hi\"},\"trace\":{\"requestId\":\"req-fixed-1\",\"locale\":\"fr-FR\"}}";
    HttpResponse<String> r = sf.post("/v1/execute", body);
    assertThat(json(r).path("requestId").asText()).isEqualTo("req-fixed-1");
    HttpResponse<String> bad = sf.post("/v1/execute", body.replace("req-fixed-1", "../../etc/passwd"));
    assertError(bad, 400, "BAD_REQUEST");
    assertThat(json(bad).path("error").path("issues").get(0).path("path").asText()).isEqualTo("$.trace.requestId");
  }

  @Test
  void a_reused_request_id_is_409_and_keeps_the_first_interaction() throws Exception {
    String grant = sf.sdrGrant(null);
    String body = "{\"grant\":\"" + grant + "\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"s-dup\","
        + "\"message\":\"first\"},\"trace\":{\"requestId\":\"req-dup-1\"}}";
    assertThat(sf.post("/v1/execute", body).statusCode()).isEqualTo(200);
    Interactions index = sf.app.backends().interactions();
    await().atMost(Duration.ofSeconds(10)).until(() -> index.interaction("req-dup-1").isPresent());
    assertError(sf.post("/v1/execute", body.replace("first", "second")), 409, "CONFLICT");
    await().atMost(Duration.ofSeconds(10)).until(() -> sf.app.backends().queue().stats().ready() == 0
        && sf.app.backends().queue().stats().delayedOrInFlight() == 0);
    byte[] blob = sf.app.backends().blobs().get(index.interaction("req-dup-1").orElseThrow().r2Key()).orElseThrow();
    assertThat(Json.read(blob, AgentInteraction.class).input().prompt()).isEqualTo("first");
  }

  @Test
  void metrics_are_served_in_prometheus_format() throws Exception {
    assertThat(sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-metrics", "hi")).statusCode()).isEqualTo(200);
    sf.post("/v1/execute", TestService.executeBody(sf.sdrGrant(1L), "made.up.agent." + System.nanoTime(), Json.object()));
    sf.post("/v1/execute", TestService.executeBody(sf.sdrGrant(1L), "ops.monitor", Json.object()));
    HttpResponse<String> r = sf.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains("sf_execute_requests_total{agent=\"sdr.copilot\",status=\"200\"}")
        .contains("sf_execute_errors_total{code=\"CAPABILITY_DENIED\"}")
        .contains("sf_execute_errors_total{code=\"NOT_FOUND\"}")
        .contains("sf_llm_calls_total{model=\"sf-offline-1\",outcome=\"ok\",provider=\"offline\"}")
        .contains("sf_llm_tokens_total{kind=\"completion\",model=\"sf-offline-1\",provider=\"offline\"}")
        .contains("sf_llm_latency_seconds_bucket")
        .contains("sf_llm_cost_usd")
        .doesNotContain("made.up.agent");
  }

  @Test
  void errors_follow_the_wire_format() throws Exception {
    assertError(sf.get("/nope"), 404, "NOT_FOUND");
    assertError(sf.post("/v1/execute", "{}", Map.of("content-type", "text/plain")), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertError(sf.post("/v1/execute", "{\"grant\":", Map.of("content-type", "application/json")), 400, "BAD_REQUEST");
    assertError(sf.post("/v1/execute", "", Map.of("content-type", "application/json")), 400, "BAD_REQUEST");
    assertError(sf.post("/v1/execute", "[1]"), 400, "BAD_REQUEST");
    assertError(sf.post("/v1/execute", "{\"a\":1,\"a\":2}"), 400, "BAD_REQUEST");
    assertError(sf.post("/v1/execute", "[".repeat(5000) + "]".repeat(5000)), 400, "BAD_REQUEST");
    // With "Expect: 100-continue" the client waits for the server's verdict before sending the body. Without
    // it, a server that refuses a body it has not read closes a connection with data still arriving, and the
    // client may see the TCP reset instead of the 413 (a teardown race of TCP, not of the answer's shape).
    HttpRequest oversized = HttpRequest.newBuilder(sf.uri("/v1/execute")).expectContinue(true)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}")).build();
    assertError(sf.http.send(oversized, HttpResponse.BodyHandlers.ofString()), 413, "PAYLOAD_TOO_LARGE");
    assertError(sf.get("/v1/execute"), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void a_chunked_body_over_the_limit_is_413_too() throws Exception {
    byte[] big = new byte[400 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    HttpRequest req = HttpRequest.newBuilder(sf.uri("/v1/execute"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
        .build();
    assertError(sf.http.send(req, HttpResponse.BodyHandlers.ofString()), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void missing_or_bad_grants_are_401() throws Exception {
    assertError(sf.post("/v1/execute", "{\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"s\",\"message\":\"hi\"}}"),
        401, "GRANT_INVALID");
    String good = sf.sdrGrant(5L);
    assertError(sf.post("/v1/execute", sdrBody(good + "=", "s", "hi")), 401, "GRANT_INVALID");
    assertError(sf.post("/v1/execute", sdrBody(good.replace("v1.", "v2."), "s", "hi")), 401, "GRANT_INVALID");
    assertError(sf.post("/v1/execute", sdrBody("v1." + "A".repeat(100_000) + ".x", "s", "hi")), 401, "GRANT_INVALID");
    long now = System.currentTimeMillis() / 1000;
    String expired = sf.codec.mint(com.clickeen.sf.grants.GrantCodec.payload("u", List.of("agent:sdr.copilot"),
        now - 120, now - 60, "old", 500, 1L, null, null));
    assertError(sf.post("/v1/execute", sdrBody(expired, "s", "hi")), 401, "GRANT_EXPIRED");
  }

  @Test
  void capability_is_checked_and_unknown_agents_are_404() throws Exception {
    String grant = sf.grant("u", List.of("agent:editor.copilot"), 500, 5L, null, null);
    assertError(sf.post("/v1/execute", sdrBody(grant, "s", "hi")), 403, "CAPABILITY_DENIED");
    String any = sf.sdrGrant(5L);
    assertError(sf.post("/v1/execute", TestService.executeBody(any, "no.such.agent", Json.object())), 404,
        "NOT_FOUND");
  }

  @Test
  void agent_input_is_validated_with_paths() throws Exception {
    String grant = sf.sdrGrant(5L);
    HttpResponse<String> r = sf.post("/v1/execute", TestService.executeBody(grant, "sdr.copilot",
        Json.parse("{\"sessionId\":\"s\",\"message\":42}")));
    assertError(r, 400, "BAD_REQUEST");
    assertThat(json(r).path("error").path("issues").toString()).contains("$.input.message");
    HttpResponse<String> missing = sf.post("/v1/execute", TestService.executeBody(grant, "sdr.copilot",
        Json.parse("{\"sessionId\":\"s\"}")));
    assertError(missing, 400, "BAD_REQUEST");
  }

  @Test
  void max_requests_is_enforced_and_reported_as_429() throws Exception {
    String grant = sf.sdrGrant(2L);
    assertThat(sf.post("/v1/execute", sdrBody(grant, "s-429", "hi")).statusCode()).isEqualTo(200);
    assertThat(sf.post("/v1/execute", sdrBody(grant, "s-429", "hi")).statusCode()).isEqualTo(200);
    HttpResponse<String> third = sf.post("/v1/execute", sdrBody(grant, "s-429", "hi"));
    assertError(third, 429, "BUDGET_EXCEEDED");
    assertThat(json(third).path("error").path("budget").asText()).isEqualTo("maxRequests");
  }

  @Test
  void max_tokens_caps_each_model_call_and_is_not_a_pot() throws Exception {
    String grant = sf.grant("u-tokens", List.of("agent:sdr.copilot"), 60, null, null, null);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "s-tok", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("usage").path("completionTokens").asInt()).isBetween(1, 60);
    }
  }

  @Test
  void outcomes_need_a_valid_signature_and_are_idempotent() throws Exception {
    String body = "{\"requestId\":\"req-o-1\",\"sessionId\":\"s1\",\"event\":\"ux_keep\",\"occurredAtMs\":1790000000000,"
        + "\"timeToDecisionMs\":1200}";
    assertError(sf.post("/v1/outcome", body), 401, "GRANT_INVALID");
    assertError(sf.post("/v1/outcome", body, Map.of("content-type", "application/json", "x-paris-signature", "AAAA")),
        403, "CAPABILITY_DENIED");
    String sig = sf.app.outcomes().sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> headers = Map.of("content-type", "application/json", "x-paris-signature", sig);
    HttpResponse<String> first = sf.post("/v1/outcome", body, headers);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first).path("duplicate").asBoolean()).isFalse();
    HttpResponse<String> again = sf.post("/v1/learning/outcome", body, headers);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("duplicate").asBoolean()).isTrue();
    assertThat(sf.app.backends().outcomes().outcomes("req-o-1")).hasSize(1);
    // A signature over other bytes (one space added) does not match.
    assertError(sf.post("/v1/outcome", body + " ", headers), 403, "CAPABILITY_DENIED");
  }

  @Test
  void outcomes_in_pariss_command_envelope_are_attached_on_both_routes() throws Exception {
    String inner = "{\"requestId\":\"req-env-1\",\"sessionId\":\"s1\",\"event\":\"cta_clicked\",\"occurredAtMs\":1790000000000}";
    for (String path : new String[] {"/v1/outcome", "/v1/learning/outcome"}) {
      String body = "{\"command\":\"ai.outcome.attach\",\"payload\":" + inner + "}";
      HttpResponse<String> r = sf.post(path, body, Map.of("content-type", "application/json", "x-paris-signature",
          sf.app.outcomes().sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("duplicate").asBoolean()).isEqualTo(path.equals("/v1/learning/outcome"));
    }
    assertThat(sf.app.backends().outcomes().outcomes("req-env-1")).extracting(o -> o.event()).containsExactly("cta_clicked");
    for (String bad : new String[] {"{\"command\":\"ai.other\",\"payload\":" + inner + "}",
        "{\"command\":\"ai.outcome.attach\",\"payload\":\"x\"}"}) {
      HttpResponse<String> r = sf.post("/v1/outcome", bad, Map.of("content-type", "application/json", "x-paris-signature",
          sf.app.outcomes().sign(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      assertError(r, 400, "BAD_REQUEST");
    }
  }

  @Test
  void outcome_bodies_are_validated() throws Exception {
    String body = "{\"requestId\":\"r\",\"sessionId\":\"s\",\"event\":\"clicked_somewhere\",\"occurredAtMs\":\"yesterday\"}";
    String sig = sf.app.outcomes().sign(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> r = sf.post("/v1/outcome", body, Map.of("content-type", "application/json",
        "x-paris-signature", sig));
    assertError(r, 400, "BAD_REQUEST");
    assertThat(json(r).path("error").path("issues").toString()).contains("$.event").contains("$.occurredAtMs");
  }

  @Test
  void unknown_methods_on_known_paths_do_not_leak_stack_traces() throws Exception {
    HttpResponse<String> r = sf.http.send(HttpRequest.newBuilder(URI.create(sf.uri("/v1/outcome").toString()))
        .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isIn(404, 405);
    assertThat(r.body()).doesNotContain("Exception").startsWith("{\"error\"");
  }
}
