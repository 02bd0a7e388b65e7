package com.clickeen.sf.agents;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The time budgets of the executes running now: a thread whose budget runs out before it {@linkplain
 * Running#finish finishes} is interrupted (the provider call, its retries and waits all end on an interrupt).
 *
 * <p>One watchdog thread for all executes, asleep until the earliest deadline: starting and finishing a budget
 * is an add and a remove in a concurrent set, with no timer task and no thread wake-up as long as the new
 * deadline is not the earliest one (executes with the same budget arrive in deadline order). It replaces a
 * second virtual thread per execute and a timed wait for it, and a timer task per execute, which a
 * micro-benchmark found as costly as the second thread.
 */
final class Deadlines implements AutoCloseable {
  private static final long NEVER = Long.MAX_VALUE;

  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private final Thread watchdog;
  /** When the watchdog wakes next (System.nanoTime), or NEVER while it scans: a start before then wakes it. */
  private volatile long wakeAt = NEVER;
  private volatile boolean closed;

  Deadlines() {
    this.watchdog = Thread.ofPlatform().name("sf-execute-deadlines").daemon(true).start(this::watch);
  }

  /** The budget of the calling thread, from now. */
  Running start(Duration budget) {
    long now = System.nanoTime();
    // at least 1 ms, as the timed wait that came before
    Running r = new Running(Thread.currentThread(), now + Math.max(1_000_000, budget.toNanos()));
    running.add(r);
    long w = wakeAt;
    if (w == NEVER || r.deadline - w < 0) {
      LockSupport.unpark(watchdog);
    }
    return r;
  }

  private void watch() {
    while (!closed) {
      wakeAt = NEVER; // starts during the scan wake the watchdog again: none is missed
      long now = System.nanoTime();
      long next = NEVER;
      for (Running r : running) {
        if (r.deadline - now <= 0) {
          r.expire();
          running.remove(r);
        } else if (next == NEVER || r.deadline - next < 0) {
          next = r.deadline;
        }
      }
      wakeAt = next;
      if (next == NEVER) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, next - System.nanoTime());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(watchdog);
  }

  /** One execute's budget: running, then finished by its thread or expired by the watchdog, whichever comes first. */
  final class Running {
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRING = 2;
    private static final int EXPIRED = 3;
    private final Thread thread;
    private final long deadline;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Running(Thread thread, long deadline) {
      this.thread = thread;
      this.deadline = deadline;
    }

    private void expire() {
      if (state.compareAndSet(RUNNING, EXPIRING)) {
        thread.interrupt();
        state.set(EXPIRED);
      }
    }

    /**
     * Called by the execute's thread when its work is done: true when the budget ran out first. The
     * watchdog's interrupt is then cleared, so that the rest of the request (logging the interaction,
     * answering) runs normally.
     */
    boolean finish() {
      running.remove(this);
      if (state.compareAndSet(RUNNING, FINISHED)) {
        return false;
      }
      while (state.get() != EXPIRED) {
        Thread.onSpinWait(); // the watchdog is between its two steps
      }
      Thread.interrupted();
      return true;
    }
  }
}
