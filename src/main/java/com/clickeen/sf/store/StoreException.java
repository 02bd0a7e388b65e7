package com.clickeen.sf.store;

/** A backend failed; the message names the backend, the operation and the cause. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
