package com.clickeen.sf.store;

import java.util.Optional;
import java.util.regex.Pattern;

/** Raw payloads (the spec's R2). Keys look like {@code logs/dev/sdr.copilot/2026-11-24/<requestId>.json}. */
public interface BlobStore extends AutoCloseable {
  Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:=-]{0,199}(/[A-Za-z0-9][A-Za-z0-9._:=-]{0,199}){0,15}");

  /** Writes (or replaces) a blob atomically: readers see the old bytes or the new, never a part. */
  void put(String key, byte[] bytes);

  Optional<byte[]> get(String key);

  boolean delete(String key);

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
