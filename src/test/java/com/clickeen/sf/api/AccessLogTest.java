package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.llm.LlmProvider;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.llm.PriceTable;
import com.clickeen.sf.llm.TokenUsage;
import com.clickeen.sf.logging.LogFormat;
import com.clickeen.sf.logging.Logging;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** One access line per request, and the request id on every line logged during the request, on any thread. */
class AccessLogTest {
  @TempDir
  Path dir;

  /** Captures events with their MDC as it was when each was logged. */
  static final class Captured extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      e.prepareForDeferredProcessing();
      events.add(e);
    }

    List<ILoggingEvent> access() {
      return events.stream().filter(e -> e.getLoggerName().equals("access")).toList();
    }
  }

  /** A model that logs a line from the agent's thread before answering. */
  static final class LoggingProvider implements LlmProvider {
    @Override
    public String id() {
      return "talkative";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      LoggerFactory.getLogger("test.talkative").info("answering on {}", Thread.currentThread());
      return new ChatResponse("{\"message\":\"Hello.\",\"next\":\"continue\"}",
          new TokenUsage("talkative", request.model(), 10, 5), "stop");
    }
  }

  final Captured captured = new Captured();
  Logger root;

  @BeforeEach
  void attach() {
    root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    captured.setContext(root.getLoggerContext());
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void detach() {
    root.detachAppender(captured);
  }

  @Test
  void an_execute_logs_one_access_line_with_its_request_id_and_lines_from_the_agent_carry_it() throws Exception {
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(new LoggingProvider(), "m1")),
        PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-log", "hi"));
      assertThat(r.statusCode()).isEqualTo(200);
      String requestId = Json.parse(r.body()).path("requestId").asText();
      assertThat(r.headers().firstValue("x-request-id")).contains(requestId);

      List<ILoggingEvent> access = captured.access();
      assertThat(access).hasSize(1);
      ILoggingEvent line = access.getFirst();
      assertThat(line.getFormattedMessage()).startsWith("POST /v1/execute 200 ")
          .contains("agent=sdr.copilot", "subject=subject", "requestId=" + requestId);
      assertThat(keyValues(line)).containsEntry("method", "POST").containsEntry("route", "/v1/execute")
          .containsEntry("status", "200").containsEntry("agent", "sdr.copilot").containsEntry("requestId", requestId)
          .containsEntry("subjectKind", "subject").containsKey("latencyMs");

      ILoggingEvent fromAgent = captured.events.stream().filter(e -> e.getLoggerName().equals("test.talkative"))
          .findFirst().orElseThrow();
      assertThat(fromAgent.getThreadName()).isEqualTo(line.getThreadName()); // the agent runs on the request's thread
      assertThat(fromAgent.getMDCPropertyMap()).containsEntry(Logging.REQUEST_ID, requestId);
    }
  }

  @Test
  void refusals_and_unknown_routes_get_one_line_each_and_a_callers_x_request_id_is_kept() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      HttpResponse<String> bad = sf.post("/v1/execute", "{\"grant\":1}",
          Map.of("content-type", "application/json", "x-request-id", "caller-id-1"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.headers().firstValue("x-request-id")).contains("caller-id-1");
      HttpResponse<String> missing = sf.get("/v1/nothing-here");
      assertThat(missing.statusCode()).isEqualTo(404);
      String generated = missing.headers().firstValue("x-request-id").orElseThrow();
      HttpResponse<String> unsigned = sf.post("/v1/outcome", "{}");
      assertThat(unsigned.statusCode()).isEqualTo(401);

      List<ILoggingEvent> access = captured.access();
      assertThat(access).hasSize(3);
      assertThat(access.get(0).getFormattedMessage()).startsWith("POST /v1/execute 400 ")
          .contains("agent=unknown", "subject=-", "requestId=caller-id-1");
      assertThat(access.get(1).getFormattedMessage()).startsWith("GET /v1/nothing-here 404 ")
          .contains("requestId=" + generated);
      assertThat(access.get(2).getFormattedMessage()).startsWith("POST /v1/outcome 401 ");
      // Each access line carries its request id in the MDC too (the JSON format writes it under "mdc").
      assertThat(access).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsKey(Logging.REQUEST_ID));
    }
  }

  @Test
  void the_json_format_writes_one_object_per_line_with_the_fields_and_the_request_id() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var encoder = Logging.encoder(context, LogFormat.JSON);
    ModelRouter router = ModelRouter.offlineOnly();
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-json", "hi"));
    }
    ILoggingEvent line = captured.access().getFirst();
    String text = new String(encoder.encode(line), StandardCharsets.UTF_8);
    assertThat(text.strip()).doesNotContain("\n");
    JsonNode json = Json.parse(text);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("loggerName").asText()).isEqualTo("access");
    assertThat(json.path("mdc").path("requestId").asText()).isNotEmpty();
    assertThat(json.path("formattedMessage").asText()).startsWith("POST /v1/execute 200");
    assertThat(json.toString()).contains("\"route\"", "\"/v1/execute\"", "\"subjectKind\"");
  }

  private static Map<String, String> keyValues(ILoggingEvent e) {
    Map<String, String> out = new java.util.HashMap<>();
    e.getKeyValuePairs().forEach(kv -> out.put(kv.key, String.valueOf(kv.value)));
    return out;
  }
}
