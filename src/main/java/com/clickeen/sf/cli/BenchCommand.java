package com.clickeen.sf.cli;

import com.clickeen.sf.learning.ExampleSelector;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.learning.ScoreInteractions;
import com.clickeen.sf.learning.Scoring;
import com.clickeen.sf.learning.UpdateExampleBanks;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.OutcomeFlags;
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
    subcommands = {BenchCommand.Learning.class, AdminBench.class, BenchCommand.Mock.class, BenchCommand.Load.class,
        BenchCommand.Flood.class, BenchCommand.ReportCmd.class, BenchCommand.Slow.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "mock", mixinStandardHelpOptions = true,
      description = "A mock OpenAI-compatible upstream on 127.0.0.1 (POST /v1/chat/completions; POST /_latency?ms=N).")
  static final class Mock implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "Port on 127.0.0.1 (default 0: any free port).")
    int port;

    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MS",
        description = "Added latency of each answer in milliseconds (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Override
    public Integer call() throws Exception {
      com.clickeen.sf.bench.MockLlm mock = new com.clickeen.sf.bench.MockLlm(port, latencyMs);
      System.out.println("mock LLM on http://127.0.0.1:" + mock.port() + "/v1 (latency " + latencyMs + " ms)");
      Thread.currentThread().join();
      return 0;
    }
  }

  /** Request bodies of each kind of target. */
  static java.util.function.IntFunction<String> bodies(String kind, String grant) {
    return switch (kind) {
      case "sf" -> n -> "{\"grant\":\"" + grant + "\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"bench-"
          + (n % 1000) + "\",\"message\":\"How much does Clickeen cost?\"}}";
      case "openai" -> n -> "{\"model\":\"deepseek-chat\",\"max_tokens\":400,\"messages\":[{\"role\":\"system\","
          + "\"content\":\"You are the SDR Copilot.\"},{\"role\":\"user\",\"content\":\"How much does Clickeen cost?\"}]}";
      default -> throw new IllegalArgumentException("--kind must be sf or openai");
    };
  }

  static String benchGrant() {
    byte[] secret = com.clickeen.sf.SfConfig.grantSecret(com.clickeen.sf.SfConfig.processEnvironment());
    if (secret == null || secret.length < com.clickeen.sf.SfConfig.MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("AI_GRANT_HMAC_SECRET (>= 32 bytes, the gateway's) is needed to mint the benchmark grant");
    }
    var codec = new com.clickeen.sf.grants.GrantCodec(secret, java.time.Clock.systemUTC(), java.time.Duration.ZERO);
    long now = System.currentTimeMillis() / 1000;
    // Requests and cost are not limited (the budget path still runs for every call); tokens are ample.
    return codec.mint(com.clickeen.sf.grants.GrantCodec.payload("bench", List.of("agent:sdr.copilot"), now, now + 7200,
        java.util.UUID.randomUUID().toString(), 9_000_000, null, null, null));
  }

  static Map<String, String> headers(List<String> pairs) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("content-type", "application/json");
    for (String p : pairs) {
      int c = p.indexOf(':');
      h.put(p.substring(0, c).trim(), p.substring(c + 1).trim());
    }
    return h;
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {"Closed-loop load at each concurrency; writes a JSON array of results (p50/p90/p99 ms, req/s, errors).",
          "With --rate: a fixed rate instead (64 connections, as wrk2 does), latency counted from each request's due time (one JSON object)."})
  static final class Load implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "Label of this run in the results (e.g. sanfrancisco).")
    String name;

    @Option(names = "--url", required = true, description = "The URL each request goes to.")
    String url;

    @Option(names = "--kind", required = true, description = "sf (an /v1/execute of the SDR Copilot) or openai (a chat completion)")
    String kind;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,16,64", paramLabel = "N",
        description = "Requests in flight, one run per value, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured seconds before each run (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--header", paramLabel = "NAME:VALUE", description = "An extra request header (repeatable).")
    List<String> header = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "N",
        description = "A fixed rate of N requests per second (1..100000) instead of the concurrency sweep.")
    Integer rate;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the JSON results are written.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (seconds <= 0 || warmup < 0) {
        throw new UsageError("--seconds must be positive and --warmup not negative");
      }
      var driver = new com.clickeen.sf.bench.LoadDriver();
      var body = bodies(kind, "sf".equals(kind) ? benchGrant() : null);
      if (rate != null) {
        if (rate < 1 || rate > 100_000) {
          throw new UsageError("--rate must be between 1 and 100000 requests per second (got " + rate + ")");
        }
        var r = driver.rate(name, url, headers(header), body, rate, warmup, seconds);
        System.out.printf(java.util.Locale.ROOT,
            "%-14s %5d/s   %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms  errors %d%n", name,
            rate, r.throughput(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.errors());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, com.clickeen.sf.json.Json.text(r));
        return 0;
      }
      for (int c : concurrency) {
        if (c < 1) {
          throw new UsageError("--concurrency values must be at least 1 (got " + c + ")");
        }
      }
      var arr = com.clickeen.sf.json.Json.array();
      for (int c : concurrency) {
        var r = driver.run(name, url, headers(header), body, c, warmup, seconds);
        System.out.printf(java.util.Locale.ROOT, "%-14s c=%-4d %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%n", name, c,
            r.throughput(), r.p50Ms(), r.p99Ms(), r.errors());
        arr.add(com.clickeen.sf.json.Json.tree(r));
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, com.clickeen.sf.json.Json.text(arr));
      return 0;
    }
  }

  @Command(name = "flood", mixinStandardHelpOptions = true,
      description = "N executes in flight at once; samples the gateway's heap (/metrics) and peak RSS (/proc) meanwhile.")
  static final class Flood implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "The gateway's execute URL.")
    String url;

    @Option(names = "--requests", defaultValue = "10000", description = "Requests sent at once (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--metrics-url", description = "The gateway's /metrics URL, sampled for its heap (optional).")
    String metricsUrl;

    @Option(names = "--pid", description = "The gateway's process id, for its peak RSS.")
    Long pid;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the JSON result is written.")
    Path out;

    @Override
    public Integer call() throws Exception {
      var driver = new com.clickeen.sf.bench.LoadDriver();
      java.util.concurrent.atomic.AtomicLong peakHeap = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread sampler = Thread.ofVirtual().start(() -> {
        var http = java.net.http.HttpClient.newHttpClient();
        while (running.get() && metricsUrl != null) {
          try {
            String m = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(metricsUrl)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            long heap = 0;
            for (String line : m.split("\n")) {
              if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
              }
            }
            peakHeap.accumulateAndGet(heap, Math::max);
            Thread.sleep(100);
          } catch (Exception e) {
            // keep sampling
          }
        }
      });
      var result = driver.flood(url, headers(List.of()), bodies("sf", benchGrant()), requests);
      running.set(false);
      sampler.join();
      result.put("peakHeapBytes", peakHeap.get());
      if (pid != null) {
        result.put("peakRssBytes", procKb(pid, "VmHWM") * 1024);
        result.put("rssAfterBytes", procKb(pid, "VmRSS") * 1024);
      }
      System.out.println(com.clickeen.sf.json.Json.text(result));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, com.clickeen.sf.json.Json.text(result));
      return 0;
    }

    static long procKb(long pid, String field) throws java.io.IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    }
  }

  @Command(name = "slow-clients", mixinStandardHelpOptions = true,
      description = "Issue 14's slow-client attack on a local service (127.0.0.1 only, at most 5,000 connections, "
          + "stops by itself) while /healthz is timed once a second.")
  static final class Slow implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8787", description = "the service's port on 127.0.0.1")
    int port;
    @Option(names = "--connections", defaultValue = "3000", description = "slow connections held (1..5000)")
    int connections;
    @Option(names = "--seconds", defaultValue = "40", description = "how long the attack runs")
    int seconds;
    @Option(names = "--line-every", defaultValue = "10", description = "seconds between header lines")
    int lineEvery;

    @Override
    public Integer call() throws Exception {
      var r = com.clickeen.sf.bench.SlowClients.run(port, connections, seconds, lineEvery);
      System.out.printf("slow clients: %d held for %d s (one header line every %d s): %d connections opened, "
          + "%d closed by the server%n", r.connections(), r.seconds(), lineEvery, r.opened(), r.closedByServer());
      System.out.printf("/healthz meanwhile: %d of %d answered 200; p50 %d ms, max %s%n", r.healthOk(),
          r.healthChecks(), r.healthP50Ms(), r.healthMaxMs() == Long.MAX_VALUE ? "no answer" : r.healthMaxMs() + " ms");
      return r.healthOk() == r.healthChecks() && r.healthMaxMs() < 1000 ? 0 : 1;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Table, headline and SVG plot from a results folder (direct.json, sanfrancisco.json, portkey.json; "
          + "and the fixed-rate run's *-rate.json when present).")
  static final class ReportCmd implements Callable<Integer> {
    @Option(names = "--results", required = true, paramLabel = "DIR", description = "The results folder of bench/run.sh.")
    Path results;

    @Override
    public Integer call() throws Exception {
      var rows = com.clickeen.sf.bench.Report.rows(results);
      if (rows.isEmpty()) {
        System.err.println("sf bench report: no direct.json in " + results);
        return 2;
      }
      Files.writeString(results.resolve("added-latency.svg"), com.clickeen.sf.bench.Report.svg(rows));
      String table = com.clickeen.sf.bench.Report.table(rows) + com.clickeen.sf.bench.Report.rateTable(results);
      Files.writeString(results.resolve("table.md"), table);
      System.out.print(table);
      return 0;
    }
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

    @Option(names = "--interactions", defaultValue = "1000000", paramLabel = "N",
        description = "Synthetic interactions to generate (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Use this data folder instead of a fresh temporary one.")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the synthetic data (default ${DEFAULT-VALUE}).")
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
        generate(b.interactions(), clock.millis(), count, seed, false);
        double genS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated %,d interactions with outcomes in %.1f s (%s)%n", count, genS, dir);

        long s0 = System.nanoTime();
        long scored = new ScoreInteractions(b.scores(), clock, Scoring.standard()).run(Progress.NONE);
        double scoreS = (System.nanoTime() - s0) / 1e9;
        System.out.printf("score-interactions:   %,d interactions in %.2f s (%,.0f/s)%n", scored, scoreS, scored / scoreS);

        long r0 = System.nanoTime();
        long again = new ScoreInteractions(b.scores(), clock, Scoring.standard()).run(Progress.NONE);
        double rescoreS = (System.nanoTime() - r0) / 1e9;
        System.out.printf("score-interactions again, nothing new: %,d scored in %.2f s%n", again, rescoreS);

        long e0 = System.nanoTime();
        Map<String, int[]> banks = new UpdateExampleBanks(b.interactions(), b.exampleBanks(), new ExampleSelector(ExampleSelector.Settings.defaults()),
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

    /**
     * {@code count} synthetic interactions over the last 90 days, imported in batches of 50,000 (one transaction
     * each); {@code inOrder}: oldest first, as the service writes them, else at random times.
     */
    static void generate(Interactions index, long now, int count, long seed, boolean inOrder) {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<InteractionRow> batch = new ArrayList<>(50_000);
      for (int i = 0; i < count; i++) {
        String agent = AGENTS[rnd.nextInt(AGENTS.length)];
        boolean valid = rnd.nextDouble() < 0.93;
        StringBuilder text = new StringBuilder();
        int n = 4 + rnd.nextInt(10);
        for (int w = 0; w < n; w++) {
          text.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
        }
        String review = rnd.nextDouble() < 0.002 ? "golden" : rnd.nextDouble() < 0.002 ? "bad" : null;
        OutcomeFlags o = new OutcomeFlags(maybe(rnd, 0.5), maybe(rnd, 0.1), maybe(rnd, 0.2), maybe(rnd, 0.05),
            maybe(rnd, 0.02), maybe(rnd, 0.2), review, rnd.nextDouble() < 0.01 ? "helpful" : null);
        String id = String.format("bench-%08d", i);
        // The builder calls keep the order the random draws were made in before (same data for the same seed).
        batch.add(InteractionRow.builder()
            .id(id)
            .sessionId("sess-" + rnd.nextInt(count / 3 + 1))
            .agentId(agent)
            .createdAtMs(inOrder ? now - 90L * 86_400_000L + i * (90L * 86_400_000L / count) : now - rnd.nextLong(90L * 86_400_000L))
            .r2Key("logs/bench/" + agent + "/" + id + ".json")
            .promptId(agent + "@v1")
            .provider("offline")
            .model("sf-offline-1")
            .promptTokens(300 + rnd.nextInt(400))
            .completionTokens(40 + rnd.nextInt(200))
            .costUsd(0.0)
            .latencyMs(5 + rnd.nextInt(50))
            .valid(valid)
            .error(valid ? null : "invalid_ops: $.result.ops[0].path 'x' is not one of the widget's controls")
            .subjectKind("anon")
            .subjectId("s")
            .locale(LOCALES[rnd.nextInt(LOCALES.length)])
            .intent(INTENTS[rnd.nextInt(INTENTS.length)])
            .applied(valid)
            .inputText(text.toString().strip())
            .outputText("{\"message\":\"synthetic answer " + i + "\"}")
            .exampleIdsJson("[]")
            .outcomes(o)
            .build());
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
