package com.clickeen.sf.llm;

import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.testing.ScriptedProvider;
import com.clickeen.sf.testing.ScriptedProvider.Mode;
import com.clickeen.sf.testing.TestService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 6: a half-open breaker whose probe ends without success or failure still closes again. */
class CircuitBreakerTest {
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));

  @Test
  void the_breaker_opens_after_five_failures_and_lets_one_probe_through_after_thirty_seconds() {
    CircuitBreaker b = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
    for (int i = 0; i < 5; i++) {
      b.tryAcquire().orElseThrow().failure();
    }
    assertThat(b.state()).isEqualTo("open");
    assertThat(b.tryAcquire()).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    CircuitBreaker.Permit probe = b.tryAcquire().orElseThrow();
    assertThat(b.tryAcquire()).as("one probe at a time").isEmpty();
    probe.success();
    assertThat(b.state()).isEqualTo("closed");
  }

  @Test
  void a_probe_that_ends_without_an_outcome_frees_the_half_open_state() {
    CircuitBreaker b = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
    for (int i = 0; i < 5; i++) {
      b.tryAcquire().orElseThrow().failure();
    }
    clock.advance(Duration.ofSeconds(31));
    try (CircuitBreaker.Permit probe = b.tryAcquire().orElseThrow()) {
      // the call ended by deadline, budget refusal, bulkhead timeout, interrupt, a 4xx or a client disconnect
    }
    assertThat(b.tryAcquire()).as("the next call may probe").isPresent();
  }

  @Test
  void a_probe_ended_by_a_4xx_does_not_leave_the_provider_skipped_until_restart(@TempDir Path dir) throws Exception {
    ScriptedProvider p = new ScriptedProvider("acme", Mode.FAIL_RETRYABLE, 10, 10);
    ModelRouter router = new ModelRouter(Map.of(), List.of(new ModelRouter.Target(p, "m")), PriceTable.defaults(),
        new ModelRouter.RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)), clock);
    try (TestService sf = TestService.start(dir, router, true, Map.of())) {
      for (int i = 0; i < 5; i++) {
        assertThat(sf.post("/v1/execute", sdrBody(sf.sdrGrant(null), "s", "hi")).statusCode()).isEqualTo(502);
      }
      assertThat(router.breaker("acme").state()).isEqualTo("open");
      clock.advance(Duration.ofSeconds(31));
      p.mode(Mode.FAIL_BAD_REQUEST); // the half-open probe ends with a 400: neither success() nor failure() before
      assertThat(sf.post("/v1/execute", sdrBody(sf.sdrGrant(null), "s", "hi")).statusCode()).isEqualTo(502);
      p.mode(Mode.ANSWER);
      int calls = p.calls.get();
      assertThat(sf.post("/v1/execute", sdrBody(sf.sdrGrant(null), "s", "hi")).statusCode()).isEqualTo(200);
      assertThat(p.calls.get()).isEqualTo(calls + 1);
      assertThat(router.breaker("acme").state()).isEqualTo("closed");
    }
  }
}
