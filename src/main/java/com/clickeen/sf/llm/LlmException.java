package com.clickeen.sf.llm;

import java.time.Duration;

/**
 * A provider call failed. {@link #retryable()} is the only thing retry and fallback logic look at;
 * {@link #retryAfter()} is the provider's own hint (a {@code retry-after} header), when it gave one.
 */
public final class LlmException extends Exception {
  private final String provider;
  private final boolean retryable;
  private final Integer httpStatus;
  private final Duration retryAfter;

  public LlmException(String provider, boolean retryable, Integer httpStatus, Duration retryAfter, String message,
      Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.retryable = retryable;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  public LlmException(String provider, boolean retryable, Integer httpStatus, String message, Throwable cause) {
    this(provider, retryable, httpStatus, null, message, cause);
  }

  public static LlmException retryable(String provider, String message) {
    return new LlmException(provider, true, null, null, message, null);
  }

  public static LlmException fatal(String provider, String message) {
    return new LlmException(provider, false, null, null, message, null);
  }

  /** Maps an HTTP status the way every adapter does: 408, 409, 425, 429, 5xx and 529 are worth retrying. */
  public static boolean retryableStatus(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  }

  public String provider() {
    return provider;
  }

  public boolean retryable() {
    return retryable;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  /** The provider's retry-after hint, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
