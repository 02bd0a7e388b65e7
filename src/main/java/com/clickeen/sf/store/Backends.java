package com.clickeen.sf.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The four storage ports, opened together from {@link StorageSettings}: the embedded default (SQLite files
 * and plain files under one data folder, no server) or PostgreSQL, Redis and S3-compatible storage, in any
 * mix. Opening checks each backend and fails with a message naming the one that is unreachable.
 */
public final class Backends implements AutoCloseable {
  /** Default number of tries before a queue message is dead-lettered. */
  public static final int QUEUE_MAX_ATTEMPTS = 8;

  private final KeyValueStore kv;
  private final BlobStore blobs;
  private final DurableQueue queue;
  private final IndexStore index;
  private final String description;
  private final DataSource sql;
  private final String sqlDialect;
  private final StatefulRedisConnection<String, byte[]> redis;
  private final String redisPrefix;
  private final List<AutoCloseable> closeables;

  private Backends(KeyValueStore kv, BlobStore blobs, DurableQueue queue, IndexStore index, String description,
      DataSource sql, String sqlDialect, StatefulRedisConnection<String, byte[]> redis, String redisPrefix,
      List<AutoCloseable> closeables) {
    this.kv = kv;
    this.blobs = blobs;
    this.queue = queue;
    this.index = index;
    this.description = description;
    this.sql = sql;
    this.sqlDialect = sqlDialect;
    this.redis = redis;
    this.redisPrefix = redisPrefix;
    this.closeables = closeables;
  }

  /** The embedded default under {@code dataDir}: {@code sanfrancisco.db}, {@code kv.db}, {@code queue.db}, {@code r2/}. */
  public static Backends embedded(Path dataDir, Clock clock) {
    return open(StorageSettings.embedded(dataDir), clock);
  }

  public static Backends open(StorageSettings s, Clock clock) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      if (s.sqlUrl() == null || s.redisUrl() == null || s.blobUrl() == null) {
        Files.createDirectories(s.dataDir());
      }
      JdbcIndexStore index;
      String dialect;
      if (s.sqlUrl() == null) {
        index = new JdbcIndexStore(SqliteFiles.pool(s.dataDir().resolve("sanfrancisco.db"), "index", 4),
            "SQL (SQLite " + s.dataDir().resolve("sanfrancisco.db") + ")", "classpath:db/sqlite");
        dialect = "sqlite";
      } else if (s.sqlUrl().startsWith("jdbc:postgresql:")) {
        index = new JdbcIndexStore(postgresPool(s.sqlUrl()), "SQL (PostgreSQL " + StorageSettings.mask(s.sqlUrl()) + ")",
            "classpath:db/postgres");
        dialect = "postgres";
      } else {
        throw new StoreException("SF_SQL_URL must be a jdbc:postgresql:// URL (got " + StorageSettings.mask(s.sqlUrl()) + ")");
      }
      opened.add(index);
      StatefulRedisConnection<String, byte[]> redis = null;
      KeyValueStore kv;
      DurableQueue queue;
      if (s.redisUrl() == null) {
        kv = new SqliteKeyValueStore(s.dataDir().resolve("kv.db"), clock);
        opened.add(kv);
        queue = new SqliteQueue(s.dataDir().resolve("queue.db"), clock, QUEUE_MAX_ATTEMPTS);
        opened.add(queue);
      } else {
        RedisClient client = RedisClient.create(s.redisUrl());
        opened.add(client::shutdown);
        try {
          redis = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
          redis.sync().ping();
        } catch (RuntimeException e) {
          throw new StoreException("Redis (" + StorageSettings.mask(s.redisUrl()) + ") is not reachable: " + e.getMessage(), e);
        }
        opened.add(redis);
        kv = new RedisKeyValueStore(redis, s.redisPrefix());
        queue = new RedisQueue(redis, s.redisPrefix(), clock, QUEUE_MAX_ATTEMPTS);
      }
      BlobStore blobs = s.blobUrl() == null ? new FileBlobStore(s.dataDir().resolve("r2")) : new S3BlobStore(URI.create(s.blobUrl()));
      opened.add(blobs);
      return new Backends(kv, blobs, queue, index, s.describe(), index.dataSource(), dialect, redis, s.redisPrefix(),
          opened);
    } catch (IOException e) {
      closeAll(opened, null);
      throw new StoreException("data folder " + s.dataDir().toAbsolutePath() + " could not be created: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  private static HikariDataSource postgresPool(String url) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setPoolName("sf-index-pg");
    c.setMaximumPoolSize(16);
    c.setConnectionTimeout(10_000);
    c.setInitializationFailTimeout(5_000);
    try {
      return new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new StoreException("SQL (PostgreSQL " + StorageSettings.mask(url) + ") is not reachable: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static void closeAll(List<AutoCloseable> opened, RuntimeException into) {
    for (AutoCloseable c : opened.reversed()) {
      try {
        c.close();
      } catch (Exception suppressed) {
        if (into != null) {
          into.addSuppressed(suppressed);
        }
      }
    }
  }

  public KeyValueStore kv() {
    return kv;
  }

  public BlobStore blobs() {
    return blobs;
  }

  public DurableQueue queue() {
    return queue;
  }

  public IndexStore index() {
    return index;
  }

  public String description() {
    return description;
  }

  /** The SQL database (db-scheduler keeps its table there). */
  public DataSource sql() {
    return sql;
  }

  /** {@code sqlite} or {@code postgres}. */
  public String sqlDialect() {
    return sqlDialect;
  }

  /** The Redis connection when Redis is configured (the budget ledger uses it), else null. */
  public StatefulRedisConnection<String, byte[]> redis() {
    return redis;
  }

  public String redisPrefix() {
    return redisPrefix;
  }

  @Override
  public void close() {
    closeAll(closeables, null);
  }
}
