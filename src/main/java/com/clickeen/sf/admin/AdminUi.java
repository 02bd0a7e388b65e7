package com.clickeen.sf.admin;

import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.jobs.JobRunner;
import com.clickeen.sf.jobs.LearningJobs;
import com.clickeen.sf.learning.ReviewQueue;
import com.clickeen.sf.store.Backends;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin UI under {@code /admin}, served by the service itself: server-rendered pages (JTE, precompiled),
 * plots drawn by uPlot from {@code /admin/static}. Registered on the API's server only when
 * {@code SF_ADMIN_PASSWORD} is set. One filter in front of every admin path sets the security headers, refuses
 * any POST without a valid CSRF token (403) and sends a GET without a session to the login page.
 */
public final class AdminUi {
  static final String SESSION_ATTRIBUTE = "sf.admin.session";
  private static final Pattern REVIEWER = Pattern.compile("[A-Za-z0-9._@-]{1,40}");

  /** What the pages read and change. */
  public record Services(Backends backends, AgentRegistry agents, LearningJobs jobs, JobRunner runner, Clock clock) {}

  private final AdminSecurity security;
  private final Renderer renderer;
  private final StaticFiles statics = new StaticFiles();
  private final ReviewPages review;
  private final PromptPages prompts;
  private final ExperimentPages experiments;
  private final MetricsPages metrics;
  private final OpsPages ops;

  public AdminUi(String password, Services s) {
    this.security = new AdminSecurity(password, s.backends().kv(), s.clock());
    this.renderer = new Renderer(security);
    this.review = new ReviewPages(s, new ReviewQueue(s.backends().reviews(), s.backends().interactions(),
        s.agents().all().stream().map(a -> a.id()).toList(), s.clock(),
        new SecureRandom()), renderer);
    this.prompts = new PromptPages(s, renderer);
    this.experiments = new ExperimentPages(s, renderer);
    this.metrics = new MetricsPages(s, renderer);
    this.ops = new OpsPages(s, renderer);
  }

  public void register(JavalinConfig config) {
    config.routes.before(this::guard);
    config.routes.get("/admin", ctx -> ctx.redirect("/admin/review", HttpStatus.FOUND));
    config.routes.get("/admin/static/{file}", statics::serve);
    config.routes.get("/admin/login", this::loginPage);
    config.routes.post("/admin/login", this::login);
    config.routes.post("/admin/logout", this::logout);
    review.register(config);
    prompts.register(config);
    experiments.register(config);
    metrics.register(config);
    ops.register(config);
  }

  /** The session of a request that passed the guard. */
  static AdminSecurity.Session session(Context ctx) {
    return ctx.attribute(SESSION_ATTRIBUTE);
  }

  private void guard(Context ctx) {
    String path = ctx.path();
    if (!path.equals("/admin") && !path.startsWith("/admin/")) {
      return;
    }
    AdminSecurity.headers(ctx);
    if (path.startsWith("/admin/static/")) {
      return;
    }
    boolean post = ctx.method() == HandlerType.POST;
    if (path.equals("/admin/login")) {
      if (post && !AdminSecurity.sameToken(ctx.formParam(AdminSecurity.CSRF_FIELD), ctx.cookie(AdminSecurity.LOGIN_COOKIE))) {
        forbid(ctx);
      }
      return;
    }
    Optional<AdminSecurity.Session> s = security.find(ctx.cookie(AdminSecurity.SESSION_COOKIE));
    if (post && (s.isEmpty() || !AdminSecurity.sameToken(ctx.formParam(AdminSecurity.CSRF_FIELD), s.get().csrf()))) {
      forbid(ctx);
      return;
    }
    if (s.isEmpty()) {
      ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
      ctx.skipRemainingHandlers();
      return;
    }
    AdminSecurity.Session session = s.get();
    if (session.flash() != null && !post) {
      security.save(session.withFlash(null)); // shown once, on this page
    }
    ctx.attribute(SESSION_ATTRIBUTE, session);
  }

  private void forbid(Context ctx) {
    renderer.message(ctx, 403, "Forbidden", "This form's security token is missing or wrong (403). Reload the page "
        + "and try again.");
    ctx.skipRemainingHandlers();
  }

  private void loginPage(Context ctx) {
    if (security.find(ctx.cookie(AdminSecurity.SESSION_COOKIE)).isPresent()) {
      ctx.redirect("/admin/review", HttpStatus.SEE_OTHER);
      return;
    }
    showLogin(ctx, 200, null);
  }

  private void showLogin(Context ctx, int status, String error) {
    String token = security.newToken();
    AdminSecurity.cookie(ctx, AdminSecurity.LOGIN_COOKIE, token, 3600);
    renderer.page(ctx, status, "login.jte", new Views.LoginPage(token, error));
  }

  private void login(Context ctx) {
    String address = ctx.ip();
    if (security.throttled(address)) {
      ctx.header("Retry-After", String.valueOf(AdminSecurity.THROTTLE_WINDOW.toSeconds()));
      showLogin(ctx, 429, "Too many failed logins; try again in " + AdminSecurity.THROTTLE_WINDOW.toMinutes()
          + " minutes.");
      return;
    }
    if (!security.passwordMatches(ctx.formParam("password"))) {
      security.failed(address);
      showLogin(ctx, 401, "Wrong password.");
      return;
    }
    security.succeeded(address);
    String name = ctx.formParam("reviewer");
    String reviewer = name == null || name.isBlank() ? "admin" : name.strip();
    if (!REVIEWER.matcher(reviewer).matches()) {
      showLogin(ctx, 400, "A reviewer name is 1 to 40 characters of letters, digits and . _ @ -");
      return;
    }
    AdminSecurity.Session s = security.create(reviewer);
    AdminSecurity.cookie(ctx, AdminSecurity.SESSION_COOKIE, s.token(), null);
    AdminSecurity.cookie(ctx, AdminSecurity.LOGIN_COOKIE, "", 0);
    ctx.redirect("/admin/review", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    security.delete(session(ctx).token());
    AdminSecurity.cookie(ctx, AdminSecurity.SESSION_COOKIE, "", 0);
    ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
  }
}
