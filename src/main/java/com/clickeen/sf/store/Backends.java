package com.clickeen.sf.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The four storage ports, opened together. {@link #embedded} needs no server: SQLite files and plain
 * files under one data folder.
 */
public record Backends(KeyValueStore kv, BlobStore blobs, DurableQueue queue, IndexStore index, String description,
    javax.sql.DataSource sql, String sqlDialect) implements AutoCloseable {

  /** Default number of tries before a queue message is dead-lettered. */
  public static final int QUEUE_MAX_ATTEMPTS = 8;

  /**
   * Opens the embedded default under {@code dataDir}: {@code sanfrancisco.db} (index), {@code kv.db},
   * {@code queue.db} and {@code r2/} (blobs).
   */
  public static Backends embedded(Path dataDir, Clock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("data folder " + dataDir.toAbsolutePath() + " could not be created: " + e.getMessage(), e);
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      JdbcIndexStore index = new JdbcIndexStore(SqliteFiles.pool(dataDir.resolve("sanfrancisco.db"), "index", 4),
          "SQL (SQLite " + dataDir.resolve("sanfrancisco.db") + ")", "classpath:db/sqlite");
      opened.add(index);
      KeyValueStore kv = new SqliteKeyValueStore(dataDir.resolve("kv.db"), clock);
      opened.add(kv);
      DurableQueue queue = new SqliteQueue(dataDir.resolve("queue.db"), clock, QUEUE_MAX_ATTEMPTS);
      opened.add(queue);
      BlobStore blobs = new FileBlobStore(dataDir.resolve("r2"));
      return new Backends(kv, blobs, queue, index, "embedded (SQLite + files under " + dataDir.toAbsolutePath() + ")",
          index.dataSource(), "sqlite");
    } catch (RuntimeException e) {
      for (AutoCloseable c : opened.reversed()) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  @Override
  public void close() {
    queue.close();
    kv.close();
    blobs.close();
    index.close();
  }
}
