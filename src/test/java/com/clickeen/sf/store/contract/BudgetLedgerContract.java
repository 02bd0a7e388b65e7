package com.clickeen.sf.store.contract;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.grants.BudgetLedger.BudgetAsk;
import com.clickeen.sf.grants.BudgetLedger.BudgetLimits;
import com.clickeen.sf.grants.BudgetLedger.BudgetSpend;
import com.clickeen.sf.grants.BudgetLedger.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every budget ledger must do, exactly, under concurrency. */
abstract class BudgetLedgerContract {
  abstract BudgetLedger ledger() throws Exception;

  static String key() {
    return "grant-" + UUID.randomUUID();
  }

  static Instant until() {
    return Instant.now().plusSeconds(120);
  }

  static BudgetAsk ask(int requests, long tokens, Duration hold) {
    return new BudgetAsk(requests, tokens, 16, 0, 0, hold);
  }

  @Test
  void reserve_settle_release_and_limits() throws Exception {
    BudgetLedger l = ledger();
    String k = key();
    BudgetLimits limits = new BudgetLimits(500, 2, Long.MAX_VALUE);
    Reservation a = l.reserve(k, limits, ask(1, 400, Duration.ofSeconds(30)), until());
    assertThat(a.tokens()).isEqualTo(400);
    Reservation b = l.reserve(k, limits, ask(1, 400, Duration.ofSeconds(30)), until());
    assertThat(b.tokens()).as("maxTokens caps each call; it is not a pot").isEqualTo(400);
    assertThatThrownBy(() -> l.reserve(k, limits, ask(1, 10, Duration.ofSeconds(30)), until()))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("maxRequests"));
    l.settle(a, new BudgetSpend(1, 50, 0));
    l.settle(a, new BudgetSpend(1, 50, 0));
    l.release(b);
    assertThat(l.snapshot(k)).isEqualTo(new BudgetLedger.BudgetSnapshot(1, 50, 0, 0, 0, 0));
  }

  @Test
  void every_call_gets_the_full_per_call_cap_until_the_requests_are_spent() throws Exception {
    BudgetLedger l = ledger();
    String k = key();
    BudgetLimits limits = new BudgetLimits(280, 3, Long.MAX_VALUE);
    for (int i = 0; i < 3; i++) {
      Reservation r = l.reserve(k, limits, ask(1, 800, Duration.ofSeconds(30)), until());
      assertThat(r.tokens()).isEqualTo(280);
      l.settle(r, new BudgetSpend(1, 280, 0));
    }
    assertThatThrownBy(() -> l.reserve(k, limits, ask(1, 16, Duration.ofSeconds(30)), until()))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("maxRequests"));
    assertThat(l.snapshot(k)).isEqualTo(new BudgetLedger.BudgetSnapshot(3, 840, 0, 0, 0, 0));
  }

  @Test
  void concurrent_calls_on_max_requests_3_and_a_cost_total_grant_exactly_what_both_allow() throws Exception {
    // 1000 nano-USD per call at worst (prompt) + 10 per token, 280 tokens: 3800 at worst; 10 000 in all.
    BudgetLedger l = ledger();
    String k = key();
    BudgetLimits limits = new BudgetLimits(280, 3, 10_000);
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < 500; i++) {
        pool.submit(() -> {
          go.await();
          try {
            Reservation r = l.reserve(k, limits, new BudgetAsk(1, 800, 16, 1_000, 10, Duration.ofSeconds(30)), until());
            assertThat(r.tokens()).isBetween(16L, 280L);
            l.settle(r, new BudgetSpend(1, r.tokens(), r.costNanos()));
            granted.incrementAndGet();
          } catch (BudgetExceededException e) {
            // refused: spent
          }
          return null;
        });
      }
      go.countDown();
    }
    BudgetLedger.BudgetSnapshot s = l.snapshot(k);
    assertThat(granted.get()).isEqualTo(3);
    assertThat(s.usedRequests()).isEqualTo(3);
    assertThat(s.usedCostNanos()).isLessThanOrEqualTo(10_000);
    assertThat(s.reservedRequests()).isZero();
  }

  @Test
  void cost_is_reserved_at_worst_and_settled_to_actual() throws Exception {
    BudgetLedger l = ledger();
    String k = key();
    BudgetLimits limits = new BudgetLimits(1_000_000, Long.MAX_VALUE, 6_000);
    BudgetAsk ask = new BudgetAsk(1, 400, 16, 1_000, 10, Duration.ofSeconds(30));
    Reservation a = l.reserve(k, limits, ask, until());
    assertThat(a.costNanos()).isEqualTo(5_000);
    assertThatThrownBy(() -> l.reserve(k, limits, ask, until()))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("maxCostUsd"));
    l.settle(a, new BudgetSpend(1, 50, 1_500));
    assertThat(l.reserve(k, limits, ask, until()).tokens()).isEqualTo(350);
  }

  @Test
  void a_reservation_never_settled_frees_itself() throws Exception {
    BudgetLedger l = ledger();
    String k = key();
    BudgetLimits limits = new BudgetLimits(1000, 1, Long.MAX_VALUE);
    l.reserve(k, limits, ask(1, 100, Duration.ofMillis(300)), until());
    assertThatThrownBy(() -> l.reserve(k, limits, ask(1, 100, Duration.ofMillis(300)), until()))
        .isInstanceOf(BudgetExceededException.class);
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> l.reserve(k, limits, ask(1, 100, Duration.ofSeconds(30)), until()).requests() == 1);
  }

  @Test
  void one_thousand_concurrent_reservations_on_ten_requests_grant_exactly_ten() throws Exception {
    BudgetLedger l = ledger();
    String k = key();
    BudgetLimits limits = new BudgetLimits(1_000_000, 10, Long.MAX_VALUE);
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < 1000; i++) {
        pool.submit(() -> {
          go.await();
          try {
            Reservation r = l.reserve(k, limits, ask(1, 50, Duration.ofSeconds(30)), until());
            l.settle(r, new BudgetSpend(1, 10, 0));
            granted.incrementAndGet();
          } catch (BudgetExceededException e) {
            refused.incrementAndGet();
          }
          return null;
        });
      }
      go.countDown();
    }
    assertThat(granted.get()).isEqualTo(10);
    assertThat(refused.get()).isEqualTo(990);
    assertThat(l.snapshot(k).usedRequests()).isEqualTo(10);
  }
}
