package com.clickeen.sf.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One provider's breaker: after {@code threshold} failures in a row it opens for {@code openFor}, then lets
 * one probe through (half-open); the probe's result closes or re-opens it.
 *
 * <p>Every call it lets through holds a {@link Permit} that records exactly one outcome: {@link Permit#success},
 * {@link Permit#failure}, or, when the call ends any other way (deadline, budget refusal, bulkhead timeout,
 * interrupt, a 4xx, a client leaving), nothing at {@link Permit#close}. Closing a probe without an outcome frees
 * the half-open state for the next call, so the breaker never stays blocked until a restart.
 */
public final class CircuitBreaker {
  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int consecutiveFailures;
  private long openUntilMs;
  private boolean probing;

  public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  /** A permit for one call now, or empty while the breaker is open (or its one probe is out). */
  public synchronized Optional<Permit> tryAcquire() {
    if (consecutiveFailures < threshold) {
      return Optional.of(new Permit(false));
    }
    if (clock.millis() < openUntilMs || probing) {
      return Optional.empty();
    }
    probing = true; // half-open: one probe at a time
    return Optional.of(new Permit(true));
  }

  public synchronized String state() {
    if (consecutiveFailures < threshold) {
      return "closed";
    }
    return clock.millis() < openUntilMs ? "open" : "half-open";
  }

  /** One permitted call; use it in try-with-resources so that every way out of the call is accounted for. */
  public final class Permit implements AutoCloseable {
    private final boolean probe;
    private boolean done;

    private Permit(boolean probe) {
      this.probe = probe;
    }

    /** The provider answered. */
    public void success() {
      synchronized (CircuitBreaker.this) {
        if (finish()) {
          consecutiveFailures = 0;
        }
      }
    }

    /** The provider failed in a way that counts against it (unavailable, overloaded, refused our key). */
    public void failure() {
      synchronized (CircuitBreaker.this) {
        if (finish()) {
          consecutiveFailures++;
          if (consecutiveFailures >= threshold) {
            openUntilMs = clock.millis() + openFor.toMillis();
          }
        }
      }
    }

    /** Ends the call; without an outcome it says nothing about the provider, and a probe's place is freed. */
    @Override
    public void close() {
      synchronized (CircuitBreaker.this) {
        finish();
      }
    }

    private boolean finish() {
      if (done) {
        return false;
      }
      done = true;
      if (probe) {
        probing = false;
      }
      return true;
    }
  }
}
