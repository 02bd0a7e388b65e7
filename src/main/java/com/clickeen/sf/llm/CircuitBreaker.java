package com.clickeen.sf.llm;

import java.time.Clock;
import java.time.Duration;

/**
 * One provider's breaker: after {@code threshold} failures in a row it opens for {@code openFor}, then lets
 * one probe through (half-open); the probe's result closes or re-opens it.
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

  /** Whether a call may go to this provider now. */
  public synchronized boolean allow() {
    if (consecutiveFailures < threshold) {
      return true;
    }
    if (clock.millis() < openUntilMs || probing) {
      return false;
    }
    probing = true; // half-open: one probe at a time
    return true;
  }

  public synchronized void success() {
    consecutiveFailures = 0;
    probing = false;
  }

  public synchronized void failure() {
    consecutiveFailures++;
    probing = false;
    if (consecutiveFailures >= threshold) {
      openUntilMs = clock.millis() + openFor.toMillis();
    }
  }

  public synchronized String state() {
    if (consecutiveFailures < threshold) {
      return "closed";
    }
    return clock.millis() < openUntilMs ? "open" : "half-open";
  }
}
