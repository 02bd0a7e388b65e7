package com.clickeen.sf.store;

import java.time.Duration;
import java.util.List;

/**
 * The one durable write an execute makes before it answers: its interaction as a queued message, together
 * with the KV entries the execute changed (its session). When {@link #append} returns, all of it survives a
 * crash. The embedded backend makes it one record of its log; where the KV and the queue are separate servers
 * (Redis) it is the KV writes, then the message, as before.
 */
public interface InteractionJournal {

  /** A KV entry written with the message. */
  record KvPut(String key, byte[] value, Duration ttl) {
    public KvPut {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("KV ttl must be positive (got " + ttl + ")");
      }
    }
  }

  void append(String topic, String dedupeKey, byte[] payload, List<KvPut> kvPuts);

  /** KV writes first, then the message: the journal of backends that cannot write both at once. */
  static InteractionJournal separate(KeyValueStore kv, DurableQueue queue) {
    return (topic, dedupeKey, payload, kvPuts) -> {
      for (KvPut p : kvPuts) {
        kv.put(p.key(), p.value(), p.ttl());
      }
      queue.enqueue(topic, dedupeKey, payload);
    };
  }
}
