package com.clickeen.sf.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.testing.TestService;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin's security and input rules over plain HTTP (the browser tests cover the pages in use). */
class AdminHttpTest {
  static TestService svc;
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @BeforeAll
  static void start() throws Exception {
    svc = AdminFixtures.start();
    AdminFixtures.seed(svc);
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  /** A logged-in session: its cookie and its CSRF token. */
  record Login(String cookie, String csrf) {}

  static HttpResponse<String> get(String path, String cookie, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(svc.uri(path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    headers.forEach(b::header);
    return svc.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b = HttpRequest.newBuilder(svc.uri(path)).header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return svc.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String cookie(HttpResponse<?> r, String name) {
    return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  /** Logs in as {@code reviewer}. */
  static Login login(String reviewer) throws Exception {
    HttpResponse<String> page = get("/admin/login", null, Map.of());
    HttpResponse<String> r = post("/admin/login", cookie(page, "sf_admin_login"), Map.of("_csrf", csrf(page.body()),
        "password", AdminFixtures.PASSWORD, "reviewer", reviewer));
    assertThat(r.statusCode()).isEqualTo(303);
    String session = cookie(r, "sf_admin");
    return new Login(session, csrf(get("/admin/review", session, Map.of()).body()));
  }

  @Test
  void a_page_without_a_session_redirects_to_the_login_form() throws Exception {
    for (String path : List.of("/admin/review", "/admin/interactions", "/admin/prompts", "/admin/metrics",
        "/admin/interactions/x", "/admin/experiments/exp-1")) {
      HttpResponse<String> r = get(path, null, Map.of());
      assertThat(r.statusCode()).as(path).isEqualTo(303);
      assertThat(r.headers().firstValue("location")).as(path).hasValue("/admin/login");
    }
    assertThat(get("/admin/review", "sf_admin=forged-" + "x".repeat(36), Map.of()).statusCode()).isEqualTo(303);
  }

  @Test
  void login_sets_an_httponly_samesite_strict_cookie_secure_behind_https() throws Exception {
    HttpResponse<String> page = get("/admin/login", null, Map.of("X-Forwarded-Proto", "https"));
    assertThat(page.headers().firstValue("set-cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict", "Secure", "Path=/admin");
    HttpResponse<String> r = post("/admin/login", cookie(page, "sf_admin_login"), Map.of("_csrf", csrf(page.body()),
        "password", AdminFixtures.PASSWORD));
    String set = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("sf_admin=")).findFirst()
        .orElseThrow();
    assertThat(set).contains("HttpOnly", "SameSite=Strict", "Path=/admin").doesNotContain("Secure");
    HttpResponse<String> plain = get("/admin/login", null, Map.of());
    assertThat(plain.headers().firstValue("set-cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict")
        .doesNotContain("Secure");
  }

  @Test
  void every_page_has_a_content_security_policy_without_inline_script() throws Exception {
    Login l = login("a");
    for (String path : List.of("/admin/login", "/admin/review", "/admin/metrics", "/admin/static/admin.js")) {
      HttpResponse<String> r = get(path, l.cookie(), Map.of());
      String csp = r.headers().firstValue("content-security-policy").orElseThrow();
      assertThat(csp).as(path).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }
    String html = get("/admin/metrics?agent=" + AdminFixtures.AGENT, l.cookie(), Map.of()).body();
    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("an inline script").isFalse();
    assertThat(html).doesNotContain("style=\"", " onclick=", " onload=");
  }

  @Test
  void any_post_under_admin_without_a_valid_csrf_token_is_403() throws Exception {
    Login l = login("b");
    List<String> posts = List.of("/admin/login", "/admin/logout", "/admin/review", "/admin/prompts/activate",
        "/admin/prompts/add", "/admin/experiments/start", "/admin/experiments/exp-x/stop",
        "/admin/experiments/exp-x/promote", "/admin/jobs/score-interactions/run", "/admin/nothing-here");
    for (String path : posts) {
      Map<String, String> form = Map.of("agent", AdminFixtures.AGENT, "version", "1", "password", AdminFixtures.PASSWORD);
      assertThat(post(path, l.cookie(), form).statusCode()).as(path + " without a token").isEqualTo(403);
      assertThat(post(path, l.cookie(), Map.of("_csrf", l.csrf() + "x", "version", "1")).statusCode())
          .as(path + " with a wrong token").isEqualTo(403);
      assertThat(post(path, null, Map.of("_csrf", l.csrf(), "version", "1")).statusCode())
          .as(path + " with a token but no session").isIn(403);
    }
    HttpResponse<String> page = get("/admin/login", null, Map.of());
    assertThat(post("/admin/login", null, Map.of("_csrf", csrf(page.body()), "password", AdminFixtures.PASSWORD))
        .statusCode()).as("login token without its cookie").isEqualTo(403);
    assertThat(post("/admin/prompts/activate", l.cookie(), Map.of("_csrf", l.csrf(), "agent", AdminFixtures.AGENT,
        "version", "2")).statusCode()).as("with the token").isEqualTo(303);
  }

  @Test
  void failed_logins_are_rate_limited_per_address() throws Exception {
    try (TestService other = AdminFixtures.start()) {
      HttpResponse<String> page = other.http.send(HttpRequest.newBuilder(other.uri("/admin/login")).build(),
          HttpResponse.BodyHandlers.ofString());
      String cookie = cookie(page, "sf_admin_login");
      String token = csrf(page.body());
      List<Integer> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < AdminSecurity.MAX_FAILURES_PER_ADDRESS + 1; i++) {
        statuses.add(other.http.send(HttpRequest.newBuilder(other.uri("/admin/login")).header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&password=wrong-" + i)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
      HttpResponse<String> right = other.http.send(HttpRequest.newBuilder(other.uri("/admin/login"))
          .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&password=" + AdminFixtures.PASSWORD)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(right.statusCode()).as("even the right password while throttled").isEqualTo(429);
      assertThat(right.headers().firstValue("retry-after")).hasValue("300");
    }
  }

  @Test
  void stored_markup_is_escaped_in_every_place_it_is_shown() throws Exception {
    Login l = login("c");
    for (String path : List.of("/admin/interactions/" + AdminFixtures.XSS_ID, "/admin/interactions?q=click",
        "/admin/prompts?agent=" + AdminFixtures.AGENT)) {
      String html = get(path, l.cookie(), Map.of()).body();
      assertThat(html).as(path).contains("&lt;script&gt;window.__xss=1&lt;/script&gt;")
          .doesNotContain("<script>window", "<img src=x", "<a href=\"javascript:", "<b>convert</b>");
    }
  }

  @Test
  void bad_query_and_form_values_are_400_pages_naming_the_field() throws Exception {
    Login l = login("d");
    Map<String, String> bad = Map.of(
        "/admin/interactions?minScore=abc", "minScore must be a number",
        "/admin/interactions?from=2026-13-45", "from must be a date yyyy-mm-dd",
        "/admin/interactions?agent=nobody", "agent must be one of",
        "/admin/interactions?before=garbage", "before must be a page position",
        "/admin/interactions?outcome=%3Cscript%3E", "outcome must be one of",
        "/admin/metrics?from=2020-01-01&to=2026-01-01", "at most 366 days",
        "/admin/prompts?a=1&b=99", "no version 99",
        "/admin/interactions/bad%20id", "an interaction id is");
    for (var e : bad.entrySet()) {
      HttpResponse<String> r = get(e.getKey(), l.cookie(), Map.of());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(r.body()).as(e.getKey()).contains(e.getValue());
    }
    assertThat(get("/admin/interactions/no-such-id", l.cookie(), Map.of()).statusCode()).isEqualTo(404);
    assertThat(post("/admin/prompts/activate", l.cookie(), Map.of("_csrf", l.csrf(), "agent", AdminFixtures.AGENT,
        "version", "abc")).body()).contains("version must be a number");
    assertThat(post("/admin/prompts/activate", l.cookie(), Map.of("_csrf", l.csrf(), "agent", AdminFixtures.AGENT,
        "version", "3")).statusCode()).as("a candidate without force").isEqualTo(409);
    assertThat(post("/admin/review", l.cookie(), Map.of("_csrf", l.csrf(), "interactionId", "seed-0-5",
        "verdict", "excellent")).statusCode()).isEqualTo(400);
  }

  @Test
  void an_experiment_is_started_stopped_and_another_promoted_from_the_forms() throws Exception {
    Login l = login("f");
    var prompts = svc.app.backends().prompts();
    var added = prompts.addPrompt("ops.monitor", "Ops monitor, version two.", System.currentTimeMillis());
    HttpResponse<String> started = post("/admin/experiments/start", l.cookie(), Map.of("_csrf", l.csrf(),
        "agent", "ops.monitor", "candidate", String.valueOf(added.version()), "traffic", "0.2", "metric", "score"));
    assertThat(started.statusCode()).isEqualTo(303);
    String where = started.headers().firstValue("location").orElseThrow();
    String id = where.substring(where.lastIndexOf('/') + 1);
    var experiment = svc.app.jobs().experiments().get(id);
    assertThat(experiment.traffic()).isEqualTo(0.2);
    assertThat(get(where, l.cookie(), Map.of()).body()).contains("Decision log", "ops.monitor: v1 (control) against v2");
    assertThat(post("/admin/experiments/start", l.cookie(), Map.of("_csrf", l.csrf(), "agent", "ops.monitor",
        "candidate", String.valueOf(added.version()))).statusCode()).as("a second open experiment").isEqualTo(409);
    assertThat(post(where + "/stop", l.cookie(), Map.of("_csrf", l.csrf())).statusCode()).isEqualTo(303);
    assertThat(svc.app.jobs().experiments().get(id).status().label()).isEqualTo("stopped");
    assertThat(post(where + "/promote", l.cookie(), Map.of("_csrf", l.csrf())).statusCode()).as("already stopped")
        .isEqualTo(409);
    String second = post("/admin/experiments/start", l.cookie(), Map.of("_csrf", l.csrf(), "agent", "ops.monitor",
        "candidate", String.valueOf(added.version()))).headers().firstValue("location").orElseThrow();
    assertThat(post(second + "/promote", l.cookie(), Map.of("_csrf", l.csrf())).statusCode()).isEqualTo(303);
    assertThat(prompts.activePrompt("ops.monitor").orElseThrow().version()).isEqualTo(added.version());
    assertThat(post("/admin/experiments/start", l.cookie(), Map.of("_csrf", l.csrf(), "agent", "ops.monitor",
        "candidate", "99")).statusCode()).isEqualTo(404);
    assertThat(post("/admin/experiments/start", l.cookie(), Map.of("_csrf", l.csrf(), "agent", "ops.monitor",
        "candidate", "1", "traffic", "1.5")).statusCode()).isEqualTo(400);
  }

  @Test
  void a_version_added_in_the_browser_is_stored_and_a_job_runs_now() throws Exception {
    Login l = login("g");
    assertThat(post("/admin/prompts/add", l.cookie(), Map.of("_csrf", l.csrf(), "agent", "content.writer",
        "text", "Content writer\r\nversion two")).statusCode()).isEqualTo(303);
    var versions = svc.app.backends().prompts().prompts("content.writer");
    assertThat(versions.getLast().text()).isEqualTo("Content writer\nversion two");
    assertThat(versions.getLast().active()).isFalse();
    assertThat(post("/admin/prompts/add", l.cookie(), Map.of("_csrf", l.csrf(), "agent", "content.writer",
        "text", "x".repeat(PromptPages.MAX_PROMPT + 1))).statusCode()).isEqualTo(400);
    assertThat(post("/admin/jobs/score-interactions/run", l.cookie(), Map.of("_csrf", l.csrf())).statusCode())
        .isEqualTo(303);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> svc.app.backends().jobRuns()
        .jobRuns("score-interactions", 5).stream().anyMatch(r -> "admin:g".equals(r.trigger()) && "ok".equals(r.status())));
    assertThat(get("/admin/jobs", l.cookie(), Map.of()).body()).contains("admin:g", "interactions scored");
    assertThat(post("/admin/jobs/no-such-job/run", l.cookie(), Map.of("_csrf", l.csrf())).statusCode()).isEqualTo(404);
  }

  @Test
  void static_files_are_a_fixed_list() throws Exception {
    HttpResponse<String> js = get("/admin/static/uplot.js", null, Map.of());
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
    assertThat(js.body()).contains("uPlot");
    assertThat(get("/admin/static/uplot.css", null, Map.of()).statusCode()).isEqualTo(200);
    assertThat(get("/admin/static/..%2Fsanfrancisco.db", null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(get("/admin/static/logback.xml", null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void without_a_password_the_admin_is_off() throws Exception {
    try (TestService off = AdminFixtures.start(Map.of("SF_JOBS", "false"))) {
      HttpResponse<String> r = off.http.send(HttpRequest.newBuilder(off.uri("/admin/login")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(off.get("/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void logout_ends_the_session() throws Exception {
    Login l = login("e");
    assertThat(post("/admin/logout", l.cookie(), Map.of("_csrf", l.csrf())).statusCode()).isEqualTo(303);
    assertThat(get("/admin/review", l.cookie(), Map.of()).statusCode()).isEqualTo(303);
  }

}
