package com.clickeen.sf.store;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The queue on Redis Streams. Entries go to one stream read by one consumer group; each instance is a
 * consumer. An entry is on the server (appendonly as Redis is configured) when {@link #enqueue} returns.
 * Stuck entries (their consumer died) are claimed back after the visibility time ({@code XAUTOCLAIM});
 * a retry waits in a sorted set until it is due and goes back on the stream with its try count; after the
 * last try an entry moves to the dead-letter stream.
 */
final class RedisQueue implements DurableQueue {
  private static final String GROUP = "sf-workers";
  private static final String MOVE_DUE = """
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
      for _, m in ipairs(due) do
        local f = cjson.decode(m)
        redis.call('XADD', KEYS[2], '*', 'topic', f.topic, 'key', f.key, 'payload', f.payload, 'attempts', f.attempts)
        redis.call('ZREM', KEYS[1], m)
      end
      return #due
      """;

  private final RedisCommands<String, byte[]> redis;
  private final String stream;
  private final String retryKey;
  private final String deadKey;
  private final String consumer = "c-" + UUID.randomUUID();
  private final Clock clock;
  private final int maxAttempts;

  RedisQueue(StatefulRedisConnection<String, byte[]> connection, String prefix, Clock clock, int maxAttempts) {
    this.redis = connection.sync();
    this.stream = prefix + "queue";
    this.retryKey = prefix + "queue:retry";
    this.deadKey = prefix + "queue:dead";
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    try {
      redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP, XGroupCreateArgs.Builder.mkstream());
    } catch (RedisBusyException e) {
      // the group exists already
    }
  }

  @Override
  public void enqueue(String topic, String dedupeKey, byte[] payload) {
    try {
      redis.xadd(stream, fields(topic, dedupeKey, payload, 0));
    } catch (RuntimeException e) {
      throw new StoreException("queue (Redis) enqueue failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, byte[]> fields(String topic, String key, byte[] payload, int attempts) {
    Map<String, byte[]> f = new LinkedHashMap<>();
    f.put("topic", topic.getBytes(StandardCharsets.UTF_8));
    f.put("key", (key == null ? "" : key).getBytes(StandardCharsets.UTF_8));
    f.put("payload", payload);
    f.put("attempts", Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
    return f;
  }

  @Override
  public List<QueueMessage> poll(int max, Duration visibility) {
    try {
      redis.eval(MOVE_DUE, ScriptOutputType.INTEGER, new String[] {retryKey, stream},
          Long.toString(clock.millis()).getBytes(StandardCharsets.UTF_8), Integer.toString(max).getBytes(StandardCharsets.UTF_8));
      List<QueueMessage> out = new ArrayList<>();
      ClaimedMessages<String, byte[]> claimed = redis.xautoclaim(stream,
          XAutoClaimArgs.Builder.xautoclaim(Consumer.from(GROUP, consumer), visibility, "0-0").count(max));
      for (StreamMessage<String, byte[]> m : claimed.getMessages()) {
        out.add(message(m));
      }
      if (out.size() < max) {
        List<StreamMessage<String, byte[]>> fresh = redis.xreadgroup(Consumer.from(GROUP, consumer),
            XReadArgs.Builder.count(max - out.size()), XReadArgs.StreamOffset.lastConsumed(stream));
        for (StreamMessage<String, byte[]> m : fresh) {
          out.add(message(m));
        }
      }
      return out;
    } catch (RuntimeException e) {
      throw new StoreException("queue (Redis) poll failed: " + e.getMessage(), e);
    }
  }

  private QueueMessage message(StreamMessage<String, byte[]> m) {
    Map<String, byte[]> b = m.getBody();
    int previous = Integer.parseInt(new String(b.getOrDefault("attempts", "0".getBytes()), StandardCharsets.UTF_8));
    long deliveries = 1;
    List<PendingMessage> p = redis.xpending(stream, Consumer.from(GROUP, consumer), Range.create(m.getId(), m.getId()),
        Limit.from(1));
    if (!p.isEmpty()) {
      deliveries = p.getFirst().getRedeliveryCount();
    }
    return new QueueMessage(m.getId(), new String(b.get("topic"), StandardCharsets.UTF_8),
        new String(b.get("key"), StandardCharsets.UTF_8), b.get("payload"), previous + (int) Math.max(1, deliveries));
  }

  @Override
  public void ackAll(List<QueueMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    String[] ids = messages.stream().map(QueueMessage::id).toArray(String[]::new);
    try {
      redis.xack(stream, GROUP, ids);
      redis.xdel(stream, ids);
    } catch (RuntimeException e) {
      throw new StoreException("queue (Redis) ack failed for " + ids.length + " message(s) (first " + ids[0] + "): "
          + e.getMessage(), e);
    }
  }

  @Override
  public void ack(QueueMessage message) {
    try {
      redis.xack(stream, GROUP, message.id());
      redis.xdel(stream, message.id());
    } catch (RuntimeException e) {
      throw new StoreException("queue (Redis) ack failed for " + message.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void retryLater(QueueMessage message, Duration delay, String error) {
    try {
      if (message.attempts() >= maxAttempts) {
        Map<String, byte[]> f = fields(message.topic(), message.dedupeKey(), message.payload(), message.attempts());
        f.put("error", (error == null ? "" : error).getBytes(StandardCharsets.UTF_8));
        redis.xadd(deadKey, XAddArgs.Builder.maxlen(100_000).approximateTrimming(), f);
      } else {
        String entry = "{\"topic\":" + jsonString(message.topic()) + ",\"key\":" + jsonString(message.dedupeKey())
            + ",\"payload\":" + jsonString(new String(message.payload(), StandardCharsets.UTF_8))
            + ",\"attempts\":\"" + message.attempts() + "\",\"n\":\"" + UUID.randomUUID() + "\"}";
        redis.zadd(retryKey, clock.millis() + delay.toMillis(), entry.getBytes(StandardCharsets.UTF_8));
      }
      redis.xack(stream, GROUP, message.id());
      redis.xdel(stream, message.id());
    } catch (RuntimeException e) {
      throw new StoreException("queue (Redis) retry failed for " + message.id() + ": " + e.getMessage(), e);
    }
  }

  private static String jsonString(String s) {
    return com.clickeen.sf.json.Json.text(s == null ? "" : s);
  }

  @Override
  public void awaitWork(Duration max) throws InterruptedException {
    Thread.sleep(Math.min(max.toMillis(), 50));
  }

  @Override
  public QueueStats stats() {
    try {
      long length = redis.xlen(stream);
      long pending = redis.xpending(stream, GROUP).getCount();
      return new QueueStats(Math.max(0, length - pending), pending + redis.zcard(retryKey), redis.xlen(deadKey));
    } catch (RuntimeException e) {
      throw new StoreException("queue (Redis) stats failed: " + e.getMessage(), e);
    }
  }

  /** Shared by instances: a taken message comes back after its visibility timeout only. */
  @Override
  public int takeBackAfterCrash() {
    return 0;
  }

  @Override
  public void close() {}
}
