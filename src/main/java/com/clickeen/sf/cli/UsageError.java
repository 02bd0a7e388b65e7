package com.clickeen.sf.cli;

/**
 * A mistake in what the user typed (an unknown agent, a capability that names none, a bad duration): the command
 * line answers it with its message and exit code 2, like picocli's own usage errors. Failures of the operation
 * itself are exit code 1.
 */
public final class UsageError extends IllegalArgumentException {
  public UsageError(String message) {
    super(message);
  }
}
