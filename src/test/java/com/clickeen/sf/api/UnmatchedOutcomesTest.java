package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outcome for a request id the index does not know is kept, but says so and is counted. */
class UnmatchedOutcomesTest {
  @TempDir
  Path dir;

  static HttpResponse<String> outcome(TestService sf, String requestId) throws Exception {
    String body = "{\"requestId\":\"" + requestId + "\",\"sessionId\":\"s-out\",\"event\":\"cta_clicked\","
        + "\"occurredAtMs\":1795528300000}";
    return sf.post("/v1/outcome", body, Map.of("content-type", "application/json",
        "x-paris-signature", sf.app.outcomes().sign(body.getBytes(StandardCharsets.UTF_8))));
  }

  static double unmatched(TestService sf) throws Exception {
    Matcher m = Pattern.compile("(?m)^sf_outcomes_unmatched_total(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
        .matcher(sf.get("/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void an_unknown_request_id_is_accepted_as_pending_and_counted_a_known_one_is_matched() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      HttpResponse<String> typo = outcome(sf, "no-such-request");
      assertThat(typo.statusCode()).isEqualTo(200);
      JsonNode body = Json.parse(typo.body());
      assertThat(body.path("ok").asBoolean()).isTrue();
      assertThat(body.path("matched").asBoolean()).isFalse();
      assertThat(body.path("pending").asBoolean()).isTrue();
      assertThat(body.path("duplicate").asBoolean()).isFalse();
      assertThat(unmatched(sf)).isEqualTo(1.0);
      // The repeat is a duplicate, still pending, and counted again (each answer that says pending is counted).
      JsonNode again = Json.parse(outcome(sf, "no-such-request").body());
      assertThat(again.path("duplicate").asBoolean()).isTrue();
      assertThat(again.path("pending").asBoolean()).isTrue();
      assertThat(unmatched(sf)).isEqualTo(2.0);

      String requestId = Json.parse(sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-out", "hi")).body())
          .path("requestId").asText();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> !sf.app.backends().interactions().knownInteractionIds(java.util.Set.of(requestId)).isEmpty());
      JsonNode known = Json.parse(outcome(sf, requestId).body());
      assertThat(known.path("matched").asBoolean()).isTrue();
      assertThat(known.path("pending").asBoolean()).isFalse();
      assertThat(unmatched(sf)).isEqualTo(2.0);
    }
  }
}
