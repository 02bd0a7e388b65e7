package com.clickeen.sf.logging;

import java.util.Locale;

/** How log lines are written: {@code text} for people, {@code json} (one object per line) for log pipelines. */
public enum LogFormat {
  TEXT,
  JSON;

  /** {@code text} or {@code json}, any case; {@code null} when {@code value} is neither. */
  public static LogFormat parse(String value) {
    return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> null;
    };
  }
}
