package com.clickeen.sf.errors;

import java.util.List;

/** A subject already has as many executes running as the service allows: TOO_MANY_IN_FLIGHT (429). */
public final class TooManyInFlightException extends SfException {
  public TooManyInFlightException(String message) {
    super(ErrorCode.TOO_MANY_IN_FLIGHT, message, List.of());
  }
}
