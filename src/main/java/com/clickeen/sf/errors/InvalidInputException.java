package com.clickeen.sf.errors;

import com.clickeen.sf.json.ValidationIssue;
import java.util.List;

/** Input that cannot be used (a malformed body or agent input): BAD_REQUEST with the issues. */
public final class InvalidInputException extends SfException {

  public InvalidInputException(String message, List<ValidationIssue> issues) {
    super(ErrorCode.BAD_REQUEST, message, issues);
  }

  public static InvalidInputException of(String path, String message) {
    return new InvalidInputException(message, List.of(new ValidationIssue(path, message)));
  }
}
