package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.llm.PriceTable;
import com.clickeen.sf.testing.ScriptedProvider;
import com.clickeen.sf.testing.ScriptedProvider.Mode;
import com.clickeen.sf.testing.TestService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets end to end under concurrency, and provider failures as the caller sees them. */
class BudgetAndProviderTest {
  /** These tests fire many executes on one grant at once: the per-subject cap is lifted for them. */
  static final Map<String, String> UNCAPPED = Map.of("SF_MAX_IN_FLIGHT_PER_SUBJECT", "5000");

  @TempDir
  Path dir;

  static List<HttpResponse<String>> fire(TestService sf, List<String> bodies) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (String body : bodies) {
      futures.add(client.sendAsync(HttpRequest.newBuilder(sf.uri("/v1/execute"))
          .header("content-type", "application/json")
          .timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void one_thousand_concurrent_executes_on_max_requests_10_give_exactly_10_answers() throws Exception {
    try (TestService sf = TestService.start(dir, com.clickeen.sf.llm.ModelRouter.offlineOnly(), true, UNCAPPED)) {
      String grant = sf.sdrGrant(10L);
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        bodies.add(sdrBody(grant, "conc-" + i, "hello " + i));
      }
      List<HttpResponse<String>> responses = fire(sf, bodies);
      long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
      long limited = responses.stream().filter(r -> r.statusCode() == 429).count();
      assertThat(ok).isEqualTo(10);
      assertThat(limited).isEqualTo(990);
      for (HttpResponse<String> r : responses) {
        if (r.statusCode() == 429) {
          assertThat(json(r).path("error").path("code").asText()).isEqualTo("BUDGET_EXCEEDED");
        }
      }
      // Every answered execute is logged exactly once.
      await().atMost(Duration.ofSeconds(20)).until(() -> sf.app.backends().interactions().countInteractions("sdr.copilot") == 10);
    }
  }

  @Test
  void max_cost_usd_holds_under_concurrency_and_settles_to_actual_cost() throws Exception {
    // $1 per 1M tokens in and out: a call of 1000 prompt + 1000 completion tokens costs $0.002.
    ScriptedProvider priced = new ScriptedProvider("test", Mode.ANSWER, 1000, 1000);
    PriceTable prices = new PriceTable(Map.of("priced-model", new PriceTable.Price(1.0, 1.0)));
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(priced, "priced-model")), prices);
    try (TestService sf = TestService.start(dir, router, true, UNCAPPED)) {
      String grant = sf.grant("u-cost-" + UUID.randomUUID(), List.of("agent:sdr.copilot"), 100_000, null, 0.02, null);
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        bodies.add(sdrBody(grant, "cost-" + i, "hi"));
      }
      List<HttpResponse<String>> responses = fire(sf, bodies);
      long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
      List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(ok + refused.size()).isEqualTo(200);
      assertThat(ok).isBetween(1L, 10L);
      assertThat(refused).allSatisfy(r -> assertThat(json(r).path("error").path("budget").asText()).isEqualTo("maxCostUsd"));
      double costOfOk = responses.stream().filter(r -> r.statusCode() == 200)
          .mapToDouble(r -> {
            try {
              return json(r).path("usage").path("costUsd").asDouble();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }).sum();
      assertThat(costOfOk).isLessThanOrEqualTo(0.02 + 1e-12);
      assertThat(priced.calls.get()).isEqualTo((int) ok);
      // Sequentially, now that nothing is in flight, the settled figures are what counts.
      String key = sf.codec.verify(grant).budgetKey();
      BudgetLedger.BudgetSnapshot snap = sf.app.ledger().snapshot(key);
      assertThat(snap.reservedCostNanos()).isZero();
      assertThat(snap.usedCostNanos()).isEqualTo(ok * 2_000_000L);
    }
  }

