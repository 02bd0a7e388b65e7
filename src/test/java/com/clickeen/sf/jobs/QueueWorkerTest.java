package com.clickeen.sf.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.AgentInteraction;
import com.clickeen.sf.learning.InteractionWriter;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.DurableQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue worker's batches: one call per topic and poll, and a failed batch retried one by one. */
class QueueWorkerTest {
  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void a_batch_handler_gets_a_polls_messages_at_once_and_a_bad_message_is_retried_alone() {
    try (Backends be = Backends.embedded(dir, clock)) {
      DurableQueue q = be.queue();
      for (String m : List.of("a", "b", "poison", "c")) {
        q.enqueue("batch", m, b(m));
      }
      q.enqueue("single", "x", b("x"));
      List<List<String>> calls = new ArrayList<>();
      List<String> written = new ArrayList<>();
      Consumer<List<byte[]>> batchHandler = batch -> {
        List<String> texts = batch.stream().map(QueueWorkerTest::s).toList();
        calls.add(texts);
        if (texts.contains("poison")) {
          throw new IllegalStateException("cannot handle poison");
        }
        written.addAll(texts);
      };
      List<String> singles = new ArrayList<>();
      QueueWorker worker = new QueueWorker(q, Map.of("batch", batchHandler), Map.of("single", p -> singles.add(s(p))));

      assertThat(worker.drainOnce()).isEqualTo(5);
      // The whole batch first, then one by one after it failed.
      assertThat(calls).containsExactly(List.of("a", "b", "poison", "c"), List.of("a"), List.of("b"),
          List.of("poison"), List.of("c"));
      assertThat(written).containsExactly("a", "b", "c");
      assertThat(singles).containsExactly("x");
      assertThat(worker.processed()).isEqualTo(4);
      assertThat(worker.failed()).isEqualTo(1);
      // Only the poison message is left, waiting for its retry.
      assertThat(q.stats().ready()).isZero();
      assertThat(q.stats().delayedOrInFlight()).isEqualTo(1);
      clock.advance(Duration.ofMinutes(2));
      List<DurableQueue.QueueMessage> left = q.poll(10, Duration.ofSeconds(30));
      assertThat(left).extracting(DurableQueue.QueueMessage::dedupeKey).containsExactly("poison");
    }
  }

  @Test
  void a_single_handler_sees_each_message_once_even_when_one_fails() {
    try (Backends be = Backends.embedded(dir, clock)) {
      DurableQueue q = be.queue();
      for (String m : List.of("a", "bad", "c")) {
        q.enqueue("single", m, b(m));
      }
      List<String> seen = new ArrayList<>();
      QueueWorker worker = new QueueWorker(q, Map.of("single", p -> {
        seen.add(s(p));
        if (s(p).equals("bad")) {
          throw new IllegalStateException("bad message");
        }
      }));
      assertThat(worker.drainOnce()).isEqualTo(3);
      assertThat(seen).containsExactly("a", "bad", "c");
      assertThat(worker.processed()).isEqualTo(2);
      assertThat(worker.failed()).isEqualTo(1);
    }
  }

  static byte[] interaction(String id, String prompt) {
    return Json.bytes(new AgentInteraction(id, "sdr.copilot", "dev", "2026-11-24T10:00:00Z",
        Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), "s-1", null, "en",
        new AgentInteraction.SubjectRef("anon", "s-1"), new AgentInteraction.Input(prompt, null),
        new AgentInteraction.Output(Json.object().put("message", "hi " + prompt), "offline", "sf-offline-1", 3, 1, 2,
            true, 0.0, 5),
        new AgentInteraction.PromptRef("sdr.copilot@v1", 1), List.of(),
        new AgentInteraction.Outcomes(new AgentInteraction.Technical(true, false, null),
            new AgentInteraction.Behavioral(null, null, null), new AgentInteraction.Business(null, null, null)),
        new AgentInteraction.Quality(null, null, null)));
  }

  @Test
  void the_interaction_writer_indexes_a_batch_once_and_the_first_of_a_repeated_id_wins() {
    try (Backends be = Backends.embedded(dir, clock)) {
      InteractionWriter writer = new InteractionWriter(be.blobs(), be.interactions(), be.experiments());
      assertThat(writer.write(interaction("r1", "first"))).isTrue();
      assertThat(writer.writeAll(List.of(interaction("r1", "again"), interaction("r2", "two"),
          interaction("r3", "three"), interaction("r2", "two again")))).isEqualTo(2);
      assertThat(be.interactions().countInteractions("sdr.copilot")).isEqualTo(3);
      assertThat(be.interactions().interaction("r1").orElseThrow().inputText()).isEqualTo("first");
      assertThat(be.interactions().interaction("r2").orElseThrow().inputText()).isEqualTo("two");
      byte[] blob = be.blobs().get("logs/dev/sdr.copilot/2026-11-24/r2.json").orElseThrow();
      assertThat(Json.read(blob, AgentInteraction.class).input().prompt()).isEqualTo("two");
      // A re-delivered batch changes nothing.
      assertThat(writer.writeAll(List.of(interaction("r2", "x"), interaction("r3", "y")))).isZero();
    }
  }

  @Test
  void the_worker_thread_yields_the_cpu_and_a_backlog_is_drained_at_normal_priority() throws Exception {
    try (Backends be = Backends.embedded(dir, clock)) {
      DurableQueue q = be.queue();
      int backlog = 3 * 256 + 10; // more than one full batch: the worker is behind
      for (int i = 0; i < backlog; i++) {
        q.enqueue("batch", "m" + i, b("m" + i));
      }
      java.util.Map<String, Integer> byThread = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.Map<String, java.util.Optional<Integer>> niceOf = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
      Consumer<List<byte[]>> handler = batch -> {
        String name = Thread.currentThread().getName();
        byThread.merge(name, batch.size(), Integer::sum);
        niceOf.putIfAbsent(name, BackgroundPriority.currentNice());
        handled.addAndGet(batch.size());
      };
      try (QueueWorker worker = new QueueWorker(q, Map.of("batch", handler), Map.of())) {
        worker.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (handled.get() < backlog && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      assertThat(handled.get()).isEqualTo(backlog);
      assertThat(q.stats().ready()).isZero();
      if (!BackgroundPriorityTest.linux()) {
        return;
      }
      // The first poll runs on the lowered worker thread and finds a full batch; the next ones, while the
      // polls stay full, run on the catch-up thread at normal priority; the tail again on the worker.
      assertThat(niceOf.get("sf-queue-worker")).contains(QueueWorker.NICE);
      assertThat(niceOf.get("sf-queue-worker-catch-up")).isPresent();
      assertThat(niceOf.get("sf-queue-worker-catch-up").orElseThrow()).isLessThan(QueueWorker.NICE);
      assertThat(byThread.get("sf-queue-worker-catch-up")).isEqualTo(2 * 256 + 10);
      assertThat(byThread.get("sf-queue-worker")).isEqualTo(256);
    }
  }
}
