package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.grants.Subject;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.sessions.Session;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.testing.TestService;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving process killed with SIGKILL (kill -9) under load, executes in flight: after a restart on the same
 * data folder, every execute it had answered is indexed exactly once, its raw payload is stored, and its session
 * holds the turn (the session write rode on the interaction's one durable append). A second restart indexes
 * nothing again. A kill -9 does not lose what the process wrote to the operating system, so this holds with the
 * log synced every N ms too; only a power cut tells the two modes apart (see bench/crash-recovery.sh).
 */
class KillNineTest {
  @TempDir
  Path dir;

  static final String SUBJECT = "visitor-kill-nine";

  /**
   * With the log synced before each answer (SF_LOG_SYNC_MS=0), with the default (SF_LOG_SYNC_MS unset: written
   * by each request's thread before its answer, synced every 10 ms), and synced every 20 ms.
   */
  @ParameterizedTest
  @ValueSource(strings = {"0", "unset", "20"})
  void every_answered_execute_survives_kill_9_and_is_indexed_exactly_once(String logSyncMs) throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "com.clickeen.sf.Main", "serve", "--port", Integer.toString(port),
        "--data-dir", dir.toString());
    pb.environment().putAll(Map.of("AI_GRANT_HMAC_SECRET", TestService.SECRET_TEXT, "SF_JOBS", "off"));
    pb.environment().remove("SF_LOG_SYNC_MS");
    if (!logSyncMs.equals("unset")) {
      pb.environment().put("SF_LOG_SYNC_MS", logSyncMs);
    }
    pb.environment().remove("DEEPSEEK_API_KEY");
    pb.environment().remove("OPENAI_API_KEY");
    pb.environment().remove("ANTHROPIC_API_KEY");
    pb.redirectErrorStream(true);
    pb.redirectOutput(new File(dir.toFile(), "killed-server.log"));
    Process server = pb.start();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI execute = URI.create("http://127.0.0.1:" + port + "/v1/execute");
    Map<String, String> answered = new ConcurrentHashMap<>(); // requestId -> session id
    AtomicInteger sent = new AtomicInteger();
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      GrantCodec codec = new GrantCodec(TestService.SECRET, Clock.systemUTC(), Duration.ZERO);
      long now = System.currentTimeMillis() / 1000;
      String grant = codec.mint(GrantCodec.payload(SUBJECT, List.of("agent:sdr.copilot"), now, now + 300,
          UUID.randomUUID().toString(), 10_000_000, null, null, null));

      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        clients.add(Thread.ofVirtual().start(() -> {
          while (!stop.get()) {
            String session = "kill-" + sent.incrementAndGet();
            try {
              var r = http.send(HttpRequest.newBuilder(execute).header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(TestService.sdrBody(grant, session, "hello " + session)))
                  .build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                answered.put(Json.parse(r.body()).path("requestId").asText(), session);
              }
            } catch (Exception e) {
              return; // the server died under this request: not answered
            }
          }
        }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 300);
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
      server.waitFor();
      stop.set(true);
      for (Thread t : clients) {
        t.join();
      }
    } finally {
      server.destroyForcibly();
    }
    assertThat(answered).hasSizeGreaterThanOrEqualTo(300);

    String inList = "('" + String.join("','", answered.keySet()) + "')";
    int indexed;
    try (TestService second = TestService.start(dir)) {
      await().atMost(Duration.ofSeconds(60)).until(() ->
          answered.keySet().stream().allMatch(id -> second.app.backends().interactions().interaction(id).isPresent()));
      await().atMost(Duration.ofSeconds(30)).until(() -> second.app.backends().queue().stats().ready() == 0
          && second.app.backends().queue().stats().delayedOrInFlight() == 0);
      SessionStore sessions = SessionStore.onKv(second.app.backends().kv(), Duration.ofHours(24));
      for (var e : answered.entrySet()) {
        String key = second.app.backends().interactions().interaction(e.getKey()).orElseThrow().r2Key();
        assertThat(second.app.backends().blobs().get(key)).as("raw payload of " + e.getKey()).isPresent();
        Session session = sessions.load(Subject.of(SUBJECT), "sdr.copilot", e.getValue()).orElseThrow();
        assertThat(session.turns()).extracting(Session.Turn::requestId).containsExactly(e.getKey());
      }
      indexed = rows(dir, "");
      assertThat(rows(dir, " WHERE id IN " + inList)).isEqualTo(answered.size());
      // Executes the kill cut short may be durable without an answer; nothing beyond what was sent is.
      assertThat(indexed).isBetween(answered.size(), sent.get());
    }
    try (TestService third = TestService.start(dir)) { // nothing is left to write: no row twice, none new
      assertThat(third.app.backends().queue().stats().ready()).isZero();
      assertThat(rows(dir, "")).isEqualTo(indexed);
    }
  }

  /** Rows of the SQLite index, and distinct ids among them (they must be equal: each interaction once). */
  private static int rows(Path dir, String where) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sanfrancisco.db"));
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM sf_interactions" + where)) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(r.getInt(2));
      return r.getInt(1);
    }
  }
}
