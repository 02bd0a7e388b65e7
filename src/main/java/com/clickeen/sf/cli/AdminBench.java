package com.clickeen.sf.cli;

import com.clickeen.sf.Application;
import com.clickeen.sf.SfConfig;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.learning.ScoreInteractions;
import com.clickeen.sf.learning.Scoring;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.store.Backends;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./sf bench admin}: every admin page's response time with a million interactions in the embedded
 * database. Generates the interactions (bulk import, as {@code bench learning}, but oldest first as the
 * service writes them, so that a day's rows lie together as they do in a real index), scores them, starts the
 * service on that folder with the admin on, logs in over HTTP and requests each page {@code --rounds} times
 * after a warm-up; prints median, p95 and max per page (the whole request, as a browser waits for it).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Times every admin page with --interactions (default 1,000,000) in the embedded database.")
final class AdminBench implements Callable<Integer> {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern FIRST_ID = Pattern.compile("name=\"interactionId\" value=\"([^\"]+)\"");
  static final long TARGET_MS = 300;

  @Option(names = "--interactions", defaultValue = "1000000", paramLabel = "N",
      description = "Interactions to generate when the data folder has none (1..20000000, default 1000000).")
  int count;

  @Option(names = "--rounds", defaultValue = "20", paramLabel = "N",
      description = "Timed requests per page after 3 warm-up requests (1..10000, default 20).")
  int rounds;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Reuse (or keep) the data here; generated when empty.")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || count > 20_000_000 || rounds < 1 || rounds > 10_000) {
      System.err.println("sf bench admin: --interactions must be 1..20000000 and --rounds 1..10000");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sf-bench-admin-");
    Clock clock = Clock.systemUTC();
    try (Backends b = Backends.embedded(dir, clock)) {
      long have = b.interactions().countInteractions(null);
      if (have == 0) {
        long t0 = System.nanoTime();
        BenchCommand.Learning.generate(b.interactions(), clock.millis(), count, 42, true);
        System.out.printf("generated %,d interactions in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        long s0 = System.nanoTime();
        long scored = new ScoreInteractions(b.scores(), clock, Scoring.standard()).run(Progress.NONE);
        System.out.printf("scored %,d in %.1f s%n", scored, (System.nanoTime() - s0) / 1e9);
      } else {
        System.out.printf("using the %,d interactions already in %s%n", have, dir);
      }
    }
    String password = "bench-admin-password";
    SfConfig config = SfConfig.fromEnv(Map.of("SF_JOBS", "false"), SfConfig.Overrides.none().withPort(0).withDataDir(dir)
        .withGrantSecret("bench-secret-bench-secret-bench-secret-0123".getBytes(StandardCharsets.UTF_8))
        .withAdminPassword(password));
    ModelRouter router = ModelRouter.offlineOnly();
    try (Application app = Application.start(config, clock, router, false)) {
      String base = "http://127.0.0.1:" + app.port();
      HttpClient http = HttpClient.newHttpClient();
      String cookie = login(http, base, password);
      String anInteraction = match(FIRST_ID, get(http, base + "/admin/review", cookie).body());
      List<String> pages = List.of("/admin/review", "/admin/interactions", "/admin/interactions?agent=sdr.copilot",
          "/admin/interactions?outcome=invalid", "/admin/interactions?minScore=0.9&agent=support.agent",
          "/admin/interactions?q=pricing", "/admin/interactions?q=shopify+theme&agent=ops.monitor",
          "/admin/interactions?q=pricing&from=" + day(clock.millis() - 29 * 86_400_000L) + "&to=" + day(clock.millis()),
          "/admin/interactions?q=pricing&from=" + day(clock.millis() - 89 * 86_400_000L) + "&to=" + day(clock.millis()),
          "/admin/interactions?q=shopify&from=" + day(clock.millis() - 89 * 86_400_000L) + "&to=" + day(clock.millis()),
          "/admin/interactions?q=synthetic&from=" + day(clock.millis() - 89 * 86_400_000L) + "&to=" + day(clock.millis()),
          "/admin/interactions/" + anInteraction, "/admin/interactions/" + anInteraction + "?show=raw",
          "/admin/prompts?agent=sdr.copilot", "/admin/experiments", "/admin/metrics?agent=sdr.copilot",
          "/admin/metrics?agent=sdr.copilot&from=" + day(clock.millis() - 89 * 86_400_000L) + "&to="
              + day(clock.millis()), "/admin/examples", "/admin/jobs", "/admin/reports");
      System.out.printf("%n%-92s %8s %8s %8s%n", "page (" + rounds + " rounds after 3 warm-up)", "median", "p95", "max");
      long worst = 0;
      for (String page : pages) {
        long[] ms = new long[rounds];
        for (int i = 0; i < 3; i++) {
          check(get(http, base + page, cookie), page);
        }
        for (int i = 0; i < rounds; i++) {
          long t0 = System.nanoTime();
          check(get(http, base + page, cookie), page);
          ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        long p95 = ms[Math.max(0, (int) Math.ceil(0.95 * rounds) - 1)];
        worst = Math.max(worst, p95);
        System.out.printf("%-92s %6d ms %6d ms %6d ms%n", page, ms[rounds / 2], p95, ms[rounds - 1]);
      }
      long[] review = reviewCycles(http, base, cookie, rounds);
      worst = Math.max(worst, review[1]);
      System.out.printf("%-92s %6d ms %6d ms %6d ms%n", "POST /admin/review, then GET the next item", review[0],
          review[1], review[2]);
      System.out.printf("RESULT interactions=%d worst_p95_ms=%d target_ms=%d %s%n", count, worst, TARGET_MS,
          worst < TARGET_MS ? "MET" : "MISSED");
    } finally {
      router.close();
      if (dataDir == null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }

  private static long[] reviewCycles(HttpClient http, String base, String cookie, int rounds) throws Exception {
    long[] ms = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      String page = get(http, base + "/admin/review", cookie).body();
      long t0 = System.nanoTime();
      HttpResponse<String> r = post(http, base + "/admin/review", cookie, Map.of("_csrf", match(CSRF, page),
          "interactionId", match(FIRST_ID, page), "verdict", i % 2 == 0 ? "good" : "skip"));
      if (r.statusCode() != 303) {
        throw new IllegalStateException("review POST answered " + r.statusCode());
      }
      check(get(http, base + "/admin/review", cookie), "/admin/review");
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(ms);
    return new long[] {ms[rounds / 2], ms[Math.max(0, (int) Math.ceil(0.95 * rounds) - 1)], ms[rounds - 1]};
  }

  private static String day(long ms) {
    return java.time.Instant.ofEpochMilli(ms).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
  }

  private static void check(HttpResponse<String> r, String page) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(page + " answered " + r.statusCode() + ": " + r.body().substring(0,
          Math.min(500, r.body().length())));
    }
  }

  private static String login(HttpClient http, String base, String password) throws Exception {
    HttpResponse<String> page = get(http, base + "/admin/login", null);
    String loginCookie = cookie(page, "sf_admin_login");
    HttpResponse<String> r = post(http, base + "/admin/login", loginCookie, Map.of("_csrf", match(CSRF, page.body()),
        "password", password));
    return cookie(r, "sf_admin");
  }

  private static String cookie(HttpResponse<?> r, String name) {
    return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + name + " cookie (status " + r.statusCode() + ")"));
  }

  private static String match(Pattern p, String html) {
    Matcher m = p.matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("expected " + p + " in the page");
    }
    return m.group(1);
  }

  private static HttpResponse<String> get(HttpClient http, String url, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient http, String url, String cookie, Map<String, String> form)
      throws Exception {
    List<String> parts = new ArrayList<>();
    form.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))).build(), HttpResponse.BodyHandlers.ofString());
  }
}
