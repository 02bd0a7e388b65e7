package com.clickeen.sf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded log after a crash or power cut at a random byte: appends (each an interaction message with a
 * session entry, as an execute writes them) are made durable one by one, the folder is copied while the store
 * is open (what a kill -9 leaves on disk), then each trial cuts or damages the write-ahead log at a random
 * offset and opens the copy. Every append whose bytes lie wholly before the damage must be back, message and
 * session alike, and nothing else: no later append, no torn one, no changed byte. After a cut the log takes
 * new appends that survive another reopen.
 *
 * <p>{@code bench/crash-recovery.sh [trials]} runs it with more trials ({@code -Dsf.crash.trials}, default 24
 * here). The seed is printed; {@code -Dsf.crash.seed} repeats a run.
 */
class LogCrashRecoveryTest {
  @TempDir
  Path dir;

  static final int APPENDS = Integer.getInteger("sf.crash.appends", 400);
  static final int TRIALS = Integer.getInteger("sf.crash.trials", 24);

  enum Damage { CUT, FLIP_A_BIT, ZEROS_TO_THE_END }

  static byte[] payload(Random r, int i) {
    byte[] b = new byte[50 + r.nextInt(3_000)]; // records cross RocksDB's 32 KB log blocks
    r.nextBytes(b);
    byte[] tag = ("#" + i + "#").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(tag, 0, b, 0, tag.length);
    return b;
  }

  static Path wal(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> logs = s.filter(p -> p.getFileName().toString().matches("\\d+\\.log")).sorted().toList();
      assertThat(logs).as("write-ahead log files in " + folder).hasSize(1);
      return logs.getFirst();
    }
  }

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().equals("LOCK")) {
          Files.copy(p, to.resolve(p.getFileName()));
        }
      }
    }
  }

  static void delete(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void every_append_wholly_before_a_cut_or_damage_at_a_random_byte_is_back_and_nothing_else() throws Exception {
    long seed = Long.getLong("sf.crash.seed", System.nanoTime());
    System.out.println("LogCrashRecoveryTest seed=" + seed + " appends=" + APPENDS + " trials=" + TRIALS);
    Random r = new Random(seed);
    Path live = dir.resolve("live");
    Path image = dir.resolve("image");
    List<byte[]> payloads = new ArrayList<>();
    long[] endOffset = new long[APPENDS];
    LogStore store = LogStore.acquire(live, Clock.systemUTC(), 8, dir.resolve("none"), 0);
    try {
      Path wal = wal(live);
      for (int i = 0; i < APPENDS; i++) {
        byte[] p = payload(r, i);
        payloads.add(p);
        store.queueStore().append("interaction", "id-" + i, p,
            List.of(new InteractionJournal.KvPut("sess:" + i, ("turns of " + i).getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(24))));
        endOffset[i] = Files.size(wal); // synced when append returns: this record ends here
      }
      copy(live, image); // the files as a kill -9 leaves them
    } finally {
      store.release();
    }
    Path imageWal = wal(image);
    long walSize = Files.size(imageWal);
    assertThat(endOffset[APPENDS - 1]).isEqualTo(walSize);

    int[] seen = new int[Damage.values().length];
    for (int t = 0; t < TRIALS; t++) {
      Damage damage = Damage.values()[t % Damage.values().length];
      long at = (long) (r.nextDouble() * walSize);
      Path trial = dir.resolve("trial-" + t);
      copy(image, trial);
      Path w = trial.resolve(imageWal.getFileName());
      try (RandomAccessFile f = new RandomAccessFile(w.toFile(), "rw")) {
        switch (damage) {
          case CUT -> f.setLength(at);
          case FLIP_A_BIT -> {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ (1 << r.nextInt(8)));
          }
          case ZEROS_TO_THE_END -> {
            f.seek(at);
            f.write(new byte[(int) (walSize - at)]);
          }
        }
      }
      int whole = 0; // appends whose bytes all lie before the damage
      while (whole < APPENDS && endOffset[whole] <= at) {
        whole++;
      }
      int back = recover(trial, payloads, damage + " at byte " + at + " (seed " + seed + ")");
      if (damage == Damage.CUT) {
        assertThat(back).as("appends back after a cut at byte %d of %d (seed %d)", at, walSize, seed).isEqualTo(whole);
        appendAfterRecovery(trial, back);
      } else {
        // A flipped bit or zeros inside a record lose it and everything after it; damage that falls in a log
        // block's unused trailer loses nothing. Either way every whole append before it is back.
        assertThat(back).as("appends back after %s at byte %d (seed %d)", damage, at, seed).isGreaterThanOrEqualTo(whole);
      }
      seen[damage.ordinal()]++;
      delete(trial);
    }
    assertThat(seen).doesNotContain(0);
  }

  /** Opens the damaged copy; checks what came back is a prefix of the appends, byte for byte; returns its length. */
  static int recover(Path folder, List<byte[]> payloads, String what) {
    LogStore s = LogStore.acquire(folder, Clock.systemUTC(), 8, folder.resolve("none"), 0);
    try {
      List<DurableQueue.QueueMessage> got = s.queueStore().poll(Integer.MAX_VALUE, Duration.ofMinutes(5));
      for (int i = 0; i < got.size(); i++) {
        DurableQueue.QueueMessage m = got.get(i);
        assertThat(m.dedupeKey()).as(what).isEqualTo("id-" + i);
        assertThat(m.topic()).as(what).isEqualTo("interaction");
        assertThat(m.payload()).as(what + ": payload of append " + i).isEqualTo(payloads.get(i));
      }
      for (int i = 0; i < payloads.size(); i++) {
        var session = s.kvStore().get("sess:" + i);
        if (i < got.size()) {
          assertThat(session).as(what + ": session of append " + i).isPresent();
          assertThat(new String(session.orElseThrow(), StandardCharsets.UTF_8)).as(what).isEqualTo("turns of " + i);
        } else {
          assertThat(session).as(what + ": session of append " + i + " (its message is not back)").isEmpty();
        }
      }
      return got.size();
    } finally {
      s.release();
    }
  }

  /** The recovered log takes a new append, and it survives a reopen after the earlier ones. */
  static void appendAfterRecovery(Path folder, int back) {
    LogStore s = LogStore.acquire(folder, Clock.systemUTC(), 8, folder.resolve("none"), 0);
    try {
      s.queueStore().append("interaction", "after", new byte[] {1, 2, 3}, List.of());
    } finally {
      s.release();
    }
    LogStore again = LogStore.acquire(folder, Clock.systemUTC(), 8, folder.resolve("none"), 0);
    try {
      // recover() took the earlier ones and never acknowledged them: they come back as a dead taker's do
      assertThat(again.queueStore().takeBackAfterCrash()).isEqualTo(back);
      List<DurableQueue.QueueMessage> got = again.queueStore().poll(Integer.MAX_VALUE, Duration.ofMinutes(5));
      assertThat(got).hasSize(back + 1);
      assertThat(got.getLast().dedupeKey()).isEqualTo("after");
    } finally {
      again.release();
    }
  }
}
