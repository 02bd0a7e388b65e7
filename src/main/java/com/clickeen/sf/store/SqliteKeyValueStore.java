package com.clickeen.sf.store;

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

/** The embedded KV: one SQLite file ({@code DATA/kv.db}), so entries and their TTLs survive a restart. */
final class SqliteKeyValueStore implements KeyValueStore {
  private static final int SCHEMA_VERSION = 1;

  private final HikariDataSource ds;
  private final Clock clock;

  SqliteKeyValueStore(Path file, Clock clock) {
    this.clock = clock;
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
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT v FROM sf_kv WHERE k = ? AND expires_at_ms > ?")) {
      ps.setString(1, key);
      ps.setLong(2, clock.millis());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("KV get failed for key '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("KV ttl must be positive (got " + ttl + ")");
    }
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO sf_kv (k, v, expires_at_ms) VALUES (?, ?, ?) "
                 + "ON CONFLICT (k) DO UPDATE SET v = excluded.v, expires_at_ms = excluded.expires_at_ms")) {
      ps.setString(1, key);
      ps.setBytes(2, value);
      ps.setLong(3, clock.millis() + ttl.toMillis());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("KV put failed for key '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(String key) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM sf_kv WHERE k = ?")) {
      ps.setString(1, key);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("KV delete failed for key '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public int purgeExpired() {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("DELETE FROM sf_kv WHERE expires_at_ms <= ?")) {
      ps.setLong(1, clock.millis());
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("KV purge failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    ds.close();
  }
}
