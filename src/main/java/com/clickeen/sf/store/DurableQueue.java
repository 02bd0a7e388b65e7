package com.clickeen.sf.store;

import java.time.Duration;
import java.util.List;

/**
 * A work queue that keeps what it accepted across crashes (the spec's Queues). Delivery is at least
 * once: consumers must be idempotent (interaction writes are, by request id).
 */
public interface DurableQueue extends AutoCloseable {

  /** Appends a message; it is on durable storage when this returns. */
  void enqueue(String topic, String dedupeKey, byte[] payload);

  /**
   * Claims up to {@code max} visible messages for {@code visibility}; unacknowledged ones become
   * visible again after that (their holder crashed or is stuck).
   */
  List<QueueMessage> poll(int max, Duration visibility);

  void ack(QueueMessage message);

  /** Acknowledges several handled messages at once (one transaction or round trip where the backend can). */
  default void ackAll(List<QueueMessage> messages) {
    messages.forEach(this::ack);
  }

  /**
   * Hands a message back to be tried again after {@code delay}; once it has been tried
   * {@code maxAttempts} times it moves to the dead-letter store instead.
   */
  void retryLater(QueueMessage message, Duration delay, String error);

  /** Blocks until a message may be visible or {@code max} passes (whichever first). */
  void awaitWork(Duration max) throws InterruptedException;

  QueueStats stats();

  /**
   * Makes the messages a dead owner had taken visible now, instead of after their visibility timeout; returns
   * how many. Only a queue with one owner may do it (the embedded one, under the data folder's lock); a queue
   * shared by instances cannot tell a dead taker from a live one and leaves this to the timeout (returns 0).
   */
  int takeBackAfterCrash();

  @Override
  void close();

  record QueueMessage(String id, String topic, String dedupeKey, byte[] payload, int attempts) {}

  record QueueStats(long ready, long delayedOrInFlight, long deadLettered) {}
}
