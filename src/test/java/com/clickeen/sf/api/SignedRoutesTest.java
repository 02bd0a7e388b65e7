package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.testing.TestService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes signed by Paris (outcomes, learning events, reviews) against a real server: one before-handler
 * checks them, and their error bodies are exactly the ones callers always got (compared as text).
 */
class SignedRoutesTest {
  static final String[] SIGNED = {"/v1/outcome", "/v1/learning/outcome", "/v1/learning/events", "/v1/learning/review"};

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

  static HttpResponse<String> signed(String path, String body) throws Exception {
    return sf.post(path, body, Map.of("content-type", "application/json",
        "x-paris-signature", sf.app.outcomes().sign(body.getBytes(StandardCharsets.UTF_8))));
  }

  static void assertAnswer(HttpResponse<String> r, int status, String body) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  void every_signed_route_refuses_a_missing_signature_with_401_GRANT_INVALID() throws Exception {
    for (String path : SIGNED) {
      assertAnswer(sf.post(path, "{}"), 401,
          "{\"error\":{\"code\":\"GRANT_INVALID\",\"message\":\"x-paris-signature header is missing\"}}");
    }
  }

  @Test
  void every_signed_route_refuses_a_wrong_signature_with_403_CAPABILITY_DENIED() throws Exception {
    for (String path : SIGNED) {
      HttpResponse<String> r = sf.post(path, "{}", Map.of("content-type", "application/json",
          "x-paris-signature", sf.app.outcomes().sign("{ }".getBytes(StandardCharsets.UTF_8))));
      assertAnswer(r, 403,
          "{\"error\":{\"code\":\"CAPABILITY_DENIED\",\"message\":\"x-paris-signature does not match the body\"}}");
      assertThat(r.headers().firstValue("cache-control")).contains("no-store");
    }
  }

  @Test
  void every_signed_route_checks_the_content_type_before_the_signature() throws Exception {
    for (String path : SIGNED) {
      assertAnswer(sf.post(path, "{}", Map.of("content-type", "text/plain")), 415,
          "{\"error\":{\"code\":\"UNSUPPORTED_MEDIA_TYPE\",\"message\":\"Content-Type must be application/json (got 'text/plain')\"}}");
    }
  }

  @Test
  void a_wrong_method_on_a_signed_route_is_405_not_a_signature_error() throws Exception {
    for (String path : SIGNED) {
      HttpResponse<String> r = sf.get(path);
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(r.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
    }
  }

  @Test
  void review_reports_every_problem_of_a_body_together() throws Exception {
    assertAnswer(signed("/v1/learning/review",
        "{\"interactionId\":\"bad id\",\"humanReview\":null,\"userFeedback\":\"meh\",\"taskCompleted\":\"yes\"}"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"review body is invalid\",\"issues\":["
            + "{\"path\":\"$.interactionId\",\"message\":\"is required (1..128 characters of [A-Za-z0-9._:-])\"},"
            + "{\"path\":\"$.humanReview\",\"message\":\"must be good, bad or golden\"},"
            + "{\"path\":\"$.userFeedback\",\"message\":\"must be helpful or not-helpful\"},"
            + "{\"path\":\"$.taskCompleted\",\"message\":\"must be a boolean\"}]}}");
  }

  @Test
  void review_without_any_judgement_asks_for_one() throws Exception {
    assertAnswer(signed("/v1/learning/review", "{\"interactionId\":\"i-1\"}"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"review body is invalid\",\"issues\":["
            + "{\"path\":\"$\",\"message\":\"needs humanReview, userFeedback or taskCompleted\"}]}}");
  }

  @Test
  void review_of_invalid_json_is_400_without_issues() throws Exception {
    assertAnswer(signed("/v1/learning/review", "{nope"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"body is not valid JSON\"}}");
  }

  @Test
  void review_of_an_unknown_interaction_is_404_NOT_FOUND() throws Exception {
    assertAnswer(signed("/v1/learning/review", "{\"interactionId\":\"never-logged\",\"taskCompleted\":true}"), 404,
        "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no interaction never-logged (it may still be in the queue)\"}}");
  }

  @Test
  void outcome_fields_of_the_wrong_json_type_get_the_same_issues_as_bad_values() throws Exception {
    assertAnswer(signed("/v1/outcome", "{\"requestId\":7,\"sessionId\":null,\"event\":true,\"occurredAtMs\":\"1\","
        + "\"timeToDecisionMs\":-1,\"accountIdHash\":[]}"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"outcome body is invalid\",\"issues\":["
            + "{\"path\":\"$.requestId\",\"message\":\"must be 1..128 characters of [A-Za-z0-9._:-]\"},"
            + "{\"path\":\"$.sessionId\",\"message\":\"is required\"},"
            + "{\"path\":\"$.event\",\"message\":\"must be one of " + com.clickeen.sf.store.OutcomeEvent.allWire() + "\"},"
            + "{\"path\":\"$.occurredAtMs\",\"message\":\"must be a non-negative integer (milliseconds)\"},"
            + "{\"path\":\"$.timeToDecisionMs\",\"message\":\"must be a non-negative integer (milliseconds)\"},"
            + "{\"path\":\"$.accountIdHash\",\"message\":\"must be a string of at most 256 characters\"}]}}");
  }

  @Test
  void outcome_body_that_is_not_an_object_is_400() throws Exception {
    assertAnswer(signed("/v1/learning/outcome", "[1]"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"body must be a JSON object\",\"issues\":["
            + "{\"path\":\"$\",\"message\":\"body must be a JSON object\"}]}}");
  }

  @Test
  void event_fields_of_the_wrong_json_type_get_the_same_issues_as_bad_values() throws Exception {
    assertAnswer(signed("/v1/learning/events", "{\"type\":1,\"sessionId\":5,\"occurredAtMs\":null}"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"event body is invalid\",\"issues\":["
            + "{\"path\":\"$.type\",\"message\":\"must be \\\"converted\\\" or \\\"paid\\\"\"},"
            + "{\"path\":\"$.sessionId\",\"message\":\"must be 1..128 characters of [A-Za-z0-9._:-]\"},"
            + "{\"path\":\"$.occurredAtMs\",\"message\":\"must be a non-negative integer (milliseconds)\"}]}}");
    assertAnswer(signed("/v1/learning/events", "{\"type\":\"paid\",\"occurredAtMs\":5}"), 400,
        "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"event body is invalid\",\"issues\":["
            + "{\"path\":\"$\",\"message\":\"needs sessionId or userId\"}]}}");
  }

  @Test
  void a_new_event_is_accepted_with_202_and_a_repeat_with_200() throws Exception {
    String body = "{\"type\":\"converted\",\"sessionId\":\"s-signed-1\",\"occurredAtMs\":1795528300000}";
    HttpResponse<String> first = signed("/v1/learning/events", body);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).matches("\\{\"ok\":true,\"eventId\":\"[0-9a-f]{32}\",\"duplicate\":false,"
        + "\"attributionWindowDays\":\\d+}");
    assertThat(signed("/v1/learning/events", body).statusCode()).isEqualTo(200);
  }
}
