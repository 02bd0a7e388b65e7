package com.clickeen.sf.learning.experiments;

/** An experiment command that cannot be carried out; the message says why and what to do instead. */
public final class ExperimentException extends RuntimeException {
  public enum Kind { NOT_FOUND, CONFLICT, INVALID }

  private final Kind kind;

  public ExperimentException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
