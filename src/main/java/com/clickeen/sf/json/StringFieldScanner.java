package com.clickeen.sf.json;

/**
 * Reads a JSON object as it arrives in pieces and hands out, as plain text, the value of one of its top-level
 * string fields while that value is still arriving (a streaming parser such as Jackson's non-blocking one gives
 * a string only once it is complete). Escapes are decoded; a surrogate pair is never split between two pieces.
 * Anything before the first {@code {} (a code fence, a space) is skipped. When a second top-level object
 * starts (the model's answer started over, e.g. a repair) {@link #feed} reports it, and the field is read anew
 * from that object. Malformed input never throws: what cannot be read yields no text.
 */
public final class StringFieldScanner {
  /** What one piece produced: the field's new text (possibly empty) and whether a new answer began before it. */
  public record Piece(boolean startedOver, String text) {}

  private final String field;
  private int depth;
  private boolean inString;
  private boolean escape;
  private int unicodeDigits = -1; // -1: not in a \\uXXXX escape; else how many hex digits were read
  private int unicodeValue;
  private boolean expectKey;
  private StringBuilder key; // the key being read at depth 1, else null
  private String lastKey;
  private boolean armed; // after "field": the next value is ours if it is a string
  private boolean streaming; // inside our value
  private boolean seenRoot;
  private boolean rootDone;
  private char heldHighSurrogate;

  public StringFieldScanner(String field) {
    this.field = field;
  }

  /** Forget everything read so far (the caller was told the answer starts over). */
  public void reset() {
    depth = 0;
    inString = false;
    escape = false;
    unicodeDigits = -1;
    expectKey = false;
    key = null;
    lastKey = null;
    armed = false;
    streaming = false;
    seenRoot = false;
    rootDone = false;
    heldHighSurrogate = 0;
  }

  /** Reads the next piece of raw model text. */
  public Piece feed(String raw) {
    StringBuilder out = new StringBuilder();
    boolean startedOver = false;
    if (heldHighSurrogate != 0) {
      out.append(heldHighSurrogate);
      heldHighSurrogate = 0;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (inString) {
        readStringChar(c, out);
        continue;
      }
      if (depth == 0) {
        if (c == '{') {
          if (seenRoot) {
            reset();
            out.setLength(0);
            startedOver = true;
          }
          seenRoot = true;
          depth = 1;
          expectKey = true;
        }
        continue; // outside the object: skipped
      }
      if (armed && !Character.isWhitespace(c) && c != ':') {
        armed = false;
        if (c == '"' && depth == 1) {
          inString = true;
          streaming = true;
          continue;
        }
      }
      switch (c) {
        case '"' -> {
          inString = true;
          if (depth == 1 && expectKey) {
            key = new StringBuilder();
          }
        }
        case '{', '[' -> depth++;
        case '}', ']' -> {
          depth--;
          if (depth == 0) {
            rootDone = true;
          }
        }
        case ',' -> expectKey = depth == 1;
        case ':' -> {
          if (depth == 1 && field.equals(lastKey)) {
            armed = true;
          }
          lastKey = null;
          expectKey = false;
        }
        default -> {
          // numbers, literals, whitespace
        }
      }
    }
    if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
      heldHighSurrogate = out.charAt(out.length() - 1);
      out.setLength(out.length() - 1);
    }
    return new Piece(startedOver, out.toString());
  }

  /** Whether a whole top-level object has been read. */
  public boolean complete() {
    return rootDone;
  }

  private void readStringChar(char c, StringBuilder out) {
    if (unicodeDigits >= 0) {
      int digit = Character.digit(c, 16);
      unicodeValue = digit < 0 ? 0xFFFD : (unicodeValue << 4) | digit; // a bad escape reads as U+FFFD
      if (digit < 0) {
        unicodeDigits = 3;
      }
      if (++unicodeDigits == 4) {
        unicodeDigits = -1;
        emit((char) unicodeValue, out);
      }
      return;
    }
    if (escape) {
      escape = false;
      switch (c) {
        case 'n' -> emit('\n', out);
        case 't' -> emit('\t', out);
        case 'r' -> emit('\r', out);
        case 'b' -> emit('\b', out);
        case 'f' -> emit('\f', out);
        case 'u' -> {
          unicodeDigits = 0;
          unicodeValue = 0;
        }
        default -> emit(c, out); // \" \\ \/
      }
      return;
    }
    if (c == '\\') {
      escape = true;
    } else if (c == '"') {
      inString = false;
      streaming = false;
      if (key != null) {
        lastKey = key.toString();
        key = null;
      }
    } else {
      emit(c, out);
    }
  }

  private void emit(char c, StringBuilder out) {
    if (streaming) {
      out.append(c);
    } else if (key != null) {
      key.append(c);
    }
  }
}
