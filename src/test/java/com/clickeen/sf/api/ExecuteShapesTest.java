package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.testing.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/execute} bodies and answers as exact wire text, against a real server. */
class ExecuteShapesTest {
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

  @Test
  void an_execute_body_with_every_envelope_problem_lists_them_all_in_field_order() throws Exception {
    HttpResponse<String> r = sf.post("/v1/execute",
        "{\"grant\":5,\"agentId\":\"\",\"input\":[],\"trace\":{\"requestId\":\"bad id\"},\"stream\":\"yes\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"execute body is invalid\",\"issues\":["
        + "{\"path\":\"$.agentId\",\"message\":\"is required and must be a string\"},"
        + "{\"path\":\"$.input\",\"message\":\"is required and must be an object\"},"
        + "{\"path\":\"$.trace.requestId\",\"message\":\"must be 1..128 characters of [A-Za-z0-9._:-], start with a letter "
        + "or digit and not contain '..'\"},"
        + "{\"path\":\"$.stream\",\"message\":\"must be a boolean\"},"
        + "{\"path\":\"$.grant\",\"message\":\"must be a string\"}]}}");
    HttpResponse<String> trace = sf.post("/v1/execute", "{\"agentId\":\"sdr.copilot\",\"input\":{},\"trace\":7}");
    assertThat(trace.body()).isEqualTo("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"execute body is invalid\","
        + "\"issues\":[{\"path\":\"$.trace\",\"message\":\"must be an object\"}]}}");
  }

  @Test
  void an_execute_body_that_is_not_an_object_or_not_json_is_400_with_the_place() throws Exception {
    assertThat(sf.post("/v1/execute", "[]").body()).isEqualTo("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":"
        + "\"body must be a JSON object {grant, agentId, input, trace?}\",\"issues\":[{\"path\":\"$\",\"message\":"
        + "\"body must be a JSON object {grant, agentId, input, trace?}\"}]}}");
    assertThat(sf.post("/v1/execute", "").body()).isEqualTo("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":"
        + "\"body is empty; expected a JSON object\",\"issues\":[{\"path\":\"$\",\"message\":\"body is empty\"}]}}");
  }

  @Test
  void a_missing_grant_is_401_and_an_unknown_agent_404() throws Exception {
    assertThat(sf.post("/v1/execute", "{\"agentId\":\"sdr.copilot\",\"input\":{}}").body())
        .isEqualTo("{\"error\":{\"code\":\"GRANT_INVALID\",\"message\":\"grant is missing\"}}");
    String grant = sf.sdrGrant(null);
    HttpResponse<String> r = sf.post("/v1/execute", "{\"grant\":\"" + grant + "\",\"agentId\":\"nobody\",\"input\":{}}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"unknown agent 'nobody'\"}}");
  }

  @Test
  void an_answer_keeps_its_field_order() throws Exception {
    HttpResponse<String> r = sf.post("/v1/execute", TestService.sdrBody(sf.sdrGrant(null), "shape-1", "hi"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).matches("\\{\"requestId\":\"[^\"]+\",\"agentId\":\"sdr.copilot\",\"result\":\\{.*\\},"
        + "\"usage\":\\{\"provider\":\"offline\",\"model\":\"sf-offline-1\",\"promptTokens\":\\d+,"
        + "\"completionTokens\":\\d+,\"tokens\":\\d+,\"tokensReported\":true,\"costUsd\":0\\.0,\"latencyMs\":\\d+\\},"
        + "\"prompt\":\\{\"id\":\"sdr.copilot@v\\d+\",\"version\":\\d+\\}\\}");
  }
}
