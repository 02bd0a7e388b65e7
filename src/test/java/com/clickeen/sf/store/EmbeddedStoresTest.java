package com.clickeen.sf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded adapters: KV TTLs across restarts, queue redelivery and dead letters, blob keys, idempotent indexing. */
class EmbeddedStoresTest {
  @TempDir
  Path dir;
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void kv_entries_expire_and_survive_a_reopen() {
    try (Backends be = Backends.embedded(dir, clock)) {
      be.kv().put("a", b("1"), Duration.ofSeconds(10));
      be.kv().put("b", b("2"), Duration.ofHours(1));
    }
    try (Backends be = Backends.embedded(dir, clock)) {
      assertThat(be.kv().get("a")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("1"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(be.kv().get("a")).isEmpty();
      assertThat(be.kv().get("b")).isPresent();
      assertThat(be.kv().purgeExpired()).isEqualTo(1);
      assertThat(be.kv().delete("b")).isTrue();
      assertThat(be.kv().get("b")).isEmpty();
    }
  }

  @Test
  void queue_redelivers_unacknowledged_messages_and_dead_letters_after_max_attempts() {
    try (Backends be = Backends.embedded(dir, clock)) {
      DurableQueue q = be.queue();
      q.enqueue("t", "k1", b("payload-1"));
      List<DurableQueue.QueueMessage> got = q.poll(10, Duration.ofSeconds(30));
      assertThat(got).hasSize(1);
      assertThat(q.poll(10, Duration.ofSeconds(30))).isEmpty();
      clock.advance(Duration.ofSeconds(31));
      DurableQueue.QueueMessage again = q.poll(10, Duration.ofSeconds(30)).getFirst();
      assertThat(again.attempts()).isEqualTo(2);
      assertThat(new String(again.payload(), StandardCharsets.UTF_8)).isEqualTo("payload-1");
      DurableQueue.QueueMessage m = again;
      while (m.attempts() < Backends.QUEUE_MAX_ATTEMPTS) {
        q.retryLater(m, Duration.ZERO, "boom");
        m = q.poll(10, Duration.ofSeconds(30)).getFirst();
      }
      q.retryLater(m, Duration.ZERO, "boom");
      assertThat(q.poll(10, Duration.ofSeconds(30))).isEmpty();
      assertThat(q.stats().deadLettered()).isEqualTo(1);
    }
  }

  @Test
  void queue_keeps_messages_across_a_reopen_until_acknowledged() {
    try (Backends be = Backends.embedded(dir, clock)) {
      be.queue().enqueue("t", "k", b("x"));
      be.queue().enqueue("t", "k2", b("y"));
    }
    try (Backends be = Backends.embedded(dir, clock)) {
      List<DurableQueue.QueueMessage> got = be.queue().poll(10, Duration.ofSeconds(30));
      assertThat(got).extracting(DurableQueue.QueueMessage::dedupeKey).containsExactly("k", "k2");
      got.forEach(be.queue()::ack);
      assertThat(be.queue().stats()).isEqualTo(new DurableQueue.QueueStats(0, 0, 0));
    }
  }

  @Test
  void blobs_are_no_file_each_survive_a_reopen_and_payloads_of_earlier_releases_stay_readable() throws Exception {
    Path old = dir.resolve("r2/logs/dev/a/2026-11-23/r0.json"); // one file per payload, as earlier releases wrote
    java.nio.file.Files.createDirectories(old.getParent());
    java.nio.file.Files.write(old, b("{\"old\":true}"));
    try (Backends be = Backends.embedded(dir, clock)) {
      be.blobs().putAll(java.util.Map.of("logs/dev/a/2026-11-24/r1.json", b("{}"), "logs/dev/a/2026-11-24/r2.json", b("[]")));
    }
    assertThat(dir.resolve("r2/logs/dev/a/2026-11-24")).doesNotExist();
    try (Backends be = Backends.embedded(dir, clock)) {
      assertThat(be.blobs().get("logs/dev/a/2026-11-24/r1.json")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("{}")));
      assertThat(be.blobs().get("logs/dev/a/2026-11-23/r0.json")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("{\"old\":true}")));
      assertThat(be.blobs().deleteAll(List.of("logs/dev/a/2026-11-24/r1.json", "logs/dev/a/2026-11-23/r0.json", "logs/none.json")))
          .isEqualTo(2);
      assertThat(old).doesNotExist();
      assertThat(be.blobs().get("logs/dev/a/2026-11-24/r1.json")).isEmpty();
      assertThat(be.blobs().get("logs/dev/a/2026-11-24/r2.json")).isPresent();
    }
  }

