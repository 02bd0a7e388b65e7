package com.clickeen.sf.scaleout;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.StorageSettings;
import com.clickeen.sf.testing.TestBackends;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on different ports sharing PostgreSQL, Redis and S3: budgets exact across both,
 * sessions shared, each cron run once, every interaction written once.
 */
@Tag("service")
class TwoInstancesTest {
  static final String ANSWER = "{\"message\":\"Shared answer.\",\"next\":\"continue\"}";
  static Process a;
  static Process b;
  static int portA;
  static int portB;
  static WireMockServer llm;
  static StorageSettings storage;
  static String sqlUrl;
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(30)).build();
  static final GrantCodec codec = new GrantCodec(TestService.SECRET, Clock.systemUTC(), Duration.ZERO);

  @BeforeAll
  static void start() throws Exception {
    sqlUrl = TestBackends.postgresUrl();
    String redis = TestBackends.redisUrl();
    String prefix = TestBackends.redisPrefix();
    String blob = TestBackends.s3Url();
    storage = new StorageSettings(Files.createTempDirectory("sf-2i-"), sqlUrl, redis, prefix, blob);
    llm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    llm.start();
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":" + Json.text(ANSWER) + "},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100}}")));
    Map<String, String> env = new HashMap<>();
    env.put("AI_GRANT_HMAC_SECRET", TestService.SECRET_TEXT);
    env.put("SF_SQL_URL", sqlUrl);
    env.put("SF_REDIS_URL", redis);
    env.put("SF_REDIS_PREFIX", prefix);
    env.put("SF_BLOB_URL", blob);
    env.put("SF_JOBS_POLL_MS", "300");
    env.put("SF_MAX_IN_FLIGHT_PER_SUBJECT", "5000"); // the budget tests fire many executes on one grant at once
    env.put("DEEPSEEK_API_KEY", "sk-two-instances");
    env.put("DEEPSEEK_BASE_URL", llm.baseUrl() + "/v1");
    portA = freePort();
    portB = freePort();
    a = launch(env, portA, "a");
    b = launch(env, portB, "b");
    for (int port : new int[] {portA, portB}) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() ->
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
  }

  static int freePort() throws Exception {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Process launch(Map<String, String> env, int port, String name) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path dataDir = Files.createTempDirectory("sf-2i-" + name + "-");
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "com.clickeen.sf.Main", "serve", "--port", Integer.toString(port),
        "--data-dir", dataDir.toString());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(new File(dataDir.toFile(), "server.log"));
    return pb.start();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : new Process[] {a, b}) {
      if (p != null) {
        p.destroy();
        p.waitFor();
      }
    }
    if (llm != null) {
      llm.stop();
    }
  }

  static String grant(Long maxRequests, Double maxCostUsd) {
    return grant("two-" + UUID.randomUUID(), maxRequests, maxCostUsd);
  }

  static String grant(String subject, Long maxRequests, Double maxCostUsd) {
    long now = System.currentTimeMillis() / 1000;
    return codec.mint(GrantCodec.payload(subject, List.of("agent:sdr.copilot"), now, now + 120,
        UUID.randomUUID().toString(), 100_000, maxRequests, maxCostUsd, null));
  }

  static List<HttpResponse<String>> fire(String grant, int n) {
    List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int port = i % 2 == 0 ? portA : portB;
      fs.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/execute"))
          .header("content-type", "application/json").timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(TestService.sdrBody(grant, "two-" + i, "hi " + i))).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    return fs.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void one_thousand_executes_across_both_on_max_requests_10_give_exactly_10_answers_each_logged_once() throws Exception {
    List<HttpResponse<String>> rs = fire(grant(10L, null), 1000);
    List<String> ok = rs.stream().filter(r -> r.statusCode() == 200).map(r -> {
      try {
        return Json.parse(r.body()).path("requestId").asText();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(ok).hasSize(10);
    assertThat(rs.stream().filter(r -> r.statusCode() == 429).count()).isEqualTo(990);
    try (Backends be = Backends.open(storage, Clock.systemUTC())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> ok.stream().allMatch(id -> be.interactions().interaction(id).isPresent()));
      for (String id : ok) {
        String key = be.interactions().interaction(id).orElseThrow().r2Key();
        assertThat(be.blobs().get(key)).as(key).isPresent();
      }
      try (Connection c = DriverManager.getConnection(sqlUrl); Statement s = c.createStatement();
           ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM sf_interactions WHERE id IN ('"
               + String.join("','", ok) + "')")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(10);
        assertThat(r.getInt(2)).isEqualTo(10);
      }
    }
  }

  @Test
  void a_paris_grant_of_280_tokens_and_20_requests_gives_20_full_calls_across_both_each_capped_at_280() throws Exception {
    // Minted as Paris minted grants in December 2025: no iat, no jti (budgets counted on the payload's hash).
    String grant = com.clickeen.sf.testing.ParisGrants.parisDecember2025(TestService.SECRET_TEXT, "sdr.copilot", "ops",
        "two-paris-" + UUID.randomUUID(), null, new com.clickeen.sf.testing.ParisGrants.Budgets(280, 25_000, 20));
    int before = llm.getAllServeEvents().size();
    List<HttpResponse<String>> rs = fire(grant, 200);
    assertThat(rs.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(20);
    assertThat(rs.stream().filter(r -> r.statusCode() == 429)).allSatisfy(r ->
        assertThat(Json.parse(r.body()).path("error").path("budget").asText()).isEqualTo("maxRequests"));
    for (HttpResponse<String> r : rs) {
      if (r.statusCode() == 200) {
        assertThat(Json.parse(r.body()).path("usage").path("completionTokens").asInt()).isEqualTo(100);
      }
    }
    // Every model call asked for the grant's whole maxTokens: no call got what an earlier one left of a pot.
    List<Integer> caps = llm.getAllServeEvents().stream().limit(llm.getAllServeEvents().size() - before).map(e -> {
      try {
        JsonNode b = Json.parse(e.getRequest().getBodyAsString());
        return b.has("max_tokens") ? b.path("max_tokens").asInt() : b.path("max_completion_tokens").asInt();
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }).toList();
    assertThat(caps).hasSize(20).containsOnly(280);
  }

  @Test
  void max_cost_holds_across_both_instances() throws Exception {
    // deepseek-chat: 1000 prompt + 100 completion tokens = $0.00038 a call; the worst case reserves more.
    double max = 0.002;
    List<HttpResponse<String>> rs = fire(grant(null, max), 200);
    double spent = 0;
    int ok = 0;
    for (HttpResponse<String> r : rs) {
      if (r.statusCode() == 200) {
        ok++;
        spent += Json.parse(r.body()).path("usage").path("costUsd").asDouble();
      } else {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Json.parse(r.body()).path("error").path("budget").asText()).isEqualTo("maxCostUsd");
      }
    }
    assertThat(ok).isBetween(1, 5);
    assertThat(spent).isLessThanOrEqualTo(max);
  }

  @Test
  void a_request_id_claimed_on_one_instance_is_refused_on_the_other() throws Exception {
    String g = grant(null, null);
    String id = "claim-" + UUID.randomUUID();
    List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int port = i % 2 == 0 ? portA : portB;
      String body = "{\"grant\":\"" + g + "\",\"agentId\":\"sdr.copilot\",\"trace\":{\"requestId\":\"" + id
          + "\"},\"input\":{\"sessionId\":\"claim-" + i + "\",\"message\":\"hi\"}}";
      fs.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/execute"))
          .header("content-type", "application/json").timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> rs = fs.stream().map(CompletableFuture::join).toList();
    assertThat(rs.stream().filter(r -> r.statusCode() == 200).count()).as("answers").isEqualTo(1);
    assertThat(rs.stream().filter(r -> r.statusCode() == 409).count()).as("conflicts").isEqualTo(9);
    // And later, through either instance, the id stays taken.
    for (int port : new int[] {portA, portB}) {
      String body = "{\"grant\":\"" + g + "\",\"agentId\":\"sdr.copilot\",\"trace\":{\"requestId\":\"" + id
          + "\"},\"input\":{\"sessionId\":\"claim-late\",\"message\":\"hi\"}}";
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/execute"))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(409);
    }
  }

  @Test
  void a_session_written_through_one_instance_is_read_through_the_other() throws Exception {
    String subject = "two-" + UUID.randomUUID();
    String g = grant(subject, null, null);
    String session = "shared-" + UUID.randomUUID();
    for (int port : new int[] {portA, portB}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/execute"))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(TestService.sdrBody(g, session, "turn via " + port))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    try (Backends be = Backends.open(storage, Clock.systemUTC())) {
      var s = SessionStore.onKv(be.kv(), Duration.ofHours(24)).load(com.clickeen.sf.grants.Subject.of(subject), "sdr.copilot", session)
          .orElseThrow();
      assertThat(s.turns()).extracting(t -> t.user()).containsExactly("turn via " + portA, "turn via " + portB);
    }
    // And B's model call carried A's turn in its history.
    JsonNode last = Json.parse(llm.getAllServeEvents().getFirst().getRequest().getBodyAsString());
    assertThat(last.path("messages").toString()).contains("turn via " + portA);
  }

  @Test
  void a_due_job_runs_exactly_once_across_both_instances() throws Exception {
    try (Connection c = DriverManager.getConnection(sqlUrl); Statement s = c.createStatement()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'score-interactions'")) {
          r.next();
          return r.getInt(1) == 1;
        }
      });
      s.executeUpdate("UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'score-interactions'");
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sf_job_runs WHERE job = 'score-interactions' AND trigger = 'schedule'")) {
          r.next();
          return r.getInt(1) >= 1;
        }
      });
      // Once the run is done the execution is rescheduled to the next hour and unpicked: no instance can run it
      // again this hour, so the count below is final (no waiting on a number of polls).
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'score-interactions'"
            + " AND picked = false AND execution_time > now()")) {
          r.next();
          return r.getInt(1) == 1;
        }
      });
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sf_job_runs WHERE job = 'score-interactions' AND trigger = 'schedule'")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(1);
      }
    }
  }
}