  @Test
  void a_fatal_provider_error_is_502_naming_the_provider_and_releases_the_budget() throws Exception {
    ScriptedProvider failing = new ScriptedProvider("acme", Mode.FAIL_FATAL, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(failing, "m")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      String grant = sf.sdrGrant(1L);
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "s-fail", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
      assertThat(json(r).path("error").path("code").asText()).isEqualTo("PROVIDER_ERROR");
      assertThat(json(r).path("error").path("provider").asText()).isEqualTo("acme");
      String key = sf.codec.verify(grant).budgetKey();
      assertThat(sf.app.ledger().snapshot(key).usedRequests()).isZero();
      assertThat(sf.app.ledger().snapshot(key).reservedRequests()).isZero();
      // The failed run is logged, marked invalid, for the learning loop.
      await().atMost(Duration.ofSeconds(10)).until(() -> sf.app.backends().interactions().countInteractions("sdr.copilot") == 1);
      failing.mode(Mode.ANSWER);
      assertThat(sf.post("/v1/execute", sdrBody(grant, "s-fail", "hi")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_retryable_failure_is_retried_then_falls_back_to_the_next_model_in_the_route() throws Exception {
    ScriptedProvider first = new ScriptedProvider("first", Mode.FAIL_RETRYABLE, 10, 10);
    ScriptedProvider second = new ScriptedProvider("second", Mode.ANSWER, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(first, "a"),
        new ModelRouter.Target(second, "b")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-fb", "hi"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).path("usage").path("provider").asText()).isEqualTo("second");
      assertThat(first.calls.get()).isEqualTo(ModelRouter.RetryPolicy.defaults().maxAttemptsPerTarget());
      assertThat(second.calls.get()).isEqualTo(1);
    }
  }

  @Test
  void a_provider_that_keeps_failing_opens_its_circuit_and_is_skipped() throws Exception {
    ScriptedProvider first = new ScriptedProvider("flaky", Mode.FAIL_RETRYABLE, 10, 10);
    ScriptedProvider second = new ScriptedProvider("steady", Mode.ANSWER, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(first, "a"),
        new ModelRouter.Target(second, "b")), PriceTable.defaults(),
        new ModelRouter.RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)), java.time.Clock.systemUTC());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      String grant = sf.sdrGrant(null);
      for (int i = 0; i < 8; i++) {
        assertThat(sf.post("/v1/execute", sdrBody(grant, "s-cb", "hi")).statusCode()).isEqualTo(200);
      }
      assertThat(router.breaker("flaky").state()).isEqualTo("open");
      assertThat(first.calls.get()).isEqualTo(5);
      assertThat(second.calls.get()).isEqualTo(8);
    }
  }

  @Test
  void a_result_that_breaks_the_schema_is_502_with_issues() throws Exception {
    ScriptedProvider bad = new ScriptedProvider("acme", Mode.INVALID_JSON, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(bad, "m")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-bad", "hi"));
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(json(r).path("error").path("issues").size()).isGreaterThan(0);
    }
  }

  @Test
  void missing_usage_is_reported_as_null_with_a_flag_never_invented() throws Exception {
    ScriptedProvider quiet = new ScriptedProvider("quiet", Mode.NO_USAGE, 0, 0);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(quiet, "m")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(sf.sdrGrant(1L), "s-q", "hi"));
      assertThat(r.statusCode()).isEqualTo(200);
      var usage = json(r).path("usage");
      assertThat(usage.path("promptTokens").isNull()).isTrue();
      assertThat(usage.path("completionTokens").isNull()).isTrue();
      assertThat(usage.path("tokens").isNull()).isTrue();
      assertThat(usage.path("tokensReported").asBoolean()).isFalse();
    }
  }

  @Test
  void the_grant_time_budget_bounds_the_whole_call() throws Exception {
    ScriptedProvider slow = new ScriptedProvider("slow", Mode.STALL, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(slow, "m")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      String grant = sf.grant("u-slow", List.of("agent:sdr.copilot"), 500, 2L, null, 300L);
      long t0 = System.nanoTime();
      HttpResponse<String> r = sf.post("/v1/execute", sdrBody(grant, "s-slow", "hi"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
      assertThat(json(r).path("error").path("budget").asText()).isEqualTo("timeoutMs");
      // Correctness, not speed: the answer came on the budget, not after the provider's stall (5 s more).
      assertThat(ms).isLessThan(5_000);
      String key = sf.codec.verify(grant).budgetKey();
      await().atMost(Duration.ofSeconds(15)).until(() -> sf.app.ledger().snapshot(key).reservedRequests() == 0);
      assertThat(sf.app.ledger().snapshot(key).usedRequests()).isZero();
    }
  }

  @Test
  void the_grant_max_tokens_is_the_provider_max_tokens_of_every_call() throws Exception {
    ScriptedProvider p = new ScriptedProvider("p", Mode.ANSWER, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(p, "m")), PriceTable.defaults());
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      String grant = sf.grant("u-mt", List.of("agent:sdr.copilot"), 280, 3L, null, null);
      assertThat(sf.post("/v1/execute", sdrBody(grant, "s-mt", "hi")).statusCode()).isEqualTo(200);
      assertThat(p.lastMaxTokens).isEqualTo(280);
      assertThat(sf.post("/v1/execute", sdrBody(grant, "s-mt", "hi")).statusCode()).isEqualTo(200);
      assertThat(p.lastMaxTokens).isEqualTo(280);
      assertThat(sf.post("/v1/execute", sdrBody(grant, "s-mt", "hi")).statusCode()).isEqualTo(200);
      assertThat(p.lastMaxTokens).isEqualTo(280);
      assertThat(sf.post("/v1/execute", sdrBody(grant, "s-mt", "hi")).statusCode()).isEqualTo(429);
    }
  }
}
