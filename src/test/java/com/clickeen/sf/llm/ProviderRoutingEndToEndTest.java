package com.clickeen.sf.llm;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Provider keys and base URLs from the environment, through /v1/execute, against loopback mocks. */
class ProviderRoutingEndToEndTest {
  static final String DEEPSEEK_KEY = "sk-deepseek-secret-value-1";
  static final String ANTHROPIC_KEY = "sk-ant-secret-value-2";
  static final String SDR_ANSWER = "{\"message\":\"Our free plan covers one site.\",\"next\":\"continue\"}";

  @TempDir
  Path dir;
  WireMockServer deepseek;
  WireMockServer anthropic;
  ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void start() {
    deepseek = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    anthropic = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    deepseek.start();
    anthropic.start();
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    deepseek.stop();
    anthropic.stop();
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("DEEPSEEK_API_KEY", DEEPSEEK_KEY);
    env.put("DEEPSEEK_BASE_URL", deepseek.baseUrl() + "/v1");
    env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
    env.put("ANTHROPIC_BASE_URL", anthropic.baseUrl());
    return env;
  }

  TestService service(Map<String, String> env) {
    return TestService.start(dir, LlmConfig.fromEnvironment(env, null), true, env);
  }

  @Test
  void execute_answers_with_the_providers_tokens_and_the_price_tables_cost() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(ProviderAdaptersTest.openAiBody(SDR_ANSWER, true))));
    try (TestService sf = service(env())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-e2e", "price?"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode usage = json(r).path("usage");
      assertThat(usage.path("provider").asText()).isEqualTo("deepseek");
      assertThat(usage.path("model").asText()).isEqualTo("deepseek-chat");
      assertThat(usage.path("promptTokens").asInt()).isEqualTo(120);
      assertThat(usage.path("completionTokens").asInt()).isEqualTo(30);
      // deepseek-chat: $0.27 / 1M in, $1.10 / 1M out.
      assertThat(usage.path("costUsd").asDouble()).isCloseTo((120 * 0.27 + 30 * 1.10) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(json(r).path("result").path("message").asText()).isEqualTo("Our free plan covers one site.");
    }
    assertKeysNeverLogged();
  }

  @Test
  void when_the_first_provider_dies_answers_come_from_the_fallback() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(ProviderAdaptersTest.openAiBody(SDR_ANSWER, true))));
    anthropic.stubFor(post(urlEqualTo("/v1/messages")).willReturn(okJson(ProviderAdaptersTest.anthropicBody(
        SDR_ANSWER.substring(1), true))));
    try (TestService sf = service(env())) {
      String grant = sf.sdrGrant(5L);
      assertThat(json(sf.post("/v1/execute", sdrBody(grant, "s-kill", "hi"))).path("usage").path("provider").asText())
          .isEqualTo("deepseek");
      deepseek.stop(); // killed mid-test: connections are refused from now on
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "s-kill", "still there?"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("usage").path("provider").asText()).isEqualTo("anthropic");
      assertThat(json(r).path("usage").path("promptTokens").asInt()).isEqualTo(200);
    }
    assertKeysNeverLogged();
  }

  @Test
  void a_429_with_retry_after_is_retried_on_the_same_provider() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("rl").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("retry-after", "0.2")
            .withHeader("content-type", "application/json").withBody("{\"error\":{\"message\":\"rate limited\"}}"))
        .willSetStateTo("open"));
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("rl").whenScenarioStateIs("open")
        .willReturn(okJson(ProviderAdaptersTest.openAiBody(SDR_ANSWER, true))));
    try (TestService sf = service(env())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-rl", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("usage").path("provider").asText()).isEqualTo("deepseek");
      deepseek.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
      anthropic.verify(0, postRequestedFor(urlEqualTo("/v1/messages")));
    }
  }

  @Test
  void a_401_fails_fast_as_502_naming_the_provider_and_releases_the_budget() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
        .withHeader("content-type", "application/json").withBody("{\"error\":{\"message\":\"bad key\"}}")));
    try (TestService sf = service(env())) {
      String grant = sf.sdrGrant(1L);
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "s-401", "hi"));
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(json(r).path("error").path("code").asText()).isEqualTo("PROVIDER_ERROR");
      assertThat(json(r).path("error").path("provider").asText()).isEqualTo("deepseek");
      deepseek.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
      anthropic.verify(0, postRequestedFor(urlEqualTo("/v1/messages")));
      assertThat(sf.app.ledger().snapshot(sf.codec.verify(grant).budgetKey()).usedRequests()).isZero();
    }
    assertKeysNeverLogged();
  }

  @Test
  void an_invalid_answer_gets_one_repair_call_and_both_count_in_usage() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("repair").whenScenarioStateIs(STARTED)
        .willReturn(okJson(ProviderAdaptersTest.openAiBody("{\"msg\":\"no\"}", true))).willSetStateTo("fixed"));
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("repair").whenScenarioStateIs("fixed")
        .willReturn(okJson(ProviderAdaptersTest.openAiBody(SDR_ANSWER, true))));
    try (TestService sf = service(env())) {
      String grant = sf.sdrGrant(2L); // the repair is the grant's second model call
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "s-rep", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode usage = json(r).path("usage");
      assertThat(usage.path("promptTokens").asInt()).isEqualTo(240);
      assertThat(usage.path("completionTokens").asInt()).isEqualTo(60);
      deepseek.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
      assertThat(sf.app.ledger().snapshot(sf.codec.verify(grant).budgetKey()).usedRequests()).isEqualTo(2);
    }
  }

  @Test
  void an_answer_still_invalid_after_repair_is_502_with_issues() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(ProviderAdaptersTest.openAiBody("not json", true))));
    try (TestService sf = service(env())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(2L), "s-bad", "hi"));
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(json(r).path("error").path("issues").size()).isPositive();
      deepseek.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
      // On a grant of one model call there is no repair: the first answer's issues, one call.
      HttpResponse<String> one = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-bad-1", "hi"));
      assertThat(one.statusCode()).isEqualTo(502);
      assertThat(json(one).path("error").path("message").asText()).contains("no repair");
      deepseek.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }
  }

  @Test
  void a_provider_without_a_key_is_skipped_and_with_no_key_at_all_the_offline_model_answers() throws Exception {
    Map<String, String> env = env();
    env.remove("DEEPSEEK_API_KEY");
    anthropic.stubFor(post(urlEqualTo("/v1/messages")).willReturn(okJson(ProviderAdaptersTest.anthropicBody(
        SDR_ANSWER.substring(1), true))));
    ModelRouter router = LlmConfig.fromEnvironment(env, null);
    assertThat(router.route("sdr.copilot")).extracting(t -> t.provider().id()).containsExactly("anthropic");
    ModelRouter none = LlmConfig.fromEnvironment(Map.of(), null);
    assertThat(none.route("sdr.copilot")).extracting(t -> t.provider().id()).containsExactly("offline");
    assertThat(none.route("analysis")).extracting(t -> t.provider().id()).containsExactly("offline");
  }

  @Test
  void a_config_file_adds_a_compatible_server_routes_and_prices() throws Exception {
    Path cfg = dir.resolve("sf.json");
    Files.writeString(cfg, "{\"providers\":{\"local\":{\"type\":\"openai-compatible\",\"baseUrl\":\""
        + deepseek.baseUrl() + "/v1\"}},\"routes\":{\"sdr.copilot\":[\"local:llama3.1\"]},"
        + "\"prices\":{\"llama3.1\":{\"input\":1.0,\"output\":2.0}}}");
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(ProviderAdaptersTest.openAiBody(SDR_ANSWER, true))));
    try (TestService sf = TestService.start(dir.resolve("data"), LlmConfig.fromEnvironment(Map.of(), cfg), true, Map.of())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-local", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("usage").path("provider").asText()).isEqualTo("local");
      assertThat(json(r).path("usage").path("costUsd").asDouble()).isCloseTo((120 * 1.0 + 30 * 2.0) / 1e6,
          org.assertj.core.data.Offset.offset(1e-12));
    }
    Files.writeString(cfg, "{\"routes\":{\"sdr.copilot\":[\"nowhere:model\"]}}");
    assertThatThrownBy(() -> LlmConfig.fromEnvironment(Map.of(), cfg))
        .isInstanceOf(LlmConfig.LlmConfigException.class).hasMessageContaining("unknown provider 'nowhere'");
    assertThatThrownBy(() -> LlmConfig.fromEnvironment(Map.of("SF_PRICE_TABLE_JSON", "{\"m\":{\"input\":-1,\"output\":1}}"), null))
        .isInstanceOf(LlmConfig.LlmConfigException.class).hasMessageContaining("SF_PRICE_TABLE_JSON.m");
  }

  void assertKeysNeverLogged() {
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      assertThat(text).doesNotContain(DEEPSEEK_KEY).doesNotContain(ANTHROPIC_KEY);
    }
  }
}
