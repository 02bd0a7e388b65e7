package com.clickeen.sf.cli;

import com.clickeen.sf.learning.ExampleSelector;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.learning.ScoreInteractions;
import com.clickeen.sf.learning.UpdateExampleBanks;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.IndexStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that run inside the CLI.",
    subcommands = {BenchCommand.Learning.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "learning", mixinStandardHelpOptions = true,
      description = "Generate N synthetic interactions with outcomes on the embedded SQLite (a fresh temporary data "
          + "folder unless --data-dir), then time score-interactions and update-example-banks. Targets: <= 10 s each for 1,000,000.")
  static final class Learning implements Callable<Integer> {
    static final String[] AGENTS = {"sdr.copilot", "editor.copilot", "support.agent", "marketing.copywriter",
        "content.writer", "ui.translator", "ops.monitor"};
    static final String[] INTENTS = {"edit", "explain", "clarify", null};
    static final String[] LOCALES = {"en", "fr", "de", "es", null};
    static final String[] WORDS = ("price plan widget faq embed shopify wordpress theme dark light font size title "
        + "button link signup trial free upgrade branding question answer contact form table testimonial").split(" ");

    @Option(names = "--interactions", defaultValue = "1000000")
    int count;

    @Option(names = "--data-dir", paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (count < 1 || count > 20_000_000) {
        System.err.println("sf bench learning: --interactions must be 1..20000000");
        return 2;
      }
      Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sf-bench-learning-");
      Clock clock = Clock.systemUTC();
      try (Backends b = Backends.embedded(dir, clock)) {
        long t0 = System.nanoTime();
        generate(b.index(), clock.millis());
        double genS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated %,d interactions with outcomes in %.1f s (%s)%n", count, genS, dir);

        long s0 = System.nanoTime();
        long scored = new ScoreInteractions(b.index(), clock).run(Progress.NONE);
        double scoreS = (System.nanoTime() - s0) / 1e9;
        System.out.printf("score-interactions:   %,d interactions in %.2f s (%,.0f/s)%n", scored, scoreS, scored / scoreS);

        long r0 = System.nanoTime();
        long again = new ScoreInteractions(b.index(), clock).run(Progress.NONE);
        double rescoreS = (System.nanoTime() - r0) / 1e9;
        System.out.printf("score-interactions again, nothing new: %,d scored in %.2f s%n", again, rescoreS);

        long e0 = System.nanoTime();
        Map<String, int[]> banks = new UpdateExampleBanks(b.index(), new ExampleSelector(ExampleSelector.Settings.defaults()),
            clock).run(Progress.NONE);
        double bankS = (System.nanoTime() - e0) / 1e9;
        int examples = banks.values().stream().mapToInt(v -> v[1]).sum();
        System.out.printf("update-example-banks: %d agents, %d examples in %.2f s%n", banks.size(), examples, bankS);
        System.out.printf("RESULT interactions=%d score_s=%.2f banks_s=%.2f target_s=10 %s%n", count, scoreS, bankS,
            scoreS <= 10 && bankS <= 10 ? "MET" : "MISSED");
      } finally {
        if (dataDir == null) {
          try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
      return 0;
    }

    private void generate(IndexStore index, long now) {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<IndexStore.InteractionRow> batch = new ArrayList<>(50_000);
      for (int i = 0; i < count; i++) {
        String agent = AGENTS[rnd.nextInt(AGENTS.length)];
        boolean valid = rnd.nextDouble() < 0.93;
        StringBuilder text = new StringBuilder();
        int n = 4 + rnd.nextInt(10);
        for (int w = 0; w < n; w++) {
          text.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
        }
        String review = rnd.nextDouble() < 0.002 ? "golden" : rnd.nextDouble() < 0.002 ? "bad" : null;
        IndexStore.Outcomes o = new IndexStore.Outcomes(maybe(rnd, 0.5), maybe(rnd, 0.1), maybe(rnd, 0.2), maybe(rnd, 0.05),
            maybe(rnd, 0.02), maybe(rnd, 0.2), review, rnd.nextDouble() < 0.01 ? "helpful" : null);
        String id = String.format("bench-%08d", i);
        batch.add(new IndexStore.InteractionRow(id, "sess-" + rnd.nextInt(count / 3 + 1), agent,
            now - rnd.nextLong(90L * 86_400_000L), "logs/bench/" + agent + "/" + id + ".json", null, agent + "@v1",
            "offline", "sf-offline-1", 300 + rnd.nextInt(400), 40 + rnd.nextInt(200), 0.0, 5 + rnd.nextInt(50), valid,
            valid ? null : "invalid_ops: $.result.ops[0].path 'x' is not one of the widget's controls", "anon", "s", 
            LOCALES[rnd.nextInt(LOCALES.length)], null, INTENTS[rnd.nextInt(INTENTS.length)], null, valid,
            text.toString().strip(), "{\"message\":\"synthetic answer " + i + "\"}", "[]", o));
        if (batch.size() == 50_000) {
          index.importInteractions(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        index.importInteractions(batch);
      }
    }

    private static Boolean maybe(SplittableRandom rnd, double p) {
      double x = rnd.nextDouble();
      return x < p ? Boolean.TRUE : x < p + 0.2 ? Boolean.FALSE : null;
    }
  }
}
