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
 * The storage ports, opened together from {@link StorageSettings}: the embedded default (SQLite files and
 * plain files under one data folder, no server) or PostgreSQL, Redis and S3-compatible storage, in any mix.
 * Opening checks each backend and fails with a message naming the one that is unreachable. The SQL index
 * serves one port per feature ({@link #interactions()}, {@link #outcomes()}, ...).
 */
public final class Backends implements AutoCloseable {
  /** Default number of tries before a queue message is dead-lettered. */
  public static final int QUEUE_MAX_ATTEMPTS = 8;

  private final KeyValueStore kv;
  private final BlobStore blobs;
  private final DurableQueue queue;
  private final InteractionJournal journal;
  private final SqlIndex sql;
  private final Interactions interactions;
  private final Outcomes outcomes;
  private final Reviews reviews;
  private final Scores scores;
  private final PromptVersions prompts;
  private final ExampleBanks exampleBanks;
  private final FailureReports failureReports;
  private final JobRuns jobRuns;
  private final HelpArticles helpArticles;
  private final com.clickeen.sf.learning.experiments.ExperimentStore experiments;
  private final String description;
  private final StatefulRedisConnection<String, byte[]> redis;
  private final String redisPrefix;
  private final List<AutoCloseable> closeables;

  private Backends(KeyValueStore kv, BlobStore blobs, DurableQueue queue, InteractionJournal journal, SqlIndex sql,
      String description, StatefulRedisConnection<String, byte[]> redis, String redisPrefix,
      List<AutoCloseable> closeables) {
    this.kv = kv;
    this.blobs = blobs;
    this.queue = queue;
    this.journal = journal;
    this.sql = sql;
    this.interactions = new SqlInteractions(sql);
    this.outcomes = new SqlOutcomes(sql);
    this.reviews = new SqlReviews(sql);
    this.scores = new SqlScores(sql);
    this.prompts = new SqlPromptVersions(sql);
    this.exampleBanks = new SqlExampleBanks(sql);
    this.failureReports = new SqlFailureReports(sql);
    this.jobRuns = new SqlJobRuns(sql);
    this.helpArticles = new SqlHelpArticles(sql);
    this.experiments = new SqlExperiments(sql);
    this.description = description;
    this.redis = redis;
    this.redisPrefix = redisPrefix;
    this.closeables = closeables;
  }

  /**
   * The embedded default under {@code dataDir}: {@code sanfrancisco.db} (the SQL index) and {@code log/} (one
   * RocksDB: KV, queue and raw payloads; see {@link LogStore}).
   */
  public static Backends embedded(Path dataDir, Clock clock) {
    return open(StorageSettings.embedded(dataDir), clock);
  }

  public static Backends open(StorageSettings s, Clock clock) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      if (s.sqlUrl() == null || s.redisUrl() == null || s.blobUrl() == null) {
        Files.createDirectories(s.dataDir());
      }
      SqlIndex index;
      if (s.sqlUrl() == null) {
        index = new SqlIndex(SqliteFiles.pool(s.dataDir().resolve("sanfrancisco.db"), "index", 4),
            "SQL (SQLite " + s.dataDir().resolve("sanfrancisco.db") + ")", SqlDialect.SQLITE);
      } else if (s.sqlUrl().startsWith("jdbc:postgresql:")) {
        index = new SqlIndex(postgresPool(s.sqlUrl()), "SQL (PostgreSQL " + StorageSettings.mask(s.sqlUrl()) + ")",
            SqlDialect.POSTGRES);
      } else {
        throw new StoreException("SF_SQL_URL must be a jdbc:postgresql:// URL (got " + StorageSettings.mask(s.sqlUrl()) + ")");
      }
      opened.add(index);
      StatefulRedisConnection<String, byte[]> redis = null;
      KeyValueStore kv;
      DurableQueue queue;
      InteractionJournal journal;
      LazyLogStore log = null;
      if (s.redisUrl() == null || s.blobUrl() == null) {
        log = new LazyLogStore(s.dataDir().resolve("log"), clock, QUEUE_MAX_ATTEMPTS, s.dataDir().resolve("r2"),
            s.logSyncMs());
        opened.add(log);
      }
      if (s.redisUrl() == null) {
        kv = log.view(KeyValueStore.class, LogStore::kvStore);
        queue = log.view(DurableQueue.class, LogStore::queueStore, InteractionJournal.class);
        journal = (InteractionJournal) queue;
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
        journal = InteractionJournal.separate(kv, queue);
      }
      BlobStore blobs = s.blobUrl() == null ? log.view(BlobStore.class, LogStore::blobStore)
          : new S3BlobStore(URI.create(s.blobUrl()));
      opened.add(blobs);
      return new Backends(kv, blobs, queue, journal, index, s.describe(), redis, s.redisPrefix(), opened);
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

  /** Where an execute writes its interaction and session before answering: one durable write when embedded. */
  public InteractionJournal journal() {
    return journal;
  }

  public Interactions interactions() {
    return interactions;
  }

  public Outcomes outcomes() {
    return outcomes;
  }

  public Reviews reviews() {
    return reviews;
  }

  public Scores scores() {
    return scores;
  }

  public PromptVersions prompts() {
    return prompts;
  }

  public ExampleBanks exampleBanks() {
    return exampleBanks;
  }

  public FailureReports failureReports() {
    return failureReports;
  }

  public JobRuns jobRuns() {
    return jobRuns;
  }

  public HelpArticles helpArticles() {
    return helpArticles;
  }

  public com.clickeen.sf.learning.experiments.ExperimentStore experiments() {
    return experiments;
  }

  public String description() {
    return description;
  }

  /** The SQL database (db-scheduler keeps its table there). */
  public DataSource sql() {
    return sql.dataSource();
  }

  /** {@code sqlite} or {@code postgres}. */
  public String sqlDialect() {
    return sql.dialect().name();
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
