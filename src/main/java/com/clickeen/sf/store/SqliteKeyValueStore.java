package com.clickeen.sf.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded KV: one SQLite file ({@code DATA/kv.db}), so entries and their TTLs survive a restart, with
 * the entries in use kept in memory too (Caffeine, bounded by bytes). Writes go to SQLite first, then to
 * memory; a read that finds the entry in memory does not touch SQLite. This process is the only writer of
 * its KV file, so the copy in memory is never stale.
 */
final class SqliteKeyValueStore implements KeyValueStore {
  private static final int SCHEMA_VERSION = 1;
  private static final long CACHE_BYTES = 64L << 20;

  private record Cached(byte[] value, long expiresAtMs) {}

  private final HikariDataSource ds;
  private final Clock clock;
  private final Cache<String, Cached> cache = Caffeine.newBuilder()
      .maximumWeight(CACHE_BYTES)
      .weigher((String k, Cached v) -> k.length() * 2 + v.value().length + 64)
      .build();
  /** Writes and cache fills of one key are serialized, so memory never keeps an older value than SQLite. */
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  SqliteKeyValueStore(Path file, Clock clock) {
    this.clock = clock;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
    this.ds = SqliteFiles.pool(file, "kv", 4);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS sf_kv (k TEXT PRIMARY KEY, v BLOB NOT NULL, expires_at_ms INTEGER NOT NULL)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS sf_kv_expiry ON sf_kv(expires_at_ms)");
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    } catch (SQLException e) {
      ds.close();
      throw new StoreException("KV (SQLite " + file + ") could not be opened: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    long now = clock.millis();
    Cached hit = cache.getIfPresent(key);
    if (hit != null) {
      if (hit.expiresAtMs() > now) {
        return Optional.of(hit.value().clone());
      }
      cache.invalidate(key);
      return Optional.empty();
    }
    ReentrantLock lock = stripe(key);
    lock.lock();
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT v, expires_at_ms FROM sf_kv WHERE k = ? AND expires_at_ms > ?")) {
      ps.setString(1, key);
      ps.setLong(2, now);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] v = rs.getBytes(1);
        cache.put(key, new Cached(v.clone(), rs.getLong(2)));
        return Optional.of(v);
      }
    } catch (SQLException e) {
      throw new StoreException("KV get failed for key '" + key + "': " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    upsert(key, value, ttl, false);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return upsert(key, value, ttl, true);
  }

  /** Writes the entry (with {@code onlyIfAbsent}: only where no live entry holds the key); true when written. */
  private boolean upsert(String key, byte[] value, Duration ttl, boolean onlyIfAbsent) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("KV ttl must be positive (got " + ttl + ")");
    }
    ReentrantLock lock = stripe(key);
    lock.lock();
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO sf_kv (k, v, expires_at_ms) VALUES (?, ?, ?) "
                 + "ON CONFLICT (k) DO UPDATE SET v = excluded.v, expires_at_ms = excluded.expires_at_ms"
                 + (onlyIfAbsent ? " WHERE sf_kv.expires_at_ms <= ?" : ""))) {
      long now = clock.millis();
      long expiresAt = now + ttl.toMillis();
      ps.setString(1, key);
      ps.setBytes(2, value);
      ps.setLong(3, expiresAt);
      if (onlyIfAbsent) {
        ps.setLong(4, now);
      }
      boolean stored = ps.executeUpdate() > 0;
      if (stored) {
        cache.put(key, new Cached(value.clone(), expiresAt));
      }
      return stored;
    } catch (SQLException e) {
      cache.invalidate(key);
      throw new StoreException("KV " + (onlyIfAbsent ? "put-if-absent" : "put") + " failed for key '" + key + "': "
          + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String key) {
    ReentrantLock lock = stripe(key);
    lock.lock();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM sf_kv WHERE k = ?")) {
      ps.setString(1, key);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("KV delete failed for key '" + key + "': " + e.getMessage(), e);
    } finally {
      cache.invalidate(key);
      lock.unlock();
    }
  }

  @Override
  public int purgeExpired() {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("DELETE FROM sf_kv WHERE expires_at_ms <= ?")) {
      long now = clock.millis();
      ps.setLong(1, now);
      cache.asMap().values().removeIf(v -> v.expiresAtMs() <= now);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("KV purge failed: " + e.getMessage(), e);
    }
  }

  private ReentrantLock stripe(String key) {
    return stripes[(key.hashCode() & 0x7fffffff) % stripes.length];
  }

  @Override
  public void close() {
    cache.invalidateAll();
    ds.close();
  }
}
