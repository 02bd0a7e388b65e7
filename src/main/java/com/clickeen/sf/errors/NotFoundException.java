package com.clickeen.sf.errors;

import java.util.List;

/** The thing a request names does not exist (yet): NOT_FOUND. */
public final class NotFoundException extends SfException {
  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message, List.of());
  }
}
