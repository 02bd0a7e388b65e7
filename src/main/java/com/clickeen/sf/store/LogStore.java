package com.clickeen.sf.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded log-structured store ({@code DATA/log/}): one RocksDB whose write-ahead log is the one durable
 * append of an execute. Column families: {@code queue} (messages, immutable), {@code state} (tries and
 * visibility of taken messages), {@code dead} (dead letters), {@code kv} (sessions, request claims) and
 * {@code blobs} (raw payloads, in RocksDB's blob files: values are not rewritten by compaction, and blob files
 * whose payloads were all deleted are removed whole).
 *
 * <p>Two ways to write, chosen by {@code SF_LOG_SYNC_MS} ({@code syncEveryMs}):
 * <ul>
 *   <li>{@code 0}: writes from concurrent requests are group-committed by one platform thread: it takes every
 *   write waiting, applies them as one {@link WriteBatch} (one WAL record, checksummed by RocksDB) with
 *   {@code sync}, then releases their callers. Virtual threads never make the blocking fsync themselves (a
 *   native call pins its carrier: on one core, a pinned fsync would stall every request).
 *   <li>N &gt; 0 (the default, 10): the caller's thread writes its batch itself, without sync (a short native
 *   call: the WAL record goes to the operating system and the memtable; RocksDB groups concurrent writers
 *   internally), and a platform thread syncs the WAL every N ms. A write that returned survives a kill -9 of
 *   the process; a power cut may lose the last N ms. No hand-off, no wake-up of another thread per write.
 * </ul>
 * In both modes writes are applied in the order their calls are made ({@link #writeLater} included). After a
 * crash or power cut, RocksDB replays the WAL up to the last intact record (point-in-time recovery): a torn or
 * corrupt tail is dropped, never applied. {@code bench/crash-recovery.sh} checks that at random bytes.
 *
 * <p>RocksDB locks its folder: one process at a time. Within a process the store is shared by folder (two
 * {@link Backends} on one folder see the same queue), reference-counted.
 */
final class LogStore {
  private static final long COMMIT_TIMEOUT_MS = 10_000;
  private static final int MAX_WAITING = 100_000;
  private static final Map<Path, LogStore> OPEN = new HashMap<>();

  static {
    RocksNative.load();
  }

  /** One write of a batch: a put, or a delete when {@code value} is null. */
  record Op(ColumnFamilyHandle cf, byte[] key, byte[] value) {}

  private record Pending(List<Op> ops, CompletableFuture<Void> done) {}

  private final Path dir;
  private final RocksDB db;
  private final DBOptions dbOptions;
  private final Cache cache;
  private final List<ColumnFamilyOptions> cfOptions = new ArrayList<>();
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  final ColumnFamilyHandle queue;
  final ColumnFamilyHandle state;
  final ColumnFamilyHandle dead;
  final ColumnFamilyHandle kv;
  final ColumnFamilyHandle blobs;
  private final WriteOptions writeOptions;
  /** 0: each group synced before its callers go on; else the WAL is synced this often, in the background. */
  private final int syncEveryMs;
  /** The periodic mode's WAL syncer; null in sync mode. */
  private final WalSyncer syncer;
  private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  /** The group-commit thread (sync mode only); null when callers write themselves. */
  private final Thread writer;
  /** Direct writes hold it shared; close takes it alone, so no write reaches a closed database. */
  private final java.util.concurrent.locks.StampedLock open = new java.util.concurrent.locks.StampedLock();
  private int refs;
  private volatile boolean closed;
  private LogKeyValueStore kvStore;
  private LogQueue queueStore;
  private LogBlobStore blobStore;

  private LogStore(Path dir, int syncEveryMs) {
    this.dir = dir;
    this.syncEveryMs = syncEveryMs;
    this.writeOptions = new WriteOptions().setSync(syncEveryMs == 0);
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StoreException("log folder " + dir + " could not be created: " + e.getMessage(), e);
    }
    this.cache = new LRUCache(32L << 20);
    this.dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
        .setMaxBackgroundJobs(2)
        .setKeepLogFileNum(3)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setMaxTotalWalSize(256L << 20);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options(4L << 20, false)));
    for (String name : List.of("queue", "state", "dead", "kv")) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(), options(16L << 20, false)));
    }
    descriptors.add(new ColumnFamilyDescriptor("blobs".getBytes(), options(32L << 20, true)));
    try {
      this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      closeOptions();
      String m = String.valueOf(e.getMessage());
      throw new StoreException(m.contains("lock") || m.contains("LOCK")
          ? "embedded log " + dir + " is held by another process (a running ./sf serve on this data folder?): " + m
          : "embedded log " + dir + " could not be opened: " + m, e);
    }
    this.queue = handles.get(1);
    this.state = handles.get(2);
    this.dead = handles.get(3);
    this.kv = handles.get(4);
    this.blobs = handles.get(5);
    this.writer = syncEveryMs == 0 ? Thread.ofPlatform().name("sf-log-writer").daemon(true).start(this::writeLoop) : null;
    this.syncer = syncEveryMs == 0 ? null : new WalSyncer(db, syncEveryMs);
  }

  private ColumnFamilyOptions options(long writeBuffer, boolean blobFiles) {
    ColumnFamilyOptions o = new ColumnFamilyOptions()
        .setWriteBufferSize(writeBuffer)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
    if (blobFiles) {
      o.setEnableBlobFiles(true)
          .setMinBlobSize(0)
          .setBlobFileSize(64L << 20)
          .setBlobCompressionType(CompressionType.LZ4_COMPRESSION)
          .setEnableBlobGarbageCollection(true);
    }
    cfOptions.add(o);
    return o;
  }

  /**
   * The store of {@code dir}, opened on first use in this process (its queue state read back, the clock and
   * tries of that first opener), with the KV, queue and blob store on it. Payloads of earlier releases (one
   * file each under {@code legacyBlobs}) stay readable.
   */
  static LogStore acquire(Path dir, Clock clock, int maxAttempts, Path legacyBlobs, int syncEveryMs) {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (OPEN) {
      LogStore s = OPEN.get(key);
      if (s == null) {
        s = new LogStore(key, syncEveryMs);
        try {
          s.kvStore = new LogKeyValueStore(s, clock);
          s.queueStore = new LogQueue(s, s.kvStore, clock, maxAttempts);
          s.blobStore = new LogBlobStore(s, Files.isDirectory(legacyBlobs) ? new FileBlobStore(legacyBlobs) : null);
          LegacyImport.run(s, key.getParent(), clock);
        } catch (RuntimeException e) {
          s.close();
          throw e;
        }
        OPEN.put(key, s);
      }
      s.refs++;
      return s;
    }
  }

  LogKeyValueStore kvStore() {
    return kvStore;
  }

  LogQueue queueStore() {
    return queueStore;
  }

  LogBlobStore blobStore() {
    return blobStore;
  }

  boolean exists(ColumnFamilyHandle cf, byte[] key) {
    return db.keyExists(cf, key);
  }

  void release() {
    synchronized (OPEN) {
      if (--refs > 0) {
        return;
      }
      OPEN.remove(dir);
    }
    close();
  }

  Path dir() {
    return dir;
  }

  /**
   * Applies {@code ops} as one atomic write. When this returns the write is durable: its WAL record synced
   * (sync mode), or written to the operating system and synced within {@code syncEveryMs}.
   */
  void commit(List<Op> ops) {
    if (closed) {
      throw new StoreException("embedded log " + dir + " is closed; nothing was written");
    }
    if (writer == null) {
      writeNow(ops);
      return;
    }
    Pending p = new Pending(ops, new CompletableFuture<>());
    try {
      if (!waiting.offer(p, COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        throw new StoreException("log writer is saturated (" + MAX_WAITING + " writes waiting for more than "
            + COMMIT_TIMEOUT_MS + " ms); nothing was written");
      }
      p.done().get(COMMIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing to the log; the write may not be durable", e);
    } catch (ExecutionException e) {
      throw new StoreException("log write failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException("log write was not durable within " + COMMIT_TIMEOUT_MS + " ms", e);
    }
  }

  /**
   * Writes {@code ops} without waiting for the disk: in sync mode they are handed to the writer and applied, in
   * order with every other write, with the next group; in periodic mode they are written now, like
   * {@link #commit}. For what a replay can redo (acknowledgements, tries of taken messages).
   */
  void writeLater(List<Op> ops) {
    if (closed) {
      throw new StoreException("embedded log " + dir + " is closed; nothing was written");
    }
    if (writer == null) { // as cheap as a hand-off, and keeps the order of every write
      writeNow(ops);
      return;
    }
    if (!waiting.offer(new Pending(ops, new CompletableFuture<>()))) {
      throw new StoreException("log writer is saturated (" + MAX_WAITING + " writes waiting); nothing was written");
    }
  }

  /** The caller's own write, not synced (periodic mode): the WAL record is with the OS when this returns. */
  private void writeNow(List<Op> ops) {
    long stamp = open.readLock();
    try (WriteBatch wb = new WriteBatch()) {
      if (closed) {
        throw new StoreException("embedded log " + dir + " is closed; nothing was written");
      }
      add(wb, ops);
      db.write(writeOptions, wb);
      syncer.written();
    } catch (RocksDBException e) {
      throw new StoreException("log write failed: " + e.getMessage(), e);
    } finally {
      open.unlockRead(stamp);
    }
  }

  byte[] get(ColumnFamilyHandle cf, byte[] key) {
    try {
      return db.get(cf, key);
    } catch (RocksDBException e) {
      throw new StoreException("log read failed: " + e.getMessage(), e);
    }
  }

  List<byte[]> getAll(ColumnFamilyHandle cf, List<byte[]> keys) {
    try {
      return db.multiGetAsList(java.util.Collections.nCopies(keys.size(), cf), keys);
    } catch (RocksDBException e) {
      throw new StoreException("log read failed: " + e.getMessage(), e);
    }
  }

  org.rocksdb.RocksIterator iterator(ColumnFamilyHandle cf) {
    return db.newIterator(cf);
  }

  private void writeLoop() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      try {
        Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        group.add(first);
        waiting.drainTo(group);
        writeGroup(group);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      } finally {
        group.clear();
      }
    }
  }

  private void writeGroup(List<Pending> group) {
    try (WriteBatch wb = new WriteBatch()) {
      for (Pending p : group) {
        add(wb, p.ops());
      }
      db.write(writeOptions, wb); // sync mode: the group is synced here
      group.forEach(p -> p.done().complete(null));
    } catch (RocksDBException | RuntimeException e) {
      group.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  private static void add(WriteBatch wb, List<Op> ops) throws RocksDBException {
    for (Op op : ops) {
      if (op.value() == null) {
        wb.delete(op.cf(), op.key());
      } else {
        wb.put(op.cf(), op.key(), op.value());
      }
    }
  }

  private void close() {
    long stamp = open.writeLock(); // direct writes in progress end first; later ones see closed
    try {
      closed = true;
    } finally {
      open.unlockWrite(stamp);
    }
    if (writer != null) {
      try {
        writer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writeGroup(drainWaiting());
    }
    if (syncer != null) {
      syncer.close();
    }
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    writeOptions.close();
    closeOptions();
  }

  private List<Pending> drainWaiting() {
    List<Pending> rest = new ArrayList<>();
    waiting.drainTo(rest);
    return rest;
  }

  private void closeOptions() {
    cfOptions.forEach(ColumnFamilyOptions::close);
    dbOptions.close();
    cache.close();
  }
}
