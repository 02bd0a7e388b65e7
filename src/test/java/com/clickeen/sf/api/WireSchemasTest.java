package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemas {@code /openapi.json} publishes and the service's own checks give the same verdict: for bodies of
 * every kind, valid and broken in each way the schema describes, the service refuses (4xx other than a lookup's
 * 404) exactly the bodies the schema refuses.
 */
class WireSchemasTest {
  @TempDir
  Path dir;

  record Case(String definition, String path, String body) {}

  @Test
  void the_service_refuses_exactly_what_the_schemas_refuse() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      String grant = sf.grant("schema-test", List.of("agent:sdr.copilot"), 1200, null, null, null);
      String known = Json.parse(sf.post("/v1/execute", TestService.sdrBody(grant, "s-w", "hi")).body())
          .path("requestId").asText();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> !sf.app.backends().interactions().knownInteractionIds(java.util.Set.of(known)).isEmpty());

      String input = "{\"sessionId\":\"s-w\",\"message\":\"hi\"}";
      String g = "\"grant\":\"" + grant + "\"";
      List<Case> cases = new ArrayList<>();
      for (String b : List.of(
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + "}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":null,\"stream\":null}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":{\"requestId\":\"w-1\",\"locale\":\"en\",\"client\":[1]}}",
          "{\"grant\":7,\"agentId\":\"sdr.copilot\",\"input\":" + input + "}",
          "{" + g + ",\"input\":" + input + "}",
          "{" + g + ",\"agentId\":5,\"input\":" + input + "}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":\"hi\"}",
          "{" + g + ",\"agentId\":\"sdr.copilot\"}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":\"t\"}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":{\"requestId\":\"a..b\"}}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":{\"requestId\":\"-lead\"}}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":{\"requestId\":12}}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"trace\":{\"locale\":\"" + "x".repeat(65) + "\"}}",
          "{" + g + ",\"agentId\":\"sdr.copilot\",\"input\":" + input + ",\"stream\":\"yes\"}")) {
        cases.add(new Case("ExecuteRequest", "/v1/execute", b));
      }
      String ok = "\"requestId\":\"" + known + "\",\"sessionId\":\"s-w\",\"event\":\"cta_clicked\",\"occurredAtMs\":1795528300000";
      for (String b : List.of(
          "{" + ok + "}",
          "{" + ok + ",\"timeToDecisionMs\":null,\"accountIdHash\":\"h\"}",
          "{\"command\":\"ai.outcome.attach\",\"payload\":{" + ok + "}}",
          "{\"command\":\"ai.outcome.detach\",\"payload\":{" + ok + "}}",
          "{\"command\":\"ai.outcome.attach\",\"payload\":{\"requestId\":\"x\"}}",
          "{" + ok + ",\"command\":\"ai.outcome.attach\"}",
          "{\"sessionId\":\"s-w\",\"event\":\"cta_clicked\",\"occurredAtMs\":1}",
          "{\"requestId\":\"bad id\",\"sessionId\":\"s-w\",\"event\":\"cta_clicked\",\"occurredAtMs\":1}",
          "{\"requestId\":\"r\",\"sessionId\":5,\"event\":\"cta_clicked\",\"occurredAtMs\":1}",
          "{\"requestId\":\"r\",\"sessionId\":\"s\",\"event\":\"clicked\",\"occurredAtMs\":1}",
          "{\"requestId\":\"r\",\"sessionId\":\"s\",\"event\":\"ux_keep\",\"occurredAtMs\":-1}",
          "{\"requestId\":\"r\",\"sessionId\":\"s\",\"event\":\"ux_keep\",\"occurredAtMs\":\"1\"}",
          "{\"requestId\":\"r\",\"sessionId\":\"s\",\"event\":\"ux_keep\",\"occurredAtMs\":1,\"timeToDecisionMs\":-5}",
          "{\"requestId\":\"r\",\"sessionId\":\"s\",\"event\":\"ux_keep\",\"occurredAtMs\":1,\"accountIdHash\":\"" + "h".repeat(257) + "\"}",
          "[1]")) {
        cases.add(new Case("OutcomeRequest", "/v1/outcome", b));
      }
      for (String b : List.of(
          "{\"type\":\"converted\",\"sessionId\":\"s-w\",\"occurredAtMs\":1795528300000}",
          "{\"type\":\"paid\",\"userId\":\"u-1\",\"occurredAtMs\":1795528300001}",
          "{\"type\":\"signup\",\"sessionId\":\"s-w\",\"occurredAtMs\":1}",
          "{\"type\":\"paid\",\"occurredAtMs\":1}",
          "{\"type\":\"paid\",\"userId\":\"u 1\",\"occurredAtMs\":1}",
          "{\"type\":\"paid\",\"userId\":\"u-1\"}",
          "{\"type\":\"paid\",\"userId\":\"u-1\",\"occurredAtMs\":1.5}")) {
        cases.add(new Case("EventRequest", "/v1/learning/events", b));
      }
      for (String b : List.of(
          "{\"interactionId\":\"" + known + "\",\"humanReview\":\"golden\"}",
          "{\"interactionId\":\"" + known + "\",\"userFeedback\":\"not-helpful\",\"taskCompleted\":true}",
          "{\"interactionId\":12345,\"taskCompleted\":false}",
          "{\"interactionId\":\"" + known + "\"}",
          "{\"humanReview\":\"good\"}",
          "{\"interactionId\":true,\"humanReview\":\"good\"}",
          "{\"interactionId\":\"" + known + "\",\"humanReview\":\"great\"}",
          "{\"interactionId\":\"" + known + "\",\"humanReview\":null}",
          "{\"interactionId\":\"" + known + "\",\"taskCompleted\":\"yes\"}")) {
        cases.add(new Case("ReviewRequest", "/v1/learning/review", b));
      }

      List<String> disagreements = new ArrayList<>();
      int refused = 0;
      for (Case c : cases) {
        JsonNode body = Json.parse(c.body());
        boolean schemaAccepts = WireSchemas.validator(c.definition()).validate(body, "$").isEmpty();
        HttpResponse<String> r = c.path().equals("/v1/execute") ? sf.post(c.path(), c.body())
            : sf.post(c.path(), c.body(), Map.of("content-type", "application/json",
                "x-paris-signature", sf.app.outcomes().sign(c.body().getBytes(StandardCharsets.UTF_8))));
        boolean serviceAccepts = r.statusCode() < 400 || r.statusCode() == 404;
        refused += serviceAccepts ? 0 : 1;
        if (schemaAccepts != serviceAccepts) {
          disagreements.add(c.path() + " " + c.body().replace(grant, "GRANT") + ": schema "
              + (schemaAccepts ? "accepts" : "refuses") + ", service answered " + r.statusCode() + " " + r.body());
        }
      }
      assertThat(disagreements).isEmpty();
      assertThat(refused).as("the corpus has broken bodies").isGreaterThan(25);
      assertThat(cases.size() - refused).as("and valid ones").isGreaterThanOrEqualTo(10);
    }
  }
}
