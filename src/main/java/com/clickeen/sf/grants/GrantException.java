package com.clickeen.sf.grants;

/** A grant was refused. {@link #expired()} distinguishes GRANT_EXPIRED from GRANT_INVALID. */
public final class GrantException extends Exception {
  private final boolean expired;

  private GrantException(String message, boolean expired) {
    super(message, null, false, false);
    this.expired = expired;
  }

  static GrantException invalid(String message) {
    return new GrantException(message, false);
  }

  static GrantException expired(String message) {
    return new GrantException(message, true);
  }

  public boolean expired() {
    return expired;
  }

  public String code() {
    return expired ? "GRANT_EXPIRED" : "GRANT_INVALID";
  }
}
