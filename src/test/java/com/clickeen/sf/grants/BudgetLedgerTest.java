package com.clickeen.sf.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.grants.BudgetLedger.BudgetAsk;
import com.clickeen.sf.grants.BudgetLedger.BudgetLimits;
import com.clickeen.sf.grants.BudgetLedger.BudgetSpend;
import com.clickeen.sf.grants.BudgetLedger.Reservation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));
  final BudgetLedger ledger = BudgetLedger.inMemory(clock);
  final Instant until = clock.instant().plusSeconds(3600);

  static BudgetAsk ask(int requests, long tokens) {
    return new BudgetAsk(requests, tokens, 16, 0, 0, Duration.ofSeconds(30));
  }

  @Test
  void requests_are_counted_while_in_flight_and_after_settle() throws Exception {
    BudgetLimits limits = new BudgetLimits(10_000, 2, Long.MAX_VALUE);
    Reservation a = ledger.reserve("g", limits, ask(1, 100), until);
    Reservation b = ledger.reserve("g", limits, ask(1, 100), until);
    assertThatThrownBy(() -> ledger.reserve("g", limits, ask(1, 100), until))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("maxRequests"));
    ledger.settle(a, new BudgetSpend(1, 40, 0));
    ledger.release(b);
    Reservation c = ledger.reserve("g", limits, ask(1, 100), until);
    assertThat(c.tokens()).isEqualTo(100);
    assertThat(ledger.snapshot("g").usedRequests()).isEqualTo(1);
    assertThat(ledger.snapshot("g").reservedRequests()).isEqualTo(1);
  }

  @Test
  void max_tokens_caps_each_call_and_is_not_a_pot_the_calls_share() throws Exception {
    // Paris's 280-token grant: every call may produce up to 280 tokens, however many the earlier ones spent.
    BudgetLimits limits = new BudgetLimits(280, 3, Long.MAX_VALUE);
    for (int i = 0; i < 3; i++) {
      Reservation r = ledger.reserve("g", limits, ask(1, 800), until);
      assertThat(r.tokens()).isEqualTo(280);
      ledger.settle(r, new BudgetSpend(1, 270, 0));
    }
    assertThat(ledger.snapshot("g").usedTokens()).isEqualTo(810);
    assertThatThrownBy(() -> ledger.reserve("g", limits, ask(1, 800), until))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("maxRequests"));
  }

  @Test
  void cost_reserves_the_worst_case_and_settles_to_the_actual() throws Exception {
    // 1000 nano-USD fixed (prompt) + 10 nano-USD per completion token; budget 6000 nano-USD.
    BudgetLimits limits = new BudgetLimits(1_000_000, Long.MAX_VALUE, 6_000);
    BudgetAsk ask = new BudgetAsk(1, 400, 16, 1_000, 10, Duration.ofSeconds(30));
    Reservation a = ledger.reserve("g", limits, ask, until);
    assertThat(a.costNanos()).isEqualTo(5_000);
    // Only 1000 left: the next ask can have no completion tokens worth having.
    assertThatThrownBy(() -> ledger.reserve("g", limits, ask, until))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("maxCostUsd"));
    ledger.settle(a, new BudgetSpend(1, 50, 1_500));
    Reservation b = ledger.reserve("g", limits, ask, until);
    assertThat(b.costNanos()).isEqualTo(1_000 + 10 * 350);
    assertThat(b.tokens()).isEqualTo(350);
  }

  @Test
  void a_reservation_that_is_never_settled_frees_itself_when_it_expires() throws Exception {
    BudgetLimits limits = new BudgetLimits(1000, 1, Long.MAX_VALUE);
    ledger.reserve("g", limits, ask(1, 100), until);
    assertThatThrownBy(() -> ledger.reserve("g", limits, ask(1, 100), until)).isInstanceOf(BudgetExceededException.class);
    clock.advance(Duration.ofSeconds(31));
    assertThat(ledger.reserve("g", limits, ask(1, 100), until).requests()).isEqualTo(1);
  }

  @Test
  void settle_and_release_are_idempotent() throws Exception {
    BudgetLimits limits = new BudgetLimits(1000, 5, Long.MAX_VALUE);
    Reservation a = ledger.reserve("g", limits, ask(1, 100), until);
    ledger.settle(a, new BudgetSpend(1, 10, 0));
    ledger.settle(a, new BudgetSpend(1, 10, 0));
    ledger.release(a);
    assertThat(ledger.snapshot("g").usedRequests()).isEqualTo(1);
    assertThat(ledger.snapshot("g").usedTokens()).isEqualTo(10);
  }

  @Test
  void grants_are_counted_apart() throws Exception {
    BudgetLimits limits = new BudgetLimits(1000, 1, Long.MAX_VALUE);
    ledger.reserve("g1", limits, ask(1, 100), until);
    assertThat(ledger.reserve("g2", limits, ask(1, 100), until).grantKey()).isEqualTo("g2");
  }
  // The 1,000-way concurrency check runs for every ledger in BackendContractsTest (BudgetLedgerContract).

  @Test
  void settled_reservations_are_not_kept_for_the_life_of_the_grant() throws Exception {
    BudgetLimits limits = new BudgetLimits(10_000, Long.MAX_VALUE, Long.MAX_VALUE);
    Instant years = clock.instant().plus(Duration.ofDays(3650));
    for (int i = 0; i < 10_000; i++) {
      Reservation r = ledger.reserve("long-lived", limits, ask(1, 100), years);
      if (i % 2 == 0) {
        ledger.settle(r, new BudgetSpend(1, 0, 0));
      } else {
        ledger.release(r);
      }
    }
    assertThat(((InMemoryBudgetLedger) ledger).reservationsTracked("long-lived")).isLessThanOrEqualTo(1);
    assertThat(ledger.snapshot("long-lived").usedRequests()).isEqualTo(5_000);
  }

  @Test
  void a_settle_after_its_reservation_expired_still_counts_once() throws Exception {
    BudgetLimits limits = new BudgetLimits(10_000, 10, Long.MAX_VALUE);
    Reservation r = ledger.reserve("late", limits, ask(1, 100), until);
    clock.advance(Duration.ofSeconds(31));
    ledger.snapshot("late"); // the reservation expires
    ledger.settle(r, new BudgetSpend(1, 40, 0));
    ledger.settle(r, new BudgetSpend(1, 40, 0));
    assertThat(ledger.snapshot("late").usedRequests()).isEqualTo(1);
    assertThat(ledger.snapshot("late").usedTokens()).isEqualTo(40);
  }
}
