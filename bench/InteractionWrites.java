import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU the interaction writer's index transaction costs per row on the embedded SQLite index (issue 19):
 * {@code Interactions.knownInteractionIds} then {@code recordInteractions}, as InteractionWriter calls them, on
 * this thread, timed by ThreadMXBean (SQLite runs in the calling thread). Starts from a copy of {@code seed}
 * (a data folder's sanfrancisco.db, migrated on open) so that the indexes have a realistic size, and writes rows
 * carrying the seed's own texts. Prints, per batch size, the CPU µs per row of the look-up and of the write.
 * Run (classes of the build to measure; compare two builds by alternating runs):
 *   bench/interaction-writes.sh [seed.db] [batch sizes, default 1,16,64,256] [rows per size, default 20000]
 */
public final class InteractionWrites {
  public static void main(String[] args) throws Exception {
    Path seed = args.length > 0 && !args[0].isEmpty() ? Path.of(args[0]) : null;
    String[] sizes = (args.length > 1 ? args[1] : "1,16,64,256").split(",");
    int rowsPerSize = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    Path dir = Files.createTempDirectory("sf-bench-writes-");
    List<String[]> texts = new ArrayList<>();
    if (seed != null) {
      Files.copy(seed, dir.resolve("sanfrancisco.db"), StandardCopyOption.REPLACE_EXISTING);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + seed + "?open_mode=1");
          ResultSet rs = c.createStatement().executeQuery(
              "SELECT DISTINCT input_text, output_text FROM sf_interactions LIMIT 200")) {
        while (rs.next()) {
          texts.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    if (texts.isEmpty()) {
      texts.add(new String[] {"How much does Clickeen cost?",
          "{\"message\":\"Clickeen has a free plan; paid plans add more widgets.\",\"next\":\"continue\"}"});
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = System.currentTimeMillis();
    try (Backends b = Backends.embedded(dir, Clock.systemUTC())) {
      Interactions index = b.interactions();
      System.out.printf("seed rows %,d; texts %d%n", index.countInteractions(null), texts.size());
      int next = 0;
      // Warm-up: the JIT settles on the JDBC and JDBI paths.
      for (int i = 0; i < 100; i++) {
        next = write(index, texts, next, 64, t0);
      }
      System.out.printf("%8s %12s %14s %14s%n", "batch", "rows", "lookup us/row", "write us/row");
      for (String s : sizes) {
        int batch = Integer.parseInt(s.strip());
        long lookup = 0;
        long write = 0;
        int rows = 0;
        while (rows < rowsPerSize) {
          List<InteractionRow> list = rows(texts, next, batch, t0);
          List<String> ids = list.stream().map(InteractionRow::id).toList();
          long c0 = mx.getCurrentThreadCpuTime();
          if (index.knownInteractionIds(ids).size() != 0) {
            throw new IllegalStateException("fresh ids reported known");
          }
          long c1 = mx.getCurrentThreadCpuTime();
          int n = index.recordInteractions(list.stream().map(r -> new Interactions.Recorded(r, null)).toList()).size();
          long c2 = mx.getCurrentThreadCpuTime();
          if (n != batch) {
            throw new IllegalStateException("recorded " + n + " of " + batch);
          }
          lookup += c1 - c0;
          write += c2 - c1;
          rows += batch;
          next += batch;
        }
        System.out.printf("%8d %12d %14.1f %14.1f%n", batch, rows, lookup / 1e3 / rows, write / 1e3 / rows);
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int write(Interactions index, List<String[]> texts, int next, int batch, long t0) {
    index.recordInteractions(rows(texts, next, batch, t0).stream().map(r -> new Interactions.Recorded(r, null)).toList());
    return next + batch;
  }

  private static List<InteractionRow> rows(List<String[]> texts, int from, int n, long t0) {
    List<InteractionRow> out = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      String[] t = texts.get(i % texts.size());
      String id = String.format("bench-w-%010d", i);
      out.add(InteractionRow.builder().id(id).sessionId("sess-" + (i / 4)).agentId(i % 3 == 0 ? "support.agent" : "sdr.copilot")
          .createdAtMs(t0 + i).r2Key("logs/bench/" + id + ".json").promptId("sdr.copilot@v1").provider("offline")
          .model("sf-offline-1").promptTokens(300).completionTokens(60).costUsd(0.0).latencyMs(5).valid(true)
          .subjectKind("anon").subjectId("s").locale("en").userId("user-" + (i % 50)).intent("faq").applied(false)
          .inputText(t[0]).outputText(t[1]).exampleIdsJson("[]").build());
    }
    return out;
  }
}
