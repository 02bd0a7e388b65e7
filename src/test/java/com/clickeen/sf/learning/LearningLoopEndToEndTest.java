package com.clickeen.sf.learning;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.Main;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", automated: conversations, outcomes and a conversion on a running service; the
 * jobs run from the CLI on the same data; scores in the export, examples in the bank, and the next execute's
 * prompt carries them.
 */
class LearningLoopEndToEndTest {
  @TempDir
  Path dir;

  record Cli(int exit, String out) {}

  static Cli cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      return new Cli(Main.commandLine().execute(args), buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  HttpResponse<String> signed(TestService sf, String path, String body) throws Exception {
    return sf.post(path, body, Map.of("content-type", "application/json",
        "x-paris-signature", sf.app.outcomes().sign(body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void outcomes_and_a_conversion_become_scores_examples_and_the_next_prompt() throws Exception {
    String data = dir.toString();
    try (TestService sf = TestService.start(dir)) {
      List<String> ids = new ArrayList<>();
      String[] messages = {"How much does Clickeen cost?", "Can I embed an FAQ widget on WordPress?", "hi", "bye"};
      for (int i = 0; i < messages.length; i++) {
        HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(2L), "conv-" + i, messages[i]));
        assertThat(r.statusCode()).isEqualTo(200);
        ids.add(json(r).path("requestId").asText());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> sf.app.backends().interactions().countInteractions("sdr.copilot") == 4);
      long now = System.currentTimeMillis();
      // The first two conversations went well: the visitor kept going and signed up (one by outcome, one by event).
      assertThat(signed(sf, "/v1/outcome", "{\"requestId\":\"" + ids.get(0) + "\",\"sessionId\":\"conv-0\","
          + "\"event\":\"cta_clicked\",\"occurredAtMs\":" + now + "}").statusCode()).isEqualTo(200);
      assertThat(signed(sf, "/v1/outcome", "{\"requestId\":\"" + ids.get(0) + "\",\"sessionId\":\"conv-0\","
          + "\"event\":\"ux_keep\",\"occurredAtMs\":" + now + "}").statusCode()).isEqualTo(200);
      assertThat(signed(sf, "/v1/outcome", "{\"requestId\":\"" + ids.get(1) + "\",\"sessionId\":\"conv-1\","
          + "\"event\":\"ux_keep\",\"occurredAtMs\":" + now + "}").statusCode()).isEqualTo(200);
      HttpResponse<String> ev = signed(sf, "/v1/learning/events", "{\"type\":\"converted\",\"sessionId\":\"conv-1\","
          + "\"occurredAtMs\":" + (now + 1000) + "}");
      assertThat(ev.statusCode()).as(ev.body()).isEqualTo(202);
      ev = signed(sf, "/v1/learning/events", "{\"type\":\"converted\",\"sessionId\":\"conv-0\",\"occurredAtMs\":" + (now + 1000) + "}");
      assertThat(ev.statusCode()).isEqualTo(202);
      // A human marks the third one bad.
      assertThat(signed(sf, "/v1/learning/review", "{\"interactionId\":\"" + ids.get(2) + "\",\"humanReview\":\"bad\"}")
          .statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          Boolean.TRUE.equals(sf.app.backends().interactions().interaction(ids.get(1)).orElseThrow().outcomes().converted()));

      // The jobs, from the CLI, on the same data, while the service runs.
      Cli score = cli("jobs", "run", "score-interactions", "--data-dir", data);
      assertThat(score.exit()).as(score.out()).isZero();
      assertThat(score.out()).contains("score-interactions: 4 interactions scored");
      Cli banks = cli("jobs", "run", "update-example-banks", "--data-dir", data);
      assertThat(banks.out()).contains("sdr.copilot v1 (2 examples)");

      Cli export = cli("export", "--agent", "sdr.copilot", "--since", LocalDate.now(ZoneOffset.UTC).toString(), "--data-dir", data);
      List<JsonNode> rows = new ArrayList<>();
      for (String line : export.out().strip().split("\n")) {
        rows.add(Json.parse(line));
      }
      assertThat(rows).hasSize(4);
      JsonNode first = rows.stream().filter(r -> r.path("id").asText().equals(ids.get(0))).findFirst().orElseThrow();
      // sdr: 0.2 valid + 0.2 continued + 0.4 converted
      assertThat(first.path("score").asDouble()).isEqualTo(0.8);
      assertThat(first.path("outcomes").path("followUp").asBoolean()).isTrue();
      JsonNode bad = rows.stream().filter(r -> r.path("id").asText().equals(ids.get(2))).findFirst().orElseThrow();
      assertThat(bad.path("score").asDouble()).isZero();
      assertThat(bad.path("outcomes").path("humanReview").asText()).isEqualTo("bad");

      Cli examples = cli("examples", "list", "--agent", "sdr.copilot", "--data-dir", data);
      assertThat(examples.out()).contains("example bank v1: 2 examples").contains(ids.get(0)).contains(ids.get(1))
          .doesNotContain(ids.get(2));

      // The next execute (once the bank has reached the service, within seconds) carries the examples in its prompt.
      Thread.sleep(2_100);
      HttpResponse<String> next = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "conv-9", "How much is it per month?"));
      String nextId = json(next).path("requestId").asText();
      await().atMost(Duration.ofSeconds(10)).until(() -> sf.app.backends().interactions().interaction(nextId).isPresent());
      InteractionRow row = sf.app.backends().interactions().interaction(nextId).orElseThrow();
      JsonNode exampleIds = Json.parse(row.exampleIdsJson());
      assertThat(exampleIds.size()).isEqualTo(2);
      assertThat(exampleIds.toString()).contains(ids.get(0)).contains(ids.get(1));

      // Prompt versions: add v2, activate, then roll back; the service picks it up without restart.
      Path v2 = dir.resolve("v2.txt");
      java.nio.file.Files.writeString(v2, "You are the SDR Copilot, version two. Be brief.");
      assertThat(cli("prompts", "add", "--agent", "sdr.copilot", "--activate", v2.toString(), "--data-dir", data).exit()).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "conv-v2", "hi"));
        return json(r).path("prompt").path("version").asInt() == 2;
      });
      assertThat(cli("prompts", "activate", "--agent", "sdr.copilot", "--version", "1", "--data-dir", data).exit()).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "conv-v1", "hi"));
        return json(r).path("prompt").path("version").asInt() == 1;
      });
      assertThat(cli("prompts", "list", "--agent", "sdr.copilot", "--data-dir", data).out()).contains("* v1").contains("  v2");
      Cli jobs = cli("jobs", "list", "--data-dir", data);
      assertThat(jobs.out()).contains("score-interactions").contains("ok").contains("on-user-converted");
    }
  }

  @Test
  void learning_endpoints_check_signatures_and_bodies() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      String body = "{\"type\":\"converted\",\"sessionId\":\"s\",\"occurredAtMs\":1}";
      assertThat(sf.post("/v1/learning/events", body).statusCode()).isEqualTo(401);
      assertThat(sf.post("/v1/learning/events", body, Map.of("content-type", "application/json",
          "x-paris-signature", "AAAA")).statusCode()).isEqualTo(403);
      HttpResponse<String> badType = signed(sf, "/v1/learning/events", "{\"type\":\"refunded\",\"occurredAtMs\":1}");
      assertThat(badType.statusCode()).isEqualTo(400);
      assertThat(badType.body()).contains("$.type");
      assertThat(signed(sf, "/v1/learning/events", "{\"type\":\"paid\",\"occurredAtMs\":1}").body()).contains("sessionId or userId");
      assertThat(signed(sf, "/v1/learning/review", "{\"interactionId\":\"nope\",\"humanReview\":\"good\"}").statusCode()).isEqualTo(404);
      assertThat(signed(sf, "/v1/learning/review", "{\"interactionId\":\"x\",\"humanReview\":\"great\"}").statusCode()).isEqualTo(400);
    }
  }
}
