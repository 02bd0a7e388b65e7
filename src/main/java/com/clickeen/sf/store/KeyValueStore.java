package com.clickeen.sf.store;

import java.time.Duration;
import java.util.Optional;

/** Hot state with a time to live (the spec's KV). Values are opaque bytes. */
public interface KeyValueStore extends AutoCloseable {
  /** The value, or empty when absent or expired. */
  Optional<byte[]> get(String key);

  /** Stores a value for {@code ttl}; durable when this returns. */
  void put(String key, byte[] value, Duration ttl);

  /**
   * Stores a value for {@code ttl} only when the key holds no live value, in one atomic step (across every
   * instance sharing the store); returns whether this call stored it.
   */
  boolean putIfAbsent(String key, byte[] value, Duration ttl);

  boolean delete(String key);

  /** Removes expired entries now; returns how many. Expired entries are never returned either way. */
  int purgeExpired();

  @Override
  void close();
}
