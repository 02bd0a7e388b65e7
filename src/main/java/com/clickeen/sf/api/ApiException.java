package com.clickeen.sf.api;

import com.clickeen.sf.json.ValidationIssue;
import java.util.List;
import java.util.Map;

/** An error answer: HTTP status, a code from the wire format's table, a message, and extra fields. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final List<ValidationIssue> issues;
  private final Map<String, Object> extra;

  public ApiException(int status, String code, String message, List<ValidationIssue> issues, Map<String, Object> extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.issues = issues == null ? List.of() : List.copyOf(issues);
    this.extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, null, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<ValidationIssue> issues() {
    return issues;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
