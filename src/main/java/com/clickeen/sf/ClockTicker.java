package com.clickeen.sf;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Caffeine's time source read from an injected {@link Clock}, so that a cache's expiry follows the same
 * clock as the rest of the service (and a {@link SettableClock} in tests moves it).
 */
public final class ClockTicker {
  private ClockTicker() {}

  public static Ticker of(Clock clock) {
    return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }
}