  @Test
  void a_data_folder_of_an_earlier_release_keeps_its_queued_messages_and_kv_entries() throws Exception {
    // queue.db as earlier releases wrote it: r1 taken and delayed for a retry, r2 ready, one dead letter
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("queue.db"));
         var st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE sf_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, dedupe_key TEXT, "
          + "payload BLOB NOT NULL, enqueued_at_ms INTEGER NOT NULL, visible_at_ms INTEGER NOT NULL, "
          + "attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, taken INTEGER NOT NULL DEFAULT 0)");
      st.executeUpdate("CREATE TABLE sf_queue_dead (id INTEGER PRIMARY KEY, topic TEXT NOT NULL, dedupe_key TEXT, "
          + "payload BLOB NOT NULL, enqueued_at_ms INTEGER NOT NULL, dead_at_ms INTEGER NOT NULL, "
          + "attempts INTEGER NOT NULL, last_error TEXT)");
      long now = clock.millis();
      st.executeUpdate("INSERT INTO sf_queue (topic, dedupe_key, payload, enqueued_at_ms, visible_at_ms, attempts, "
          + "last_error, taken) VALUES ('interaction', 'r1', X'6f6e65', " + now + ", " + (now + 300_000)
          + ", 1, 'was failing', 1), ('interaction', 'r2', X'74776f', " + now + ", " + now + ", 0, NULL, 0)");
      st.executeUpdate("INSERT INTO sf_queue_dead VALUES (9, 'interaction', 'r0', X'78', " + now + ", " + now
          + ", 8, 'gave up')");
    }
    // kv.db as earlier releases wrote it (SQLite, value and expiry per key)
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kv.db"));
         var st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE sf_kv (k TEXT PRIMARY KEY, v BLOB NOT NULL, expires_at_ms INTEGER NOT NULL)");
      long now = clock.millis();
      st.executeUpdate("INSERT INTO sf_kv VALUES ('sess:a', X'7475726e73', " + (now + 3_600_000) + "), ('gone', X'78', "
          + (now + 1_000) + ")");
    }
    clock.advance(Duration.ofSeconds(2));
    try (Backends be = Backends.embedded(dir, clock)) {
      assertThat(be.queue().poll(10, Duration.ofSeconds(30)))
          .extracting(m -> m.dedupeKey() + "=" + new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("r1=one", "r2=two");
      assertThat(be.kv().get("sess:a")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("turns")));
      assertThat(be.kv().get("gone")).isEmpty();
    }
    assertThat(dir.resolve("queue.db")).doesNotExist();
    assertThat(dir.resolve("queue.db.imported")).exists();
    assertThat(dir.resolve("kv.db")).doesNotExist();
    try (Backends be = Backends.embedded(dir, clock)) { // imported once: the reopen finds them taken, not doubled
      assertThat(be.queue().stats().ready() + be.queue().stats().delayedOrInFlight()).isEqualTo(2);
    }
  }

  @Test
  void blob_keys_cannot_escape_the_store() {
    try (Backends be = Backends.embedded(dir, clock)) {
      be.blobs().put("logs/dev/a/2026-11-24/r1.json", b("{}"));
      assertThat(be.blobs().get("logs/dev/a/2026-11-24/r1.json")).isPresent();
      for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "a//b", "", "a/./b", "a\\b")) {
        assertThatThrownBy(() -> be.blobs().put(bad, b("x"))).as(bad).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void recording_an_interaction_twice_changes_nothing() {
    try (Backends be = Backends.embedded(dir, clock)) {
      var row = InteractionRow.builder().id("r1").sessionId("s1").agentId("sdr.copilot").createdAtMs(1L)
          .r2Key("logs/x.json").promptId("p").provider("offline").model("m").promptTokens(1).completionTokens(2)
          .costUsd(0.0).latencyMs(5).valid(true).subjectKind("anon").subjectId("s1").applied(true).inputText("hi")
          .outputText("{}").exampleIdsJson("[]").build();
      var session = new Interactions.SessionRow("s1", "sdr.copilot", 1L, "anon", "s1", null);
      assertThat(be.interactions().recordInteraction(row, session)).isTrue();
      assertThat(be.interactions().recordInteraction(row, session)).isFalse();
      assertThat(be.interactions().countInteractions("sdr.copilot")).isEqualTo(1);
    }
  }

  @Test
  void the_v1_prompt_is_seeded_once_and_active() {
    try (Backends be = Backends.embedded(dir, clock)) {
      assertThat(be.prompts().seedPrompt("a", "text v1", 1L)).isTrue();
      assertThat(be.prompts().seedPrompt("a", "other", 2L)).isFalse();
      var active = be.prompts().activePrompt("a").orElseThrow();
      assertThat(active.version()).isEqualTo(1);
      assertThat(active.text()).isEqualTo("text v1");
      assertThat(be.prompts().prompts("a")).hasSize(1);
    }
  }
}
