package com.clickeen.sf.agents;

import com.clickeen.sf.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Claims a caller's {@code trace.requestId} before the agent runs, so that one id names one interaction: the
 * claim is one atomic put-if-absent in the KV (Redis when several instances share it, which is also what
 * keeps their budgets exact), and an id whose interaction is already in the index counts as taken after the
 * claim has expired. Our own ids are random UUIDs and need no claim.
 */
public final class RequestClaims {
  /** Far longer than any interaction takes to reach the index; after it, the index answers. */
  public static final Duration TTL = Duration.ofDays(7);
  private static final byte[] MARK = "claimed".getBytes(StandardCharsets.US_ASCII);

  private final KeyValueStore kv;
  private final Predicate<String> alreadyStored;

  public RequestClaims(KeyValueStore kv, Predicate<String> alreadyStored) {
    this.kv = kv;
    this.alreadyStored = alreadyStored;
  }

  /** Whether this call now holds {@code requestId}; false when another request claimed or stored it first. */
  public boolean claim(String requestId) {
    if (!kv.putIfAbsent(key(requestId), MARK, TTL)) {
      return false;
    }
    return !alreadyStored.test(requestId);
  }

  /** Gives an id back when its execute ended without an interaction (so a retry may use it). */
  public void release(String requestId) {
    kv.delete(key(requestId));
  }

  private static String key(String requestId) {
    return "rid:" + requestId;
  }
}
