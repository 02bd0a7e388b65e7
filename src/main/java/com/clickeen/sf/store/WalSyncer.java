package com.clickeen.sf.store;

import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.LoggerFactory;

/**
 * The periodic mode of {@link LogStore} ({@code SF_LOG_SYNC_MS} &gt; 0): writes go to the operating system
 * unsynced, and this platform thread syncs RocksDB's WAL every {@code everyMs} when something was written
 * since the last sync. {@link #close} makes a last sync.
 */
final class WalSyncer {
  private final RocksDB db;
  private final int everyMs;
  private final Thread thread;
  private volatile boolean unsynced;
  private volatile boolean closed;

  WalSyncer(RocksDB db, int everyMs) {
    this.db = db;
    this.everyMs = everyMs;
    this.thread = Thread.ofPlatform().name("sf-log-syncer").daemon(true).start(this::loop);
  }

  /** A write reached the WAL unsynced: the next round syncs it. */
  void written() {
    unsynced = true;
  }

  private void loop() {
    while (!closed) {
      try {
        Thread.sleep(everyMs);
        syncIfWritten();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void syncIfWritten() {
    if (unsynced) {
      unsynced = false;
      try {
        db.syncWal();
      } catch (RocksDBException e) {
        unsynced = true;
        LoggerFactory.getLogger(LogStore.class).error("embedded log: WAL sync failed: {}", e.getMessage(), e);
      }
    }
  }

  /** Stops the thread and syncs what is left; the database must still be open. */
  void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    syncIfWritten();
  }
}
