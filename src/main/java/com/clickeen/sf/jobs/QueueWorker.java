package com.clickeen.sf.jobs;

import com.clickeen.sf.store.DurableQueue;
import com.clickeen.sf.store.DurableQueue.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the durable queue: hands each message to its topic's handler, acknowledges on success, and
 * schedules a retry with exponential backoff on failure (the queue dead-letters after its max tries).
 * Failures are logged with the message id and counted; nothing is dropped silently.
 */
public final class QueueWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
  private static final Duration VISIBILITY = Duration.ofSeconds(60);
  private static final int BATCH = 256;

  private final DurableQueue queue;
  private final Map<String, Consumer<byte[]>> handlers;
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  public QueueWorker(DurableQueue queue, Map<String, Consumer<byte[]>> handlers) {
    this.queue = queue;
    this.handlers = Map.copyOf(handlers);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("sf-queue-worker").daemon(true).start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        if (drainOnce() == 0) {
          queue.awaitWork(Duration.ofMillis(250));
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.error("queue worker: polling failed, retrying in 1 s: {}", e.getMessage(), e);
        sleepQuietly(1_000);
      }
    }
  }

  /** Processes one batch of visible messages; returns how many were handled (tests call this directly). */
  public int drainOnce() {
    List<QueueMessage> batch = queue.poll(BATCH, VISIBILITY);
    for (QueueMessage m : batch) {
      Consumer<byte[]> handler = handlers.get(m.topic());
      try {
        if (handler == null) {
          throw new IllegalStateException("no handler for topic '" + m.topic() + "'");
        }
        handler.accept(m.payload());
        queue.ack(m);
        processed.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        Duration delay = Duration.ofMillis(Math.min(60_000, 500L << Math.min(10, m.attempts())));
        LOG.warn("queue worker: message {} (topic {}, key {}, try {}) failed, retry in {} ms: {}",
            m.id(), m.topic(), m.dedupeKey(), m.attempts(), delay.toMillis(), e.toString());
        queue.retryLater(m, delay, e.toString());
      }
    }
    return batch.size();
  }

  /** Handles everything visible now (used at shutdown and by tests). */
  public void drainAll() {
    while (drainOnce() > 0) {
      // keep going until the visible backlog is empty
    }
  }

  public long processed() {
    return processed.get();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t != null) {

      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
