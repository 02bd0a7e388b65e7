package com.clickeen.sf.testing;

import com.clickeen.sf.Application;
import com.clickeen.sf.SfConfig;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ModelRouter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A real San Francisco on port 0 in a temporary data folder, and a real HTTP client to talk to it. */
public final class TestService implements AutoCloseable {
  public static final String SECRET_TEXT = "test-secret-test-secret-test-secret-0123456789";
  public static final byte[] SECRET = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);

  public final Application app;
  public final Path dataDir;
  public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public final GrantCodec codec = new GrantCodec(SECRET, Clock.systemUTC(), Duration.ZERO);

  private TestService(Application app, Path dataDir) {
    this.app = app;
    this.dataDir = dataDir;
  }

  public static TestService start(Path dataDir) {
    return start(dataDir, ModelRouter.offlineOnly(), true, Map.of());
  }

  public static TestService start(Path dataDir, ModelRouter router, boolean worker, Map<String, String> env) {
    return start(dataDir, router, worker, env, Clock.systemUTC());
  }

  /** On {@code clock} (a {@link com.clickeen.sf.SettableClock} near now: grants are minted on the system clock). */
  public static TestService start(Path dataDir, ModelRouter router, boolean worker, Map<String, String> env, Clock clock) {
    SfConfig config = SfConfig.fromEnv(env, 0, dataDir, SECRET);
    return new TestService(Application.start(config, clock, router, worker), dataDir);
  }

  /** With {@code AI_GRANT_HMAC_SECRET} (and everything else) read from {@code env}, as a deployed service reads it. */
  public static TestService startFromEnv(Path dataDir, ModelRouter router, Map<String, String> env) {
    SfConfig config = SfConfig.fromEnv(env, 0, dataDir, null);
    return new TestService(Application.start(config, Clock.systemUTC(), router, true), dataDir);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, Map.of("content-type", "application/json"));
  }

  public HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public String grant(String sub, List<String> caps, long maxTokens, Long maxRequests, Double maxCostUsd, Long timeoutMs) {
    long now = System.currentTimeMillis() / 1000;
    return codec.mint(GrantCodec.payload(sub, caps, now, now + 60, UUID.randomUUID().toString(), maxTokens,
        maxRequests, maxCostUsd, timeoutMs));
  }

  public String sdrGrant(Long maxRequests) {
    return grant("visitor-" + UUID.randomUUID(), List.of("agent:sdr.copilot"), 1200, maxRequests, null, null);
  }

  public static String executeBody(String grant, String agentId, JsonNode input) {
    ObjectNode b = Json.object();
    b.put("grant", grant);
    b.put("agentId", agentId);
    b.set("input", input);
    return Json.text(b);
  }

  public static String sdrBody(String grant, String sessionId, String message) {
    ObjectNode input = Json.object();
    input.put("sessionId", sessionId);
    input.put("message", message);
    return executeBody(grant, "sdr.copilot", input);
  }

  public static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.parse(r.body());
  }

  @Override
  public void close() {
    app.close();
  }
}
