package com.clickeen.sf.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  @Test
  void a_thread_still_working_when_its_budget_runs_out_is_interrupted_and_the_interrupt_is_cleared_at_finish()
      throws Exception {
    try (Deadlines deadlines = new Deadlines()) {
      Deadlines.Running budget = deadlines.start(Duration.ofMillis(50));
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> new CountDownLatch(1).await(10, TimeUnit.SECONDS))
          .isInstanceOf(InterruptedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(budget.finish()).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void a_thread_that_finished_in_time_is_never_interrupted_later() throws Exception {
    try (Deadlines deadlines = new Deadlines()) {
      Deadlines.Running budget = deadlines.start(Duration.ofMillis(20));
      assertThat(budget.finish()).isFalse();
      Thread.sleep(100); // past the deadline: a late interrupt would end this sleep with an exception
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }

  @Test
  void a_short_budget_started_after_long_ones_still_expires_on_time() throws Exception {
    try (Deadlines deadlines = new Deadlines()) {
      List<Deadlines.Running> longOnes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        longOnes.add(deadlines.start(Duration.ofMinutes(5)));
      }
      boolean[] expired = new boolean[1];
      long[] waitedMs = new long[1];
      Thread worker = Thread.ofVirtual().start(() -> {
        Deadlines.Running budget = deadlines.start(Duration.ofMillis(30));
        long t0 = System.nanoTime();
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          waitedMs[0] = (System.nanoTime() - t0) / 1_000_000;
        }
        expired[0] = budget.finish();
      });
      worker.join();
      assertThat(expired[0]).isTrue();
      assertThat(waitedMs[0]).isBetween(1L, 5_000L);
      for (Deadlines.Running r : longOnes) {
        assertThat(r.finish()).isFalse();
      }
    }
  }
}
