package com.clickeen.sf.jobs;

import com.clickeen.sf.store.DurableQueue;
import com.clickeen.sf.store.DurableQueue.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 *
 * <p>A topic can have a batch handler instead: it gets all of a poll's messages of that topic at once
 * (the interaction writer indexes them in one transaction). When a batch fails, its messages are tried
 * one by one, so a single bad message is retried on its own and does not hold back the others.
 *
 * <p>The worker's thread runs at the lowest CPU priority ({@link BackgroundPriority}): on a busy core, indexing
 * waits for the requests instead of delaying them (a batch of a few hundred rows is tens of milliseconds of
 * CPU; at normal priority it shares the core with the requests arriving meanwhile). When a poll finds a full batch, the
 * backlog is growing: batches then run on a thread of normal priority until it is drained, so a saturated
 * service indexes as fast as before and its backlog stays bounded.
 */
public final class QueueWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
  private static final Duration VISIBILITY = Duration.ofSeconds(60);
  private static final int BATCH = 256;
  /**
   * After a poll that did not fill a batch, the worker waits this long before the next one, so that under
   * load each poll takes many messages: one index transaction and one acknowledgement for all of them
   * instead of one each. Interactions are indexed this much later; the queue holds them durably meanwhile.
   */
  static final Duration LINGER = Duration.ofMillis(100);
  /** The worker thread's nice value: the lowest priority, so requests always come first. */
  static final int NICE = 19;

  private final DurableQueue queue;
  private final Map<String, Consumer<List<byte[]>>> batchHandlers;
  private final Map<String, Consumer<byte[]>> handlers;
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running;
  private Thread thread;
  /** Runs batches at normal priority while the worker is behind (its own thread has the lowest). */
  private java.util.concurrent.ExecutorService catchUp;

  /** One handler per topic, called once per message. */
  public QueueWorker(DurableQueue queue, Map<String, Consumer<byte[]>> handlers) {
    this(queue, Map.of(), handlers);
  }

  /** Batch handlers for some topics, one-at-a-time handlers for others (a topic may not have both). */
  public QueueWorker(DurableQueue queue, Map<String, Consumer<List<byte[]>>> batchHandlers,
      Map<String, Consumer<byte[]>> handlers) {
    this.queue = queue;
    for (String topic : handlers.keySet()) {
      if (batchHandlers.containsKey(topic)) {
        throw new IllegalArgumentException("topic '" + topic + "' has both a batch and a single handler");
      }
    }
    this.batchHandlers = Map.copyOf(batchHandlers);
    this.handlers = Map.copyOf(handlers);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    // Started here, not on first use: a thread inherits the priority of the thread that creates it.
    var pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(),
        Thread.ofPlatform().name("sf-queue-worker-catch-up").daemon(true).factory());
    pool.prestartAllCoreThreads();
    catchUp = pool;
    thread = Thread.ofPlatform().name("sf-queue-worker").daemon(true).start(this::loop);
  }

  private void loop() {
    boolean lowered = BackgroundPriority.lowerCurrentThread(NICE);
    boolean behind = false;
    while (running) {
      try {
        int n = behind && lowered ? onCatchUpThread() : drainOnce();
        behind = n >= BATCH;
        if (n == 0) {
          queue.awaitWork(Duration.ofMillis(250));
        }
        if (n < BATCH) {
          Thread.sleep(LINGER);
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

  private int onCatchUpThread() throws InterruptedException {
    try {
      return catchUp.submit(this::drainOnce).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Processes one batch of visible messages; returns how many were handled (tests call this directly). */
  public int drainOnce() {
    List<QueueMessage> batch = queue.poll(BATCH, VISIBILITY);
    Map<String, List<QueueMessage>> byTopic = new LinkedHashMap<>();
    for (QueueMessage m : batch) {
      byTopic.computeIfAbsent(m.topic(), t -> new ArrayList<>()).add(m);
    }
    List<QueueMessage> done = new ArrayList<>(batch.size());
    byTopic.forEach((topic, messages) -> {
      Consumer<List<byte[]>> batchHandler = batchHandlers.get(topic);
      if (batchHandler != null && messages.size() > 1) {
        try {
          batchHandler.accept(messages.stream().map(QueueMessage::payload).toList());
          done.addAll(messages);
          return;
        } catch (RuntimeException e) {
          LOG.warn("queue worker: a batch of {} message(s) of topic {} failed ({}); trying them one by one",
              messages.size(), topic, e.toString());
        }
      }
      Consumer<byte[]> handler = batchHandler != null ? p -> batchHandler.accept(List.of(p)) : handlers.get(topic);
      for (QueueMessage m : messages) {
        try {
          if (handler == null) {
            throw new IllegalStateException("no handler for topic '" + topic + "'");
          }
          handler.accept(m.payload());
          done.add(m);
        } catch (RuntimeException e) {
          failed.incrementAndGet();
          Duration delay = Duration.ofMillis(Math.min(60_000, 500L << Math.min(10, m.attempts())));
          LOG.warn("queue worker: message {} (topic {}, key {}, try {}) failed, retry in {} ms: {}",
              m.id(), m.topic(), m.dedupeKey(), m.attempts(), delay.toMillis(), e.toString());
          queue.retryLater(m, delay, e.toString());
        }
      }
    });
    queue.ackAll(done);
    processed.addAndGet(done.size());
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
    java.util.concurrent.ExecutorService c;
    synchronized (this) {
      running = false;
      t = thread;
      c = catchUp;
    }
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (c != null) {
      c.shutdown();
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
