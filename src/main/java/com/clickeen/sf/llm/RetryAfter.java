package com.clickeen.sf.llm;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Reads {@code retry-after} (seconds or an HTTP date) and {@code retry-after-ms}. */
final class RetryAfter {
  private RetryAfter() {}

  static Duration parse(List<String> retryAfterMs, List<String> retryAfter) {
    try {
      if (retryAfterMs != null && !retryAfterMs.isEmpty()) {
        return Duration.ofMillis((long) Double.parseDouble(retryAfterMs.getFirst().trim()));
      }
      if (retryAfter != null && !retryAfter.isEmpty()) {
        String v = retryAfter.getFirst().trim();
        if (v.matches("\\d+(\\.\\d+)?")) {
          return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        }
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      }
    } catch (RuntimeException ignored) {
      // an unreadable hint is no hint
    }
    return null;
  }
}
