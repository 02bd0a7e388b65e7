package com.clickeen.sf.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded durable queue: a SQLite file ({@code DATA/queue.db}). Enqueues from concurrent requests
 * are group-committed by one writer thread: each caller waits until the transaction holding its message
 * has committed, so when {@link #enqueue} returns the message survives a crash of the process.
 */
final class SqliteQueue implements DurableQueue {
  private static final int SCHEMA_VERSION = 1;
  private static final int MAX_BATCH = 512;
  private static final long ENQUEUE_TIMEOUT_MS = 10_000;

  private final String url;
  private final Clock clock;
  private final int maxAttempts;
  private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>(100_000);
  private final Thread writer;
  private final Connection writeConn;
  private final Connection readConn;
  private final ReentrantLock signalLock = new ReentrantLock();
  private final Condition signal = signalLock.newCondition();
  private volatile boolean closed;

  private record Pending(String topic, String dedupeKey, byte[] payload, CompletableFuture<Void> done) {}

  SqliteQueue(Path file, Clock clock, int maxAttempts) {
    this.url = SqliteFiles.url(file);
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    try {
      this.writeConn = DriverManager.getConnection(url);
      this.readConn = DriverManager.getConnection(url);
      try (Statement s = writeConn.createStatement()) {
        s.executeUpdate("""
            CREATE TABLE IF NOT EXISTS sf_queue (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              topic TEXT NOT NULL,
              dedupe_key TEXT,
              payload BLOB NOT NULL,
              enqueued_at_ms INTEGER NOT NULL,
              visible_at_ms INTEGER NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              last_error TEXT)""");
        s.executeUpdate("CREATE INDEX IF NOT EXISTS sf_queue_visible ON sf_queue(visible_at_ms, id)");
        try (ResultSet cols = s.executeQuery("SELECT COUNT(*) FROM pragma_table_info('sf_queue') WHERE name = 'taken'")) {
          cols.next();
          if (cols.getInt(1) == 0) { // queue files of earlier releases
            s.executeUpdate("ALTER TABLE sf_queue ADD COLUMN taken INTEGER NOT NULL DEFAULT 0");
          }
        }
        s.executeUpdate("""
            CREATE TABLE IF NOT EXISTS sf_queue_dead (
              id INTEGER PRIMARY KEY,
              topic TEXT NOT NULL,
              dedupe_key TEXT,
              payload BLOB NOT NULL,
              enqueued_at_ms INTEGER NOT NULL,
              dead_at_ms INTEGER NOT NULL,
              attempts INTEGER NOT NULL,
              last_error TEXT)""");
        s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
      }
    } catch (SQLException e) {
      throw new StoreException("queue (SQLite " + file + ") could not be opened: " + e.getMessage(), e);
    }
    this.writer = Thread.ofPlatform().name("sf-queue-writer").daemon(true).start(this::writeLoop);
  }

  @Override
  public void enqueue(String topic, String dedupeKey, byte[] payload) {
    if (closed) {
      throw new StoreException("queue is closed; the message was not accepted");
    }
    Pending p = new Pending(topic, dedupeKey, payload, new CompletableFuture<>());
    try {
      if (!pending.offer(p, ENQUEUE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        throw new StoreException("queue writer is saturated (100000 messages waiting for more than "
            + ENQUEUE_TIMEOUT_MS + " ms); the message was not accepted");
      }
      p.done().get(ENQUEUE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while enqueueing; the message may not be stored", e);
    } catch (ExecutionException e) {
      throw new StoreException("queue write failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException("queue write did not commit within " + ENQUEUE_TIMEOUT_MS + " ms", e);
    }
    signalWork();
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed && pending.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, MAX_BATCH - 1);
        writeBatch(batch);
      } catch (InterruptedException e) {
        if (closed) {
          pending.drainTo(batch);
          writeBatch(batch);
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void writeBatch(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long now = clock.millis();
    try (PreparedStatement ps = writeConn.prepareStatement(
        "INSERT INTO sf_queue (topic, dedupe_key, payload, enqueued_at_ms, visible_at_ms) VALUES (?, ?, ?, ?, ?)")) {
      begin(writeConn);
      for (Pending p : batch) {
        ps.setString(1, p.topic());
        ps.setString(2, p.dedupeKey());
        ps.setBytes(3, p.payload());
        ps.setLong(4, now);
        ps.setLong(5, now);
        ps.addBatch();
      }
      ps.executeBatch();
      commit(writeConn);
      batch.forEach(p -> p.done().complete(null));
    } catch (SQLException e) {
      rollbackQuietly(writeConn);
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  @Override
  public synchronized List<QueueMessage> poll(int max, Duration visibility) {
    long now = clock.millis();
    List<QueueMessage> out = new ArrayList<>();
    try {
      begin(readConn);
      try (PreparedStatement sel = readConn.prepareStatement(
               "SELECT id, topic, dedupe_key, payload, attempts FROM sf_queue WHERE visible_at_ms <= ? ORDER BY id LIMIT ?");
           PreparedStatement upd = readConn.prepareStatement(
               "UPDATE sf_queue SET visible_at_ms = ?, attempts = attempts + 1, taken = 1 WHERE id = ?")) {
        sel.setLong(1, now);
        sel.setInt(2, max);
        try (ResultSet rs = sel.executeQuery()) {
          while (rs.next()) {
            out.add(new QueueMessage(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3),
                rs.getBytes(4), rs.getInt(5) + 1));
          }
        }
        for (QueueMessage m : out) {
          upd.setLong(1, now + visibility.toMillis());
          upd.setLong(2, Long.parseLong(m.id()));
          upd.addBatch();
        }
        upd.executeBatch();
      }
      commit(readConn);
      return out;
    } catch (SQLException e) {
      rollbackQuietly(readConn);
      throw new StoreException("queue poll failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void ack(QueueMessage message) {
    try {
      try (PreparedStatement ps = readConn.prepareStatement("DELETE FROM sf_queue WHERE id = ?")) {
        ps.setLong(1, Long.parseLong(message.id()));
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("queue ack failed for message " + message.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void ackAll(List<QueueMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    try {
      begin(readConn);
      try (PreparedStatement ps = readConn.prepareStatement("DELETE FROM sf_queue WHERE id = ?")) {
        for (QueueMessage m : messages) {
          ps.setLong(1, Long.parseLong(m.id()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      commit(readConn);
    } catch (SQLException e) {
      rollbackQuietly(readConn);
      throw new StoreException("queue ack failed for " + messages.size() + " message(s) (first "
          + messages.getFirst().id() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void retryLater(QueueMessage message, Duration delay, String error) {
    long now = clock.millis();
    try {
      begin(readConn);
      if (message.attempts() >= maxAttempts) {
        try (PreparedStatement ins = readConn.prepareStatement(
                 "INSERT OR REPLACE INTO sf_queue_dead (id, topic, dedupe_key, payload, enqueued_at_ms, dead_at_ms, attempts, last_error) "
                     + "SELECT id, topic, dedupe_key, payload, enqueued_at_ms, ?, attempts, ? FROM sf_queue WHERE id = ?");
             PreparedStatement del = readConn.prepareStatement("DELETE FROM sf_queue WHERE id = ?")) {
          ins.setLong(1, now);
          ins.setString(2, error);
          ins.setLong(3, Long.parseLong(message.id()));
          ins.executeUpdate();
          del.setLong(1, Long.parseLong(message.id()));
          del.executeUpdate();
        }
      } else {
        try (PreparedStatement ps = readConn.prepareStatement(
            "UPDATE sf_queue SET visible_at_ms = ?, last_error = ?, taken = 0 WHERE id = ?")) {
          ps.setLong(1, now + delay.toMillis());
          ps.setString(2, error);
          ps.setLong(3, Long.parseLong(message.id()));
          ps.executeUpdate();
        }
      }
      commit(readConn);
    } catch (SQLException e) {
      rollbackQuietly(readConn);
      throw new StoreException("queue retry failed for message " + message.id() + ": " + e.getMessage(), e);
    }
  }

  // Connections stay in auto-commit mode and transactions are explicit: the driver would otherwise open
  // the next (IMMEDIATE, so write-locking) transaction right after every commit and hold the lock.
  private static void begin(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
  }

  private static void commit(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("COMMIT");
    }
  }

  private static void rollbackQuietly(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // reporting the first failure; there may be no open transaction
    }
  }

  @Override
  public void awaitWork(Duration max) throws InterruptedException {
    signalLock.lock();
    try {
      signal.await(max.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      signalLock.unlock();
    }
  }

  private void signalWork() {
    signalLock.lock();
    try {
      signal.signalAll();
    } finally {
      signalLock.unlock();
    }
  }

  @Override
  public synchronized QueueStats stats() {
    long now = clock.millis();
    try {
      try (Statement s = readConn.createStatement();
           ResultSet rs = s.executeQuery("SELECT "
               + "(SELECT COUNT(*) FROM sf_queue WHERE visible_at_ms <= " + now + "), "
               + "(SELECT COUNT(*) FROM sf_queue WHERE visible_at_ms > " + now + "), "
               + "(SELECT COUNT(*) FROM sf_queue_dead)")) {
        rs.next();
        return new QueueStats(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    } catch (SQLException e) {
      throw new StoreException("queue stats failed: " + e.getMessage(), e);
    }
  }

  /** Messages taken by a poll and neither acknowledged nor handed back: their taker is gone. */
  @Override
  public synchronized int takeBackAfterCrash() {
    try (PreparedStatement ps = readConn.prepareStatement(
        "UPDATE sf_queue SET visible_at_ms = ?, taken = 0 WHERE taken = 1")) {
      ps.setLong(1, clock.millis());
      int n = ps.executeUpdate();
      if (n > 0) {
        signalWork();
      }
      return n;
    } catch (SQLException e) {
      throw new StoreException("queue take-back failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p; (p = pending.poll()) != null; ) {
      p.done().completeExceptionally(new StoreException("queue closed before the message was written"));
    }
    synchronized (this) {
      try {
        writeConn.close();
        readConn.close();
      } catch (SQLException ignored) {
        // closing
      }
    }
  }
}
