package com.clickeen.sf.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each adapter against a loopback mock that answers in that provider's real wire format. */
class ProviderAdaptersTest {
  static final String KEY = "sk-test-0123456789abcdef";
  static final ProviderClient HTTP = new ProviderClient(LlmSettings.DEFAULT_MAX_CONCURRENCY);
  WireMockServer mock;

  @AfterAll
  static void closeClient() {
    HTTP.close();
  }

  @BeforeEach
  void start() {
    mock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    mock.start();
  }

  @AfterEach
  void stop() {
    mock.stop();
  }

  static String openAiBody(String content, boolean withUsage) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1790000000,\"model\":\"deepseek-chat\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "},"
        + "\"finish_reason\":\"stop\",\"logprobs\":null}]"
        + (withUsage ? ",\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":30,\"total_tokens\":150}" : "") + "}";
  }

  static String anthropicBody(String text, boolean withUsage) {
    return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-5-haiku-20241022\","
        + "\"content\":[{\"type\":\"text\",\"text\":" + quote(text) + "}],\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null" + (withUsage ? ",\"usage\":{\"input_tokens\":200,\"output_tokens\":40}" : "") + "}";
  }

  static String quote(String s) {
    return com.clickeen.sf.json.Json.text(s);
  }

  OpenAiCompatibleProvider deepseek() {
    return new OpenAiCompatibleProvider(HTTP, "deepseek", mock.baseUrl() + "/v1", KEY, true);
  }

  AnthropicProvider anthropic() {
    return new AnthropicProvider(HTTP, "anthropic", mock.baseUrl(), KEY);
  }

  static ChatRequest request(String model, boolean json, Duration timeout) {
    return new ChatRequest(model, List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"),
        ChatMessage.assistant("hello"), ChatMessage.user("price?")), json, null, 300, 0.2, timeout, "sdr.copilot");
  }

  @Test
  void openai_compatible_sends_bearer_key_json_mode_and_reads_usage() throws Exception {
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(openAiBody("{\"message\":\"x\"}", true))));
    ChatResponse r = deepseek().chat(request("deepseek-chat", true, Duration.ofSeconds(5)));
    assertThat(r.text()).isEqualTo("{\"message\":\"x\"}");
    assertThat(r.usage()).isEqualTo(new TokenUsage("deepseek", "deepseek-chat", 120, 30));
    assertThat(r.finishReason()).isEqualTo("stop");
    mock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .withRequestBody(matchingJsonPath("$.model", equalTo("deepseek-chat")))
        .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("300")))
        .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
        .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("assistant"))));
  }

  @Test
  void openai_proper_uses_max_completion_tokens() throws Exception {
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(openAiBody("ok", true))));
    new OpenAiCompatibleProvider(HTTP, "openai", mock.baseUrl() + "/v1", KEY, false)
        .chat(request("gpt-4o-mini", false, Duration.ofSeconds(5)));
    mock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("300"))));
  }

  @Test
  void a_missing_usage_block_gives_null_counts_never_invented_ones() throws Exception {
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(openAiBody("ok", false))));
    ChatResponse r = deepseek().chat(request("deepseek-chat", false, Duration.ofSeconds(5)));
    assertThat(r.usage().promptTokens()).isNull();
    assertThat(r.usage().completionTokens()).isNull();
    assertThat(r.usage().reported()).isFalse();
  }

  @Test
  void http_429_is_retryable_with_the_retry_after_hint() {
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
        .withHeader("retry-after", "2").withHeader("content-type", "application/json")
        .withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}")));
    assertThatThrownBy(() -> deepseek().chat(request("deepseek-chat", false, Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.httpStatus()).isEqualTo(429);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
          assertThat(e.provider()).isEqualTo("deepseek");
        });
  }

  @Test
  void http_500_is_retryable_and_400_401_403_are_not() {
    for (int status : new int[] {500, 502, 503, 400, 401, 403}) {
      mock.resetAll();
      mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(status)
          .withHeader("content-type", "application/json").withBody("{\"error\":{\"message\":\"e\"}}")));
      assertThatThrownBy(() -> deepseek().chat(request("deepseek-chat", false, Duration.ofSeconds(5))))
          .as("HTTP %d", status)
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.retryable()).isEqualTo(status >= 500);
          });
    }
  }

  @Test
  void a_timeout_a_reset_and_a_malformed_body_are_retryable() {
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(openAiBody("late", true)).withFixedDelay(3_000)));
    assertThatThrownBy(() -> deepseek().chat(request("deepseek-chat", false, Duration.ofMillis(300))))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.retryable()).isTrue());
    mock.resetAll();
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> deepseek().chat(request("deepseek-chat", false, Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.retryable()).isTrue());
    mock.resetAll();
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("{\"choices\": [ {\"message\": ")));
    assertThatThrownBy(() -> deepseek().chat(request("deepseek-chat", false, Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void the_timeout_bounds_the_whole_call_even_when_the_body_dribbles() {
    // Headers at once, then the body over 3 s: the 400 ms budget must still hold.
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(openAiBody("slow", true))
        .withChunkedDribbleDelay(20, 3_000)));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> deepseek().chat(request("deepseek-chat", false, Duration.ofMillis(400))))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("did not answer within 400 ms");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void an_error_body_is_named_in_the_message_and_a_keyless_server_gets_no_authorization() {
    mock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(400)
        .withHeader("content-type", "application/json")
        .withBody("{\"error\":{\"message\":\"model not found\",\"type\":\"invalid_request_error\"}}")));
    assertThatThrownBy(() -> new OpenAiCompatibleProvider(HTTP, "ollama", mock.baseUrl() + "/v1", "", true)
        .chat(request("llama3", false, Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).isEqualTo("ollama answered HTTP 400 (invalid_request_error: model not found)");
        });
    mock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withoutHeader("Authorization"));
  }

  @Test
  void anthropic_sends_x_api_key_and_version_puts_system_apart_and_prefills_json() throws Exception {
    mock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(okJson(anthropicBody("\"message\":\"x\"}", true))));
    ChatResponse r = anthropic().chat(request("claude-3-5-haiku-latest", true, Duration.ofSeconds(5)));
    assertThat(r.text()).isEqualTo("{\"message\":\"x\"}");
    assertThat(r.usage()).isEqualTo(new TokenUsage("anthropic", "claude-3-5-haiku-20241022", 200, 40));
    mock.verify(postRequestedFor(urlEqualTo("/v1/messages"))
        .withHeader("x-api-key", equalTo(KEY))
        .withHeader("anthropic-version", containing("20"))
        .withoutHeader("Authorization")
        .withRequestBody(matchingJsonPath("$.system", equalTo("be brief")))
        .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("300")))
        .withRequestBody(matchingJsonPath("$.messages[3].role", equalTo("assistant")))
        .withRequestBody(matchingJsonPath("$.messages[3].content", equalTo("{"))));
  }

  @Test
  void anthropic_529_overloaded_is_retryable_and_401_is_not() {
    mock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(529)
        .withHeader("content-type", "application/json")
        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
    assertThatThrownBy(() -> anthropic().chat(request("claude-3-5-haiku-latest", false, Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.httpStatus()).isEqualTo(529);
        });
    mock.resetAll();
    mock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(401)
        .withHeader("content-type", "application/json")
        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad key\"}}")));
    assertThatThrownBy(() -> anthropic().chat(request("claude-3-5-haiku-latest", false, Duration.ofSeconds(5))))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void anthropic_without_usage_reports_null_counts() throws Exception {
    mock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(okJson(anthropicBody("plain", false))));
    ChatResponse r = anthropic().chat(request("claude-3-5-haiku-latest", false, Duration.ofSeconds(5)));
    assertThat(r.text()).isEqualTo("plain");
    assertThat(r.usage().reported()).isFalse();
  }
}
