package com.clickeen.sf.errors;

import java.util.List;

/**
 * A signed body ({@code x-paris-signature}) was refused: a missing signature is GRANT_INVALID (401), one that
 * does not match the body is CAPABILITY_DENIED (403).
 */
public final class SignatureException extends SfException {
  private final boolean missing;

  private SignatureException(boolean missing, String message) {
    super(missing ? ErrorCode.GRANT_INVALID : ErrorCode.CAPABILITY_DENIED, message, List.of());
    this.missing = missing;
  }

  public static SignatureException missing(String message) {
    return new SignatureException(true, message);
  }

  public static SignatureException mismatch(String message) {
    return new SignatureException(false, message);
  }

  public boolean missing() {
    return missing;
  }
}
