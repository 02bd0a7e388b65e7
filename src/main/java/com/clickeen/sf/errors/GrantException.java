package com.clickeen.sf.errors;

import java.util.List;

/** A grant was refused: GRANT_EXPIRED when {@link #expired()}, otherwise GRANT_INVALID. */
public final class GrantException extends SfException {
  private final boolean expired;

  private GrantException(String message, boolean expired) {
    super(expired ? ErrorCode.GRANT_EXPIRED : ErrorCode.GRANT_INVALID, message, List.of());
    this.expired = expired;
  }

  public static GrantException invalid(String message) {
    return new GrantException(message, false);
  }

  public static GrantException expired(String message) {
    return new GrantException(message, true);
  }

  public boolean expired() {
    return expired;
  }
}
