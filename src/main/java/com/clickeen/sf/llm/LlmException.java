package com.clickeen.sf.llm;

/** A provider call failed. {@link #retryable()} is the only thing retry and fallback logic look at. */
public final class LlmException extends Exception {
  private final String provider;
  private final boolean retryable;
  private final Integer httpStatus;

  public LlmException(String provider, boolean retryable, Integer httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.retryable = retryable;
    this.httpStatus = httpStatus;
  }

  public static LlmException retryable(String provider, String message) {
    return new LlmException(provider, true, null, message, null);
  }

  public static LlmException fatal(String provider, String message) {
    return new LlmException(provider, false, null, message, null);
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
}
