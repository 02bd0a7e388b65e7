package com.clickeen.sf.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Lowering a platform thread's CPU priority: the OS sees it; virtual threads and bad values are refused. */
class BackgroundPriorityTest {

  static boolean linux() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
  }

  @Test
  void a_platform_thread_is_lowered_and_the_os_reports_its_new_nice_value() throws Exception {
    assumeTrue(linux(), "setpriority per thread is Linux's");
    AtomicReference<Boolean> lowered = new AtomicReference<>();
    AtomicReference<Optional<Integer>> before = new AtomicReference<>();
    AtomicReference<Optional<Integer>> after = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> {
      before.set(BackgroundPriority.currentNice());
      lowered.set(BackgroundPriority.lowerCurrentThread(12));
      after.set(BackgroundPriority.currentNice());
    });
    t.join();
    assertThat(lowered.get()).isTrue();
    assertThat(before.get()).isPresent();
    assertThat(before.get().orElseThrow()).isLessThan(12);
    assertThat(after.get()).contains(12);
    // Only that thread: this one keeps its priority.
    assertThat(BackgroundPriority.currentNice()).isEqualTo(before.get());
  }

  @Test
  void a_virtual_thread_is_left_alone_because_its_carrier_is_shared() throws Exception {
    AtomicReference<Boolean> lowered = new AtomicReference<>();
    Thread.ofVirtual().start(() -> lowered.set(BackgroundPriority.lowerCurrentThread(19))).join();
    assertThat(lowered.get()).isFalse();
  }

  @Test
  void nice_values_outside_0_to_19_are_refused() {
    assertThatThrownBy(() -> BackgroundPriority.lowerCurrentThread(20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackgroundPriority.lowerCurrentThread(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
