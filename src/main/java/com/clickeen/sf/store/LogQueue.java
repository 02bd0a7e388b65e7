package com.clickeen.sf.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksIterator;

/**
 * The embedded durable queue on the log store, and the embedded {@link InteractionJournal}: a message is one
 * put in the {@code queue} column family, committed with the KV entries of its execute in one write (one WAL
 * record). Which messages are waiting, taken or delayed is kept in memory (this process is the store's only
 * owner) and rebuilt from the store on open; tries and visibility of taken messages are written without
 * waiting for the disk (a replay that loses them delivers the message again, which consumers tolerate).
 */
final class LogQueue implements DurableQueue, InteractionJournal {
  private static final class Entry {
    int attempts;
    long visibleAtMs;
    boolean taken;
  }

  private final LogStore store;
  private final LogKeyValueStore kv;
  private final Clock clock;
  private final int maxAttempts;
  private final TreeMap<Long, Entry> live = new TreeMap<>();
  private long nextSeq;
  private long deadLettered;
  private final ReentrantLock signalLock = new ReentrantLock();
  private final Condition signal = signalLock.newCondition();

  LogQueue(LogStore store, LogKeyValueStore kv, Clock clock, int maxAttempts) {
    this.store = store;
    this.kv = kv;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    load();
  }

  static byte[] key(long seq) {
    return ByteBuffer.allocate(8).putLong(seq).array();
  }

  private static void putText(ByteBuffer b, byte[] text) {
    b.putInt(text == null ? -1 : text.length);
    if (text != null) {
      b.put(text);
    }
  }

  private static String text(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0) {
      return null;
    }
    byte[] t = new byte[n];
    b.get(t);
    return new String(t, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] message(String topic, String dedupeKey, long enqueuedAtMs, byte[] payload) {
    byte[] t = utf8(topic);
    byte[] k = utf8(dedupeKey);
    ByteBuffer b = ByteBuffer.allocate(4 + t.length + 4 + (k == null ? 0 : k.length) + 8 + payload.length);
    putText(b, t);
    putText(b, k);
    return b.putLong(enqueuedAtMs).put(payload).array();
  }

  private static QueueMessage decode(long seq, byte[] value, int attempts) {
    ByteBuffer b = ByteBuffer.wrap(value);
    String topic = text(b);
    String dedupeKey = text(b);
    b.getLong();
    byte[] payload = new byte[b.remaining()];
    b.get(payload);
    return new QueueMessage(Long.toString(seq), topic, dedupeKey, payload, attempts);
  }

  private static byte[] state(Entry e, String error) {
    byte[] err = utf8(error);
    ByteBuffer b = ByteBuffer.allocate(4 + 8 + 1 + 4 + (err == null ? 0 : err.length));
    b.putInt(e.attempts).putLong(e.visibleAtMs).put((byte) (e.taken ? 1 : 0));
    putText(b, err);
    return b.array();
  }

