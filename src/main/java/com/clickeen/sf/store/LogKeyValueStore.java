package com.clickeen.sf.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksIterator;

/**
 * The embedded KV on the log store's {@code kv} column family: value = expiry (8 bytes) + bytes. Writes are
 * durable when they return (group-committed with the other writes of the moment); reads come from RocksDB's
 * memtable and block cache. Put-if-absent is atomic within the process, which is the store's only writer.
 */
final class LogKeyValueStore implements KeyValueStore {
  private final LogStore store;
  private final Clock clock;
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  LogKeyValueStore(LogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(byte[] value, long expiresAtMs) {
    return ByteBuffer.allocate(8 + value.length).putLong(expiresAtMs).put(value).array();
  }

  /** The write of one entry, to commit alone or with other writes. */
  static LogStore.Op put(LogStore s, String key, byte[] value, Duration ttl, long nowMs) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("KV ttl must be positive (got " + ttl + ")");
    }
    return new LogStore.Op(s.kv, key(key), value(value, nowMs + ttl.toMillis()));
  }

  /**
   * Commits {@code puts} together with {@code others} (one atomic, durable write), each put's key locked as a
   * {@link #put} locks it.
   */
  void commitWith(List<InteractionJournal.KvPut> puts, List<LogStore.Op> others) {
    LogStore s = store;
    long now = clock.millis();
    List<LogStore.Op> ops = new ArrayList<>(others);
    java.util.TreeSet<Integer> locked = new java.util.TreeSet<>(); // in one order: no two callers deadlock
    for (InteractionJournal.KvPut p : puts) {
      ops.add(put(s, p.key(), p.value(), p.ttl(), now));
      locked.add(stripeIndex(p.key()));
    }
    locked.forEach(i -> stripes[i].lock());
    try {
      s.commit(ops);
    } finally {
      locked.forEach(i -> stripes[i].unlock());
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    byte[] v = store.get(store.kv, key(key));
    if (v == null || ByteBuffer.wrap(v).getLong() <= clock.millis()) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(v, 8, v.length));
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    LogStore s = store;
    ReentrantLock lock = stripe(key);
    lock.lock();
    try {
      s.commit(List.of(put(s, key, value, ttl, clock.millis())));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    LogStore s = store;
    LogStore.Op op = put(s, key, value, ttl, clock.millis());
    ReentrantLock lock = stripe(key);
    lock.lock();
    try {
      if (get(key).isPresent()) {
        return false;
      }
      s.commit(List.of(op));
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String key) {
    LogStore s = store;
    ReentrantLock lock = stripe(key);
    lock.lock();
    try {
      boolean live = get(key).isPresent();
      s.commit(List.of(new LogStore.Op(s.kv, key(key), null)));
      return live;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int purgeExpired() {
    LogStore s = store;
    long now = clock.millis();
    List<LogStore.Op> gone = new ArrayList<>();
    try (RocksIterator it = s.iterator(s.kv)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (ByteBuffer.wrap(it.value()).getLong() <= now) {
          gone.add(new LogStore.Op(s.kv, it.key(), null));
        }
      }
    }
    int purged = 0;
    for (int i = 0; i < gone.size(); i += 10_000) {
      List<LogStore.Op> batch = new ArrayList<>();
      for (ReentrantLock l : stripes) { // a key written again since the scan keeps its new entry
        l.lock();
      }
      try {
        for (LogStore.Op op : gone.subList(i, Math.min(gone.size(), i + 10_000))) {
          byte[] v = s.get(s.kv, op.key());
          if (v != null && ByteBuffer.wrap(v).getLong() <= now) {
            batch.add(op);
          }
        }
        s.commit(batch);
        purged += batch.size();
      } finally {
        for (ReentrantLock l : stripes) {
          l.unlock();
        }
      }
    }
    return purged;
  }

  private ReentrantLock stripe(String key) {
    return stripes[stripeIndex(key)];
  }

  private int stripeIndex(String key) {
    return (key.hashCode() & 0x7fffffff) % stripes.length;
  }

  @Override
  public void close() {}
}
