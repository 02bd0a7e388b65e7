package com.clickeen.sf.llm;

/** Where a streaming call sends its text as it arrives. */
public interface DeltaSink {
  /** A piece of the answer's text. Throws {@link ClientGoneException} when nobody listens any more. */
  void delta(String text);

  /** The text sent so far is void (a retry or a fallback starts over); {@code reason} says why. */
  void restart(String reason);

  /** The listener went away: the upstream call must be cancelled. */
  final class ClientGoneException extends RuntimeException {
    public ClientGoneException(Throwable cause) {
      super("the client closed the stream", cause, false, false);
    }
  }
}
