package com.clickeen.sf.errors;

/** Caller-supplied text quoted in an error message: at most {@link #MAX_CHARS} characters of it. */
public final class Echo {
  public static final int MAX_CHARS = 128;

  private Echo() {}

  /** {@code s} itself when short, else its first 128 characters and how long it was. */
  public static String of(String s) {
    if (s == null) {
      return "null";
    }
    if (s.length() <= MAX_CHARS) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
    return s.substring(0, end) + "…(" + s.length() + " characters)";
  }
}
