package com.clickeen.sf.errors;

import java.util.List;

/**
 * The HTTP request cannot be served as sent: wrong media type, too large, no such route or method, or a
 * failure inside the service. Raised by the API layer only; the domain raises the other subclasses.
 */
public final class RequestException extends SfException {
  public RequestException(ErrorCode code, String message) {
    super(code, message, List.of());
  }
}
