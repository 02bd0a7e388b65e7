import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * How the durable append before each answer was chosen (BENCHMARKS.md): the same group commit in front of two
 * engines. Producers (virtual threads, as the executes are) hand a record to one platform writer thread and wait;
 * the writer takes everything waiting, writes it in one go and makes it durable, then releases them.
 *   rocksdb: one WriteBatch, db.write with WAL + sync (RocksDB's fdatasync of its WAL)
 *   file:    a FileChannel log, records [length][crc32c][bytes], channel.force(false)
 * Printed per engine: appends/s, appends per sync, and the process CPU per append (all threads).
 * Run: bench/log-engines.sh [records] [producers] [record bytes]
 */
public final class LogEngines {
  record Pending(byte[] bytes, CompletableFuture<Void> done) {}

  interface Sink {
    void write(List<Pending> batch) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int producers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    Path dir = Files.createTempDirectory("sf-log-engines-");
    RocksDB.loadLibrary();
    try {
      for (int round = 0; round < 2; round++) { // the first round warms the JIT; the second is printed
        boolean print = round == 1;
        Path rdir = dir.resolve("rocks-" + round);
        try (Options o = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(o, rdir.toString());
             WriteOptions sync = new WriteOptions().setSync(true)) {
          run("rocksdb (WAL + sync)", n, producers, size, print, batch -> {
            try (WriteBatch wb = new WriteBatch()) {
              for (Pending p : batch) {
                wb.put(key(), p.bytes());
              }
              db.write(sync, wb);
            }
          });
        }
        Path log = dir.resolve("file-" + round + ".log");
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.allocateDirect(64 << 20);
          CRC32C crc = new CRC32C();
          run("file log (FileChannel + force)", n, producers, size, print, batch -> {
            buf.clear();
            for (Pending p : batch) {
              crc.reset();
              crc.update(p.bytes());
              buf.putInt(p.bytes().length).putInt((int) crc.getValue()).put(p.bytes());
            }
            buf.flip();
            while (buf.hasRemaining()) {
              ch.write(buf);
            }
            ch.force(false);
          });
        }
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static final AtomicLong SEQ = new AtomicLong();

  static byte[] key() {
    return ByteBuffer.allocate(8).putLong(SEQ.incrementAndGet()).array();
  }

  static void run(String name, int n, int producers, int size, boolean print, Sink sink) throws Exception {
    LinkedBlockingQueue<Pending> q = new LinkedBlockingQueue<>();
    AtomicLong syncs = new AtomicLong();
    Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
      List<Pending> batch = new ArrayList<>();
      try {
        while (true) {
          batch.add(q.take());
          q.drainTo(batch);
          try {
            sink.write(batch);
            syncs.incrementAndGet();
            batch.forEach(p -> p.done().complete(null));
          } catch (Exception e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
          }
          batch.clear();
        }
      } catch (InterruptedException e) {
        // done
      }
    });
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    AtomicLong left = new AtomicLong(n);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < producers; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        byte[] payload = new byte[size];
        while (left.getAndDecrement() > 0) {
          Pending p = new Pending(payload, new CompletableFuture<>());
          q.add(p);
          p.done().join();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    writer.interrupt();
    if (print) {
      System.out.printf("%-32s %8.0f appends/s  %6.1f appends per sync  %6.1f µs CPU per append%n", name,
          n / (wall / 1e9), (double) n / syncs.get(), cpu / 1e3 / n);
    }
  }
}
