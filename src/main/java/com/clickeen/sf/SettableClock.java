package com.clickeen.sf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until moved: for tests and simulations of grant expiry, TTLs and jobs. */
public final class SettableClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  public SettableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private SettableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public void set(Instant instant) {
    this.now = instant;
  }

  public void advance(Duration d) {
    this.now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    return new SettableClock(now, z);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