  /** Which messages wait, and their tries, as the store holds them (after a crash: as the replay left them). */
  private synchronized void load() {
    LogStore s = store;
    Map<Long, Entry> states = new HashMap<>();
    try (RocksIterator it = s.iterator(s.state)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        ByteBuffer b = ByteBuffer.wrap(it.value());
        Entry e = new Entry();
        e.attempts = b.getInt();
        e.visibleAtMs = b.getLong();
        e.taken = b.get() == 1;
        states.put(ByteBuffer.wrap(it.key()).getLong(), e);
      }
    }
    try (RocksIterator it = s.iterator(s.queue)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        long seq = ByteBuffer.wrap(it.key()).getLong();
        live.put(seq, states.getOrDefault(seq, new Entry()));
        nextSeq = Math.max(nextSeq, seq);
      }
    }
    try (RocksIterator it = s.iterator(s.dead)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        deadLettered++;
        nextSeq = Math.max(nextSeq, ByteBuffer.wrap(it.key()).getLong());
      }
    }
  }

  @Override
  public void enqueue(String topic, String dedupeKey, byte[] payload) {
    append(topic, dedupeKey, payload, List.of());
  }

  @Override
  public void append(String topic, String dedupeKey, byte[] payload, List<KvPut> kvPuts) {
    LogStore s = store;
    long seq;
    synchronized (this) {
      seq = ++nextSeq;
    }
    LogStore.Op msg = new LogStore.Op(s.queue, key(seq), message(topic, dedupeKey, clock.millis(), payload));
    if (kvPuts.isEmpty()) {
      s.commit(List.of(msg));
    } else {
      kv.commitWith(kvPuts, List.of(msg));
    }
    synchronized (this) {
      live.put(seq, new Entry());
    }
    signalWork();
  }

  @Override
  public List<QueueMessage> poll(int max, Duration visibility) {
    LogStore s = store;
    long now = clock.millis();
    List<Long> seqs = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    List<LogStore.Op> states = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<Long, Entry> me : live.entrySet()) {
        if (seqs.size() >= max) {
          break;
        }
        Entry e = me.getValue();
        if (e.visibleAtMs > now) {
          continue;
        }
        e.attempts++;
        e.visibleAtMs = now + visibility.toMillis();
        e.taken = true;
        seqs.add(me.getKey());
        attempts.add(e.attempts);
        states.add(new LogStore.Op(s.state, key(me.getKey()), state(e, null)));
      }
    }
    if (seqs.isEmpty()) {
      return List.of();
    }
    s.writeLater(states);
    List<byte[]> values = s.getAll(s.queue, seqs.stream().map(LogQueue::key).toList());
    List<QueueMessage> out = new ArrayList<>(seqs.size());
    for (int i = 0; i < seqs.size(); i++) {
      if (values.get(i) != null) {
        out.add(decode(seqs.get(i), values.get(i), attempts.get(i)));
      }
    }
    return out;
  }

  @Override
  public void ack(QueueMessage message) {
    ackAll(List.of(message));
  }

  @Override
  public void ackAll(List<QueueMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    LogStore s = store;
    List<LogStore.Op> ops = new ArrayList<>(messages.size() * 2);
    synchronized (this) {
      for (QueueMessage m : messages) {
        long seq = Long.parseLong(m.id());
        live.remove(seq);
        ops.add(new LogStore.Op(s.queue, key(seq), null));
        ops.add(new LogStore.Op(s.state, key(seq), null));
      }
    }
    s.writeLater(ops);
  }

  @Override
  public void retryLater(QueueMessage message, Duration delay, String error) {
    LogStore s = store;
    long seq = Long.parseLong(message.id());
    long now = clock.millis();
    List<LogStore.Op> ops = new ArrayList<>();
    synchronized (this) {
      Entry e = live.get(seq);
      if (e == null) {
        return; // acknowledged or dead-lettered meanwhile
      }
      if (message.attempts() >= maxAttempts) {
        live.remove(seq);
        deadLettered++;
        byte[] err = utf8(error);
        byte[] msg = s.get(s.queue, key(seq));
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + (err == null ? 0 : err.length) + (msg == null ? 0 : msg.length));
        b.putInt(message.attempts()).putLong(now);
        putText(b, err);
        if (msg != null) {
          b.put(msg);
        }
        ops.add(new LogStore.Op(s.dead, key(seq), b.array()));
        ops.add(new LogStore.Op(s.queue, key(seq), null));
        ops.add(new LogStore.Op(s.state, key(seq), null));
      } else {
        e.visibleAtMs = now + delay.toMillis();
        e.taken = false;
        ops.add(new LogStore.Op(s.state, key(seq), state(e, error)));
      }
    }
    s.commit(ops);
    signalWork();
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
  public QueueStats stats() {
    long now = clock.millis();
    long ready = 0;
    long later = 0;
    synchronized (this) {
      for (Entry e : live.values()) {
        if (e.visibleAtMs <= now) {
          ready++;
        } else {
          later++;
        }
      }
      return new QueueStats(ready, later, deadLettered);
    }
  }

  /** Messages a previous process had taken and not finished: visible now. */
  @Override
  public int takeBackAfterCrash() {
    LogStore s = store;
    long now = clock.millis();
    List<LogStore.Op> ops = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<Long, Entry> me : live.entrySet()) {
        Entry e = me.getValue();
        if (e.taken) {
          e.taken = false;
          e.visibleAtMs = now;
          ops.add(new LogStore.Op(s.state, key(me.getKey()), state(e, null)));
        }
      }
    }
    if (!ops.isEmpty()) {
      s.writeLater(ops);
      signalWork();
    }
    return ops.size();
  }

  @Override
  public void close() {}
}
