package com.clickeen.sf.errors;

import com.clickeen.sf.json.ValidationIssue;
import java.util.List;
import java.util.Map;

/**
 * Every failure the service answers a caller with. The subclasses are the closed set of reasons; each
 * carries its {@link ErrorCode} (wire code and HTTP status), optional {@link #issues()} and the extra fields
 * of its error body ({@link #details()}, e.g. {@code budget} or {@code provider}). The API turns any of them
 * into {@code {"error": {code, message, ...details, issues?}}} in one place.
 */
public abstract sealed class SfException extends Exception
    permits InvalidInputException, GrantException, CapabilityDeniedException, BudgetExceededException,
    ProviderException, SignatureException, NotFoundException, RequestException, ConflictException,
    TooManyInFlightException {
  private final ErrorCode code;
  private final List<ValidationIssue> issues;

  /** A refusal: no stack trace (it is an answer, not a bug). */
  SfException(ErrorCode code, String message, List<ValidationIssue> issues) {
    super(message, null, false, false);
    this.code = code;
    this.issues = List.copyOf(issues);
  }

  /** A failure with a cause worth a stack trace (a provider error). */
  SfException(ErrorCode code, String message, List<ValidationIssue> issues, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.issues = List.copyOf(issues);
  }

  public final ErrorCode code() {
    return code;
  }

  public final List<ValidationIssue> issues() {
    return issues;
  }

  /** Extra fields of the error body, after {@code code} and {@code message}; empty unless a subclass adds some. */
  public Map<String, Object> details() {
    return Map.of();
  }
}
