package com.clickeen.sf.grants;

import com.clickeen.sf.errors.BudgetExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts what each grant has spent. Every change is one atomic step per grant, so limits hold exactly
 * under concurrency; a Redis implementation does the same steps in one server-side script.
 *
 * <p>The budgets mean what Paris means by them: {@code maxTokens} caps the completion tokens of each model
 * call (it is not a pot the grant's calls share; spent tokens are counted, never refused),
 * {@code maxRequests} counts model calls (a repair is one), and {@code maxCostUsd} is the grant's total.
 *
 * <p>The protocol: {@link #reserve} the worst case before the model call, then exactly one of
 * {@link #settle} (to what was actually spent) or {@link #release} (nothing was spent). A reservation
 * that is neither settled nor released (its holder crashed) frees itself at {@code Reservation.expiresAt}.
 */
public interface BudgetLedger extends AutoCloseable {

  /**
   * Reserves {@code ask} against the grant's limits: its requests against {@code maxRequests}, at most
   * {@code maxTokensPerCall} completion tokens, and the worst-case cost against what is left of
   * {@code maxCostUsd} (granting fewer completion tokens when the money left pays for no more, but never fewer
   * than {@code ask.tokensMin()}).
   *
   * @param accountUntil how long the grant's account must be kept (its expiry plus slack)
   * @throws BudgetExceededException naming the first budget that cannot cover the ask
   */
  Reservation reserve(String grantKey, BudgetLimits limits, BudgetAsk ask, Instant accountUntil)
      throws BudgetExceededException;

  /** Replaces a reservation by what was actually spent. Idempotent per reservation. */
  void settle(Reservation reservation, BudgetSpend actual);

  /** Drops a reservation; nothing was spent. Idempotent per reservation. */
  void release(Reservation reservation);

  /** What a grant has spent and holds reserved now (for tests, metrics and the admin UI). */
  BudgetSnapshot snapshot(String grantKey);

  @Override
  default void close() {}

  static BudgetLedger inMemory(Clock clock) {
    return new InMemoryBudgetLedger(clock);
  }

  /** The ledger on Redis: exact across every instance that shares it. */
  static BudgetLedger onRedis(io.lettuce.core.api.StatefulRedisConnection<String, byte[]> connection, String prefix,
      Clock clock) {
    return new RedisBudgetLedger(connection, prefix, clock);
  }

  /**
   * Limits of one grant; {@link Long#MAX_VALUE} means unlimited. Cost is in nano-USD.
   *
   * @param maxTokensPerCall the grant's {@code maxTokens}: the cap of each call's completion tokens
   * @param maxRequests model calls the grant may make in all (each call, a repair included, is one)
   * @param maxCostNanos the grant's total cost
   */
  record BudgetLimits(long maxTokensPerCall, long maxRequests, long maxCostNanos) {
    public static BudgetLimits of(GrantBudgets b) {
      return new BudgetLimits(
          b.maxTokens(),
          b.maxRequests() == null ? Long.MAX_VALUE : b.maxRequests(),
          b.maxCostUsd() == null ? Long.MAX_VALUE : usdToNanos(b.maxCostUsd()));
    }
  }

  /**
   * A worst-case ask: {@code requests} (1 for each model call, a repair included; 1 for an execute answered
   * without a model), up to {@code tokensWanted} completion tokens (at least {@code tokensMin}), and a cost of
   * {@code fixedCostNanos + grantedTokens * costNanosPerToken}. The reservation lives for {@code hold}.
   */
  record BudgetAsk(int requests, long tokensWanted, long tokensMin, long fixedCostNanos,
      long costNanosPerToken, Duration hold) {}

  /** A held reservation: what was granted, and until when it holds without a settle. */
  record Reservation(String grantKey, String id, int requests, long tokens, long costNanos, Instant expiresAt) {}

  /** What was actually spent. */
  record BudgetSpend(int requests, long tokens, long costNanos) {}

  record BudgetSnapshot(long usedRequests, long usedTokens, long usedCostNanos,
      long reservedRequests, long reservedTokens, long reservedCostNanos) {}

  static long usdToNanos(double usd) {
    return Math.round(usd * 1e9);
  }

  static double nanosToUsd(long nanos) {
    return nanos / 1e9;
  }
}
