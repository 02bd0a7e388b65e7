package com.clickeen.sf.errors;

import java.util.List;

/** The grant lacks {@code agent:<id>}, or the agent is unknown: CAPABILITY_DENIED. */
public final class CapabilityDeniedException extends SfException {
  public CapabilityDeniedException(String message) {
    super(ErrorCode.CAPABILITY_DENIED, message, List.of());
  }
}
