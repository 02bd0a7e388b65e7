package com.clickeen.sf.learning.experiments;

import java.util.Locale;

/** The two arms of an experiment: the active version (control) and the candidate. */
public enum Arm {
  CONTROL,
  CANDIDATE;

  /** The arm's name as stored and shown ({@code control}, {@code candidate}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Arm parse(String label) {
    return switch (label) {
      case "control" -> CONTROL;
      case "candidate" -> CANDIDATE;
      default -> throw new IllegalArgumentException("unknown arm '" + label + "' (control or candidate)");
    };
  }
}
