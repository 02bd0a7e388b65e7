package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.DurableQueue;
import com.clickeen.sf.store.DurableQueue.QueueMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every queue backend must do: at-least-once delivery, redelivery of stuck entries, delayed retries, dead letters. */
abstract class DurableQueueContract {
  Backends backends;
  DurableQueue q;

  abstract Backends open() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    backends = open();
    q = backends.queue();
  }

  @AfterEach
  void tearDown() {
    if (backends != null) { // null when a missing server skipped the test in setUp
      backends.close();
    }
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void messages_are_delivered_in_order_with_their_topic_key_and_payload_and_acked_once() {
    q.enqueue("t1", "k1", b("one"));
    q.enqueue("t2", "k2", b("two"));
    List<QueueMessage> got = q.poll(10, Duration.ofSeconds(30));
    assertThat(got).extracting(QueueMessage::topic).containsExactly("t1", "t2");
    assertThat(got).extracting(QueueMessage::dedupeKey).containsExactly("k1", "k2");
    assertThat(new String(got.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("two");
    assertThat(got).allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
    got.forEach(q::ack);
    assertThat(q.poll(10, Duration.ofSeconds(30))).isEmpty();
  }

  @Test
  void several_messages_are_acknowledged_at_once() {
    for (int i = 0; i < 5; i++) {
      q.enqueue("t", "k" + i, b("m" + i));
    }
    List<QueueMessage> got = q.poll(10, Duration.ofMillis(300));
    assertThat(got).hasSize(5);
    q.ackAll(got.subList(0, 3));
    q.ackAll(List.of());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(q.poll(10, Duration.ofMillis(300))).extracting(QueueMessage::dedupeKey).containsExactly("k3", "k4"));
  }

  @Test
  void an_entry_whose_consumer_died_is_delivered_again_after_the_visibility_time() throws Exception {
    q.enqueue("t", "k", b("x"));
    assertThat(q.poll(10, Duration.ofSeconds(2))).hasSize(1); // taken, never acked
    assertThat(q.poll(10, Duration.ofSeconds(30))).isEmpty();
    java.util.concurrent.atomic.AtomicReference<List<QueueMessage>> redelivered = new java.util.concurrent.atomic.AtomicReference<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      redelivered.set(q.poll(10, Duration.ofSeconds(2))); // Redis claims back what idled longer than this
      return !redelivered.get().isEmpty();
    });
    List<QueueMessage> again = redelivered.get();
    assertThat(again).hasSize(1);
    assertThat(again.getFirst().attempts()).isEqualTo(2);
    q.ack(again.getFirst());
  }

  @Test
  void a_retry_waits_its_delay_and_the_last_try_goes_to_dead_letters() throws Exception {
    q.enqueue("t", "k", b("retry me"));
    QueueMessage m = q.poll(10, Duration.ofSeconds(30)).getFirst();
    q.retryLater(m, Duration.ofSeconds(2), "first failure");
    assertThat(q.poll(10, Duration.ofSeconds(30))).isEmpty();
    m = awaitOne(q);
    assertThat(m.attempts()).isEqualTo(2);
    assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("retry me");
    while (m.attempts() < Backends.QUEUE_MAX_ATTEMPTS) {
      q.retryLater(m, Duration.ZERO, "again");
      m = awaitOne(q);
    }
    q.retryLater(m, Duration.ZERO, "last");
    assertThat(q.poll(10, Duration.ofSeconds(30))).isEmpty();
    assertThat(q.stats().deadLettered()).isEqualTo(1);
  }

  @Test
  void two_consumers_never_get_the_same_entry() throws Exception {
    for (int i = 0; i < 200; i++) {
      q.enqueue("t", "k" + i, b("m" + i));
    }
    try (Backends other = open()) {
      Set<String> seen = new HashSet<>();
      List<String> all = new ArrayList<>();
      for (int round = 0; round < 50 && all.size() < 200; round++) {
        for (DurableQueue dq : List.of(q, other.queue())) {
          for (QueueMessage m : dq.poll(7, Duration.ofSeconds(30))) {
            all.add(m.dedupeKey());
            seen.add(m.dedupeKey());
            dq.ack(m);
          }
        }
      }
      assertThat(all).hasSize(200);
      assertThat(seen).hasSize(200);
    }
  }

  /** The next visible message, once there is one (no fixed sleep: visibility is the backend's own clock). */
  static QueueMessage awaitOne(DurableQueue q) {
    java.util.concurrent.atomic.AtomicReference<List<QueueMessage>> got = new java.util.concurrent.atomic.AtomicReference<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      got.set(q.poll(1, Duration.ofSeconds(30)));
      return !got.get().isEmpty();
    });
    return got.get().getFirst();
  }
}
