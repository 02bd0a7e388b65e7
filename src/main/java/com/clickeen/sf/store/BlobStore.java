package com.clickeen.sf.store;

import java.util.Optional;
import java.util.regex.Pattern;

/** Raw payloads (the spec's R2). Keys look like {@code logs/dev/sdr.copilot/2026-11-24/<requestId>.json}. */
public interface BlobStore extends AutoCloseable {
  Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:=-]{0,199}(/[A-Za-z0-9][A-Za-z0-9._:=-]{0,199}){0,15}");

  /** Writes (or replaces) a blob atomically: readers see the old bytes or the new, never a part. */
  void put(String key, byte[] bytes);

  Optional<byte[]> get(String key);

  /**
   * Writes several blobs; each is written when this returns (one durable write where the backend can).
   * The interaction writer puts a batch's raw payloads this way before their index rows.
   */
  default void putAll(java.util.Map<String, byte[]> blobs) {
    blobs.forEach(this::put);
  }

  boolean delete(String key);

  /** Deletes several blobs (one write where the backend can); returns how many existed. */
  default int deleteAll(java.util.Collection<String> keys) {
    int n = 0;
    for (String k : keys) {
      n += delete(k) ? 1 : 0;
    }
    return n;
  }

  @Override
  void close();

  /** Refuses keys that could escape the store or that no backend accepts alike. */
  static String checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("blob key '" + key + "' is not allowed (segments of [A-Za-z0-9._:=-], no '..')");
    }
    return key;
  }
}
