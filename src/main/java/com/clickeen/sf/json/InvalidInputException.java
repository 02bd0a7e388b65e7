package com.clickeen.sf.json;

import java.util.List;

/** Input that cannot be used; the API answers 400 BAD_REQUEST with the issues. */
public final class InvalidInputException extends Exception {
  private final List<ValidationIssue> issues;

  public InvalidInputException(String message, List<ValidationIssue> issues) {
    super(message, null, false, false);
    this.issues = List.copyOf(issues);
  }

  public static InvalidInputException of(String path, String message) {
    return new InvalidInputException(message, List.of(new ValidationIssue(path, message)));
  }

  public List<ValidationIssue> issues() {
    return issues;
  }
}
