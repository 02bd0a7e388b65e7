package com.clickeen.sf.agents;

/** The grant lacks {@code agent:<id>}, or the agent is unknown: 403 CAPABILITY_DENIED. */
public final class CapabilityDeniedException extends Exception {
  public CapabilityDeniedException(String message) {
    super(message, null, false, false);
  }
}
