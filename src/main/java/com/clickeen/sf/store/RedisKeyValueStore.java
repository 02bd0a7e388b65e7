package com.clickeen.sf.store;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;

/** The KV on Redis: one key per entry under the instance's prefix, expiry by Redis itself ({@code PX}). */
final class RedisKeyValueStore implements KeyValueStore {
  private final RedisCommands<String, byte[]> redis;
  private final String prefix;

  RedisKeyValueStore(StatefulRedisConnection<String, byte[]> connection, String prefix) {
    this.redis = connection.sync();
    this.prefix = prefix + "kv:";
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.ofNullable(redis.get(prefix + key));
    } catch (RuntimeException e) {
      throw new StoreException("KV (Redis) get failed for key '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    set(key, value, SetArgs.Builder.px(positive(ttl).toMillis()), "put");
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return set(key, value, SetArgs.Builder.nx().px(positive(ttl).toMillis()), "put-if-absent");
  }

  private static Duration positive(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("KV ttl must be positive (got " + ttl + ")");
    }
    return ttl;
  }

  /** SET with {@code args}; true when Redis stored the value (NX refuses a live key). */
  private boolean set(String key, byte[] value, SetArgs args, String what) {
    try {
      return "OK".equals(redis.set(prefix + key, value, args));
    } catch (RuntimeException e) {
      throw new StoreException("KV (Redis) " + what + " failed for key '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(String key) {
    try {
      return redis.del(prefix + key) > 0;
    } catch (RuntimeException e) {
      throw new StoreException("KV (Redis) delete failed for key '" + key + "': " + e.getMessage(), e);
    }
  }

  /** Redis expires entries itself. */
  @Override
  public int purgeExpired() {
    return 0;
  }

  @Override
  public void close() {}
}
