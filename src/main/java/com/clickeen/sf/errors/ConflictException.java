package com.clickeen.sf.errors;

import java.util.List;

/** The request names something another request already holds (a claimed {@code trace.requestId}): CONFLICT (409). */
public final class ConflictException extends SfException {
  public ConflictException(String message) {
    super(ErrorCode.CONFLICT, message, List.of());
  }
}
