package com.clickeen.sf.llm;

import static com.clickeen.sf.testing.TestService.sdrBody;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "stream": true} answers Server-Sent Events: the agent's text as plain-text deltas, then one result with the
 * validated result and usage.
 */
class StreamingTest {
  @TempDir
  Path dir;
  WireMockServer deepseek;
  WireMockServer anthropic;

  record Event(String name, JsonNode data) {}

  @BeforeEach
  void start() {
    deepseek = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    anthropic = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    deepseek.start();
    anthropic.start();
  }

  @AfterEach
  void stop() {
    deepseek.stop();
    anthropic.stop();
  }

  static String chunk(String contentJson, String finish) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1790000000,\"model\":\"deepseek-chat\","
        + "\"choices\":[{\"index\":0,\"delta\":{" + (contentJson == null ? "" : "\"content\":" + contentJson) + "},"
        + "\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
  }

  static String openAiStream(boolean complete) {
    String body = chunk("\"\"", null) + chunk(Json.text("{\"message\":\"Free plan"), null)
        + chunk(Json.text(" covers one site.\",\"next\":\"continue\"}"), null);
    if (!complete) {
      return body; // cut: no finish_reason, no usage, no [DONE]
    }
    return body + chunk(null, "stop")
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1790000000,\"model\":\"deepseek-chat\","
        + "\"choices\":[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,\"total_tokens\":150}}\n\n"
        + "data: [DONE]\n\n";
  }

  static String anthropicStream() {
    return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-3-5-haiku-20241022\",\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":200,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        + "\"text\":" + Json.text("\"message\":\"From Claude.\",") + "}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        + "\"text\":" + Json.text("\"next\":\"continue\"}") + "}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
        + "\"usage\":{\"output_tokens\":40}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  }

  static List<Event> parse(String body) throws Exception {
    List<Event> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String name = null;
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (name != null) {
        events.add(new Event(name, Json.parse(data)));
      }
    }
    return events;
  }

  static String streamBody(String grant, String session, String message) {
    return sdrBody(grant, session, message).replaceFirst("\\{", "{\"stream\":true,");
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("DEEPSEEK_API_KEY", "sk-ds");
    env.put("DEEPSEEK_BASE_URL", deepseek.baseUrl() + "/v1");
    env.put("ANTHROPIC_API_KEY", "sk-an");
    env.put("ANTHROPIC_BASE_URL", anthropic.baseUrl());
    return env;
  }

  @Test
  void the_offline_model_streams_deltas_then_the_validated_result() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      HttpResponse<String> r = sf.post("/v1/execute", streamBody(sf.sdrGrant(1L), "s-st", "What does it cost?"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
      List<Event> events = parse(r.body());
      List<Event> deltas = events.stream().filter(e -> e.name().equals("delta")).toList();
      assertThat(deltas.size()).isGreaterThan(2);
      Event last = events.getLast();
      assertThat(last.name()).isEqualTo("result");
      StringBuilder text = new StringBuilder();
      deltas.forEach(d -> text.append(d.data().path("text").asText()));
      // The deltas are the agent's text as plain text, not pieces of JSON.
      assertThat(text.toString()).isEqualTo(last.data().path("result").path("message").asText());
      assertThat(deltas.getFirst().data().path("text").asText()).doesNotStartWith("{");
      assertThat(last.data().path("usage").path("provider").asText()).isEqualTo("offline");
    }
  }

  @Test
  void accept_text_event_stream_also_streams_and_refusals_before_any_text_are_plain_json() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-acc", "hi"),
          Map.of("content-type", "application/json", "accept", "text/event-stream"));
      assertThat(parse(r.body()).getLast().name()).isEqualTo("result");
      HttpResponse<String> refused = sf.post("/v1/execute", streamBody("v1.bad.grant", "s", "hi"));
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(Json.parse(refused.body()).path("error").path("code").asText()).isEqualTo("GRANT_INVALID");
    }
  }

  @Test
  void an_openai_compatible_stream_carries_the_providers_usage() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
        .withHeader("content-type", "text/event-stream").withBody(openAiStream(true))));
    try (TestService sf = TestService.start(dir, LlmConfig.fromEnvironment(env(), null), true, env())) {
      List<Event> events = parse(sf.post("/v1/execute", streamBody(sf.sdrGrant(1L), "s-ds", "hi")).body());
      Event result = events.getLast();
      assertThat(result.name()).as(events.toString()).isEqualTo("result");
      assertThat(result.data().path("result").path("message").asText()).isEqualTo("Free plan covers one site.");
      assertThat(result.data().path("usage").path("promptTokens").asInt()).isEqualTo(120);
      assertThat(result.data().path("usage").path("completionTokens").asInt()).isEqualTo(30);
      assertThat(events.stream().filter(e -> e.name().equals("delta")).map(e -> e.data().path("text").asText()))
          .containsExactly("Free plan", " covers one site.");
      deepseek.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
          .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
          .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    }
  }

  @Test
  void a_stream_cut_in_the_middle_restarts_on_the_fallback_provider() throws Exception {
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
        .withHeader("content-type", "text/event-stream").withBody(openAiStream(false))));
    anthropic.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
        .withHeader("content-type", "text/event-stream").withBody(anthropicStream())));
    try (TestService sf = TestService.start(dir, LlmConfig.fromEnvironment(env(), null), true, env())) {
      List<Event> events = parse(sf.post("/v1/execute", streamBody(sf.sdrGrant(1L), "s-cut", "hi")).body());
      assertThat(events.stream().map(Event::name)).contains("restart");
      Event result = events.getLast();
      assertThat(result.name()).as(events.toString()).isEqualTo("result");
      assertThat(result.data().path("usage").path("provider").asText()).isEqualTo("anthropic");
      assertThat(result.data().path("usage").path("promptTokens").asInt()).isEqualTo(200);
      assertThat(result.data().path("usage").path("completionTokens").asInt()).isEqualTo(40);
      assertThat(result.data().path("result").path("message").asText()).isEqualTo("From Claude.");
      // Text after the last restart is exactly the answer.
      int lastRestart = 0;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).name().equals("restart")) {
          lastRestart = i;
        }
      }
      StringBuilder after = new StringBuilder();
      events.subList(lastRestart, events.size()).stream().filter(e -> e.name().equals("delta"))
          .forEach(e -> after.append(e.data().path("text").asText()));
      assertThat(after.toString()).isEqualTo("From Claude.");
    }
  }

  @Test
  void a_client_that_disconnects_cancels_the_upstream_call() throws Exception {
    StringBuilder slow = new StringBuilder(chunk("\"\"", null)).append(chunk(Json.text("{\"message\":\""), null));
    for (int i = 0; i < 40; i++) {
      slow.append(chunk(Json.text("word" + i + " "), null));
    }
    slow.append(chunk(null, "stop")).append("data: [DONE]\n\n");
    deepseek.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
        .withHeader("content-type", "text/event-stream").withBody(slow.toString())
        .withChunkedDribbleDelay(40, 20_000)));
    try (TestService sf = TestService.start(dir, LlmConfig.fromEnvironment(env(), null), true, env())) {
      String grant = sf.sdrGrant(1L);
      HttpRequest req = HttpRequest.newBuilder(sf.uri("/v1/execute")).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(withRequestId(streamBody(grant, "s-gone", "hi"), "s-gone-1"))).build();
      HttpResponse<InputStream> r = sf.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null && !line.startsWith("event: delta")) {
        // wait for the first delta
      }
      assertThat(line).startsWith("event: delta");
      r.body().close(); // the client goes away after the first delta
      // The execute ends (interaction logged as cancelled) long before the upstream's 20 s body would.
      await().atMost(Duration.ofSeconds(15)).until(() -> sf.app.backends().interactions().countInteractions("sdr.copilot") == 1);
      // Cancelled, not completed: the upstream's answer would have been a valid interaction without an error.
      assertThat(sf.app.backends().interactions().interaction("s-gone-1").orElseThrow().error()).contains("client closed");
      var key = sf.codec.verify(grant).budgetKey();
      assertThat(sf.app.ledger().snapshot(key).reservedRequests()).isZero();
      assertThat(sf.app.ledger().snapshot(key).usedRequests()).isEqualTo(1);
    }
  }

  static String withRequestId(String body, String requestId) {
    return body.substring(0, body.lastIndexOf('}')) + ",\"trace\":{\"requestId\":\"" + requestId + "\"}}";
  }
}
