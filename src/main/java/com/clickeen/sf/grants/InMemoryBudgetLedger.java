package com.clickeen.sf.grants;

import com.clickeen.sf.errors.BudgetExceededException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded ledger: one account per grant key, each changed under its own lock. Accounts are
 * dropped once the grant can no longer verify ({@code accountUntil}). Process-local by design: several
 * instances need the Redis ledger.
 */
final class InMemoryBudgetLedger implements BudgetLedger {
  private static final long SWEEP_EVERY_MS = 10_000;
  /** How long a settle may still arrive for a reservation that expired unsettled (a slow provider call). */
  static final java.time.Duration LATE_SETTLE_GRACE = java.time.Duration.ofMinutes(15);

  private final Clock clock;
  private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();
  private final AtomicLong nextSweepMs = new AtomicLong();

  InMemoryBudgetLedger(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Reservation reserve(String grantKey, BudgetLimits limits, BudgetAsk ask, Instant accountUntil)
      throws BudgetExceededException {
    Instant now = clock.instant();
    sweep(now);
    Account account = accounts.computeIfAbsent(grantKey, k -> new Account());
    synchronized (account) {
      account.expireReservations(now);
      if (account.until.isBefore(accountUntil)) {
        account.until = accountUntil;
      }
      if (ask.requests() > 0 && account.usedRequests + account.reservedRequests + ask.requests() > limits.maxRequests()) {
        throw new BudgetExceededException("maxRequests", "grant budget maxRequests=" + limits.maxRequests()
            + " is spent (" + account.usedRequests + " used, " + account.reservedRequests + " in flight)");
      }
      long granted = Math.min(ask.tokensWanted(), limits.maxTokensPerCall());
      if (limits.maxCostNanos() != Long.MAX_VALUE) {
        long costLeft = limits.maxCostNanos() - account.usedCostNanos - account.reservedCostNanos - ask.fixedCostNanos();
        if (ask.costNanosPerToken() > 0) {
          granted = Math.min(granted, Math.max(-1, costLeft) / ask.costNanosPerToken());
        }
        if (costLeft < 0 || granted < ask.tokensMin()) {
          throw new BudgetExceededException("maxCostUsd", String.format(
              "grant budget maxCostUsd=%s cannot cover the worst case of this call (%s USD spent or held)",
              BudgetLedger.nanosToUsd(limits.maxCostNanos()),
              BudgetLedger.nanosToUsd(account.usedCostNanos + account.reservedCostNanos)));
        }
      }
      long cost = ask.fixedCostNanos() + granted * ask.costNanosPerToken();
      Reservation r = new Reservation(grantKey, UUID.randomUUID().toString(), ask.requests(), granted, cost,
          now.plus(ask.hold()));
      account.hold(r);
      return r;
    }
  }

  @Override
  public void settle(Reservation reservation, BudgetSpend actual) {
    Account account = accounts.get(reservation.grantKey());
    if (account == null) {
      return; // the grant's account is gone: the grant has expired and can no longer be used
    }
    synchronized (account) {
      // Only a reservation still held, or one that expired unsettled a moment ago, is counted: either way once.
      if (account.held.remove(reservation.id()) != null) {
        account.reservedRequests -= reservation.requests();
        account.reservedTokens -= reservation.tokens();
        account.reservedCostNanos -= reservation.costNanos();
      } else if (account.expiredUnsettled.remove(reservation.id()) == null) {
        return; // settled or released before
      }
      account.usedRequests += actual.requests();
      account.usedTokens += actual.tokens();
      account.usedCostNanos += actual.costNanos();
    }
  }

  @Override
  public void release(Reservation reservation) {
    Account account = accounts.get(reservation.grantKey());
    if (account == null) {
      return;
    }
    synchronized (account) {
      account.drop(reservation);
      account.expiredUnsettled.remove(reservation.id());
    }
  }

  @Override
  public BudgetSnapshot snapshot(String grantKey) {
    Account a = accounts.get(grantKey);
    if (a == null) {
      return new BudgetSnapshot(0, 0, 0, 0, 0, 0);
    }
    synchronized (a) {
      a.expireReservations(clock.instant());
      return new BudgetSnapshot(a.usedRequests, a.usedTokens, a.usedCostNanos,
          a.reservedRequests, a.reservedTokens, a.reservedCostNanos);
    }
  }

  /** Reservation ids the account of {@code grantKey} keeps (held, or expired and awaiting a late settle). */
  int reservationsTracked(String grantKey) {
    Account a = accounts.get(grantKey);
    if (a == null) {
      return 0;
    }
    synchronized (a) {
      return a.held.size() + a.expiredUnsettled.size();
    }
  }

  private void sweep(Instant now) {
    long nowMs = now.toEpochMilli();
    long next = nextSweepMs.get();
    if (nowMs < next || !nextSweepMs.compareAndSet(next, nowMs + SWEEP_EVERY_MS)) {
      return;
    }
    accounts.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().until.isBefore(now);
      }
    });
  }

  private static final class Account {
    Instant until = Instant.EPOCH;
    long usedRequests;
    long usedTokens;
    long usedCostNanos;
    long reservedRequests;
    long reservedTokens;
    long reservedCostNanos;
    /** Reservations in flight: the only ones kept, so memory follows what is in flight, not the grant's age. */
    final Map<String, Reservation> held = new HashMap<>();
    /** Reservations that expired without a settle, kept one more hold period so a late settle still counts once. */
    final Map<String, Instant> expiredUnsettled = new HashMap<>();

    void hold(Reservation r) {
      held.put(r.id(), r);
      reservedRequests += r.requests();
      reservedTokens += r.tokens();
      reservedCostNanos += r.costNanos();
    }

    void drop(Reservation r) {
      Reservation h = held.remove(r.id());
      if (h != null) {
        reservedRequests -= h.requests();
        reservedTokens -= h.tokens();
        reservedCostNanos -= h.costNanos();
      }
    }

    void expireReservations(Instant now) {
      forgetLateSettles(now);
      if (held.isEmpty()) {
        return;
      }
      for (Iterator<Reservation> it = held.values().iterator(); it.hasNext(); ) {
        Reservation r = it.next();
        if (!r.expiresAt().isAfter(now)) {
          it.remove();
          reservedRequests -= r.requests();
          reservedTokens -= r.tokens();
          reservedCostNanos -= r.costNanos();
          expiredUnsettled.put(r.id(), now.plus(LATE_SETTLE_GRACE));
        }
      }
    }

    void forgetLateSettles(Instant now) {
      if (!expiredUnsettled.isEmpty()) {
        expiredUnsettled.values().removeIf(until -> until.isBefore(now));
      }
    }
  }
}
