package com.clickeen.sf.llm;

import static com.clickeen.sf.testing.TestService.json;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every agent of {@code GET /v1/agents} answers its own example input with a schema-valid result on the
 * offline model, and through the DeepSeek adapter (the real Chat Completions wire format, on a loopback
 * mock that answers what a model would).
 */
class AllAgentsThroughAdapterTest {
  @TempDir
  Path dir;

  @Test
  void every_agent_answers_its_example_offline_and_through_the_chat_completions_adapter() throws Exception {
    WireMockServer mock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    mock.start();
    Map<String, String> env = Map.of("DEEPSEEK_API_KEY", "sk-x", "DEEPSEEK_BASE_URL", mock.baseUrl() + "/v1");
    try (TestService offline = TestService.start(dir.resolve("offline"));
         TestService viaAdapter = TestService.start(dir.resolve("adapter"), LlmConfig.fromEnvironment(env, null), true, env)) {
      JsonNode agents = json(offline.get("/v1/agents")).path("agents");
      assertThat(agents.size()).isEqualTo(8); // the seven agents and debug.grantProbe
      for (JsonNode a : agents) {
        String id = a.path("id").asText();
        String grant = offline.grant("u", List.of("agent:" + id), 4000, 2L, null, null);
        HttpResponse<String> r = offline.post("/v1/execute", TestService.executeBody(grant, id, a.path("exampleInput")));
        assertThat(r.statusCode()).as(id + ": " + r.body()).isEqualTo(200);
        JsonNode result = json(r).path("result");
        assertThat(com.clickeen.sf.json.SchemaValidator.of(a.path("resultSchema")).validate(result, "$")).as(id).isEmpty();

        // The same answer, as a model would send it over the wire (minus the editor's service-side meta).
        ObjectNode modelAnswer = (ObjectNode) result.deepCopy();
        modelAnswer.remove("meta");
        mock.resetAll();
        mock.stubFor(post(urlEqualTo("/v1/chat/completions"))
            .willReturn(okJson(ProviderAdaptersTest.openAiBody(Json.text(modelAnswer), true))));
        String grant2 = viaAdapter.grant("u", List.of("agent:" + id), 4000, 2L, null, null);
        HttpResponse<String> r2 = viaAdapter.post("/v1/execute", TestService.executeBody(grant2, id, a.path("exampleInput")));
        assertThat(r2.statusCode()).as(id + ": " + r2.body()).isEqualTo(200);
        JsonNode usage = json(r2).path("usage");
        assertThat(usage.path("provider").asText()).as(id).isIn("deepseek", "local");
        JsonNode result2 = json(r2).path("result");
        assertThat(com.clickeen.sf.json.SchemaValidator.of(a.path("resultSchema")).validate(result2, "$")).as(id).isEmpty();
      }
    } finally {
      mock.stop();
    }
  }
}
