package com.clickeen.sf.api;

import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.agents.ExecuteRequest;
import com.clickeen.sf.agents.ExecuteService;
import com.clickeen.sf.errors.ErrorCode;
import com.clickeen.sf.errors.RequestException;
import com.clickeen.sf.errors.SfException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.LearningEvents;
import com.clickeen.sf.learning.OutcomeService;
import com.clickeen.sf.learning.ReviewRequest;
import com.clickeen.sf.learning.ReviewService;
import com.clickeen.sf.metrics.Metrics;
import com.clickeen.sf.store.DurableQueue;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface. Handlers are plain functions of the context; every failure becomes the wire format's
 * error body {@code {"error": {"code", "message", ...}}} with {@code cache-control: no-store}, in one place.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Request bodies above this size are refused with 413. */
  public static final long MAX_BODY_BYTES = 256 * 1024;
  private static final int ACCEPT_QUEUE = 4096;

  private final ExecuteService execute;
  private final OutcomeService outcomes;
  private final AgentRegistry agents;
  private final Supplier<DurableQueue.QueueStats> queueStats;
  private final String version;
  private final Metrics metrics;
  private final LearningEvents events;
  private final ReviewService reviews;
  private final com.clickeen.sf.Limits limits;
  private final java.util.function.Consumer<io.javalin.config.JavalinConfig> extensions;
  private Javalin app;
  /** The OpenAPI document, built once from the schemas the service validates with. */
  private final JsonNode openApi;

  /** Routes whose body is signed by Paris ({@code x-paris-signature}); one before-handler checks them all. */
  private enum Access implements RouteRole { PARIS_SIGNED }

  public ApiServer(ExecuteService execute, OutcomeService outcomes, AgentRegistry agents,
      Supplier<DurableQueue.QueueStats> queueStats, Metrics metrics, String version, LearningEvents events,
      ReviewService reviews, com.clickeen.sf.Limits limits) {
    this(execute, outcomes, agents, queueStats, metrics, version, events, reviews, limits, config -> {});
  }

  /**
   * With {@code extensions}: more routes and filters on the same server (the admin UI registers {@code /admin}
   * there); they are registered before this class's own error mapping.
   */
  public ApiServer(ExecuteService execute, OutcomeService outcomes, AgentRegistry agents,
      Supplier<DurableQueue.QueueStats> queueStats, Metrics metrics, String version, LearningEvents events,
      ReviewService reviews, com.clickeen.sf.Limits limits,
      java.util.function.Consumer<io.javalin.config.JavalinConfig> extensions) {
    this.extensions = extensions;
    this.limits = limits;
    this.metrics = metrics;
    this.events = events;
    this.reviews = reviews;
    this.execute = execute;
    this.outcomes = outcomes;
    this.agents = agents;
    this.queueStats = queueStats;
    this.version = version;
    this.openApi = OpenApi.document(version, agents.all());
  }

  /** Starts on {@code host:port} (port 0 picks a free one) and returns the bound port. */
  public int start(String host, int port) {
    app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.http.defaultContentType = "application/json";
      config.http.prefer405over404 = true;
      ConnectionGuard guard = new ConnectionGuard(limits);
      HttpErrors httpErrors = new HttpErrors();
      config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(httpErrors));
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(5_000);
        server.setErrorHandler(httpErrors);
        // Bursts of thousands of connections (Paris behind a load balancer, the benchmarks) must queue in
        // the kernel, not be dropped: Jetty's default accept backlog is the JVM's 50.
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
            for (var connector : server.getConnectors()) {
              if (connector instanceof org.eclipse.jetty.server.ServerConnector sc) {
                sc.setAcceptQueueSize(ACCEPT_QUEUE);
                sc.addEventListener(guard);
              }
            }
            if (!(server.getHandler() instanceof ConnectionGuard)) {
              server.insertHandler(guard);
            }
          }
        });
      });

      config.routes.before(AccessLog::begin);
      config.routes.after(AccessLog::name);
      config.requestLogger.http(AccessLog::log);
      config.routes.get("/healthz", this::health);
      config.routes.get("/openapi.json", ctx -> json(ctx, 200, openApi));
      config.routes.get("/v1/agents", this::listAgents);
      config.routes.get("/metrics", ctx -> {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.scrape());
      });
      config.routes.post("/v1/execute", this::execute);
      config.routes.post("/v1/outcome", this::outcome, Access.PARIS_SIGNED);
      config.routes.post("/v1/learning/outcome", this::outcome, Access.PARIS_SIGNED);
      config.routes.post("/v1/learning/events", this::learningEvent, Access.PARIS_SIGNED);
      config.routes.post("/v1/learning/review", this::review, Access.PARIS_SIGNED);
      config.routes.beforeMatched(this::checkSignature);
      extensions.accept(config);

      config.routes.exception(SfException.class, (e, ctx) -> error(ctx, e));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e)));
      config.routes.exception(Exception.class, (e, ctx) -> {
        RequestException unreadable = unreadableBody(e);
        if (unreadable != null) {
          LOG.debug("unreadable request on {} {}: {}", ctx.method(), ctx.path(), unreadable.getMessage());
          error(ctx, unreadable);
          return;
        }
        LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, new RequestException(ErrorCode.INTERNAL, "internal error; see the service log"));
      });
      config.routes.error(404, ctx -> {
        if (!isErrorBody(ctx)) {
          error(ctx, new RequestException(ErrorCode.NOT_FOUND, "no route for " + ctx.method() + " "
              + com.clickeen.sf.errors.Echo.of(ctx.path())));
        }
      });
      config.routes.error(405, ctx -> {
        if (!isErrorBody(ctx)) {
          error(ctx, new RequestException(ErrorCode.METHOD_NOT_ALLOWED,
              ctx.method() + " is not allowed on " + com.clickeen.sf.errors.Echo.of(ctx.path())));
        }
      });
      config.routes.error(413, ctx -> {
        if (!isErrorBody(ctx)) {
          error(ctx, tooLarge());
        }
      });
    }).start(host, port);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  /** The routes the server answers, as {@code "GET /healthz"} (what {@code /openapi.json} must document). */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(h -> h.endpoint)
        .filter(e -> e.method.isHttpMethod())
        .map(e -> e.method.name() + " " + e.path).distinct().sorted().toList();
  }

  // --- handlers ------------------------------------------------------------------------------------

  private void health(Context ctx) {
    json(ctx, 200, ApiJson.health(version, queueStats.get()));
  }

  private void listAgents(Context ctx) {
    json(ctx, 200, ApiJson.agents(agents.all()));
  }

  private void execute(Context ctx) throws SfException {
    long start = System.nanoTime();
    String agent = "unknown";
    int status = 500;
    String code = "INTERNAL";
    try {
      requireJson(ctx);
      ExecuteRequest request = ApiJson.executeRequest(ApiJson.executeBody(readBody(ctx)));
      // Only registered ids become label values: callers must not be able to create unbounded series.
      agent = request.agentId() == null ? "unknown" : agents.find(request.agentId()).map(Agent::id).orElse("unknown");
      com.clickeen.sf.logging.Logging.describeRequest(AccessLog.AGENT, agent);
      String accept = ctx.header("accept");
      if (request.stream() || (accept != null && accept.contains("text/event-stream"))) {
        executeStreamed(ctx, request, agents.find(request.agentId() == null ? "" : request.agentId()));
      } else {
        json(ctx, 200, ApiJson.executeResult(execute.execute(request)));
      }
      status = 200;
      code = "ok";
    } catch (SfException e) {
      status = e.code().status();
      code = e.code().name();
      throw e;
    } finally {
      metrics.execute(agent, status, code, java.time.Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private void executeStreamed(Context ctx, ExecuteRequest request, java.util.Optional<Agent> agent) throws SfException {
    ctx.disableCompression();
    SseWriter sse = new SseWriter(ctx.res());
    try {
      sse.event("result", ApiJson.executeResult(execute.execute(request, TextDeltas.of(sse, agent))));
    } catch (SfException e) {
      if (!sse.started()) {
        throw e; // nothing sent yet: a plain JSON error with its status
      }
      try {
        sse.event("error", ApiJson.error(e));
      } catch (com.clickeen.sf.llm.DeltaSink.ClientGoneException gone) {
        // the client left; nothing to tell it
      }
    } catch (com.clickeen.sf.llm.DeltaSink.ClientGoneException gone) {
      LOG.debug("stream client left; upstream call cancelled");
    }
  }

  /**
   * Before every {@link Access#PARIS_SIGNED} route (and only when a route matched, so 404 and 405 stay as they
   * are): JSON content type, body size, then Paris's signature over the exact bytes received.
   */
  private void checkSignature(Context ctx) throws SfException {
    if (ctx.routeRoles().contains(Access.PARIS_SIGNED)) {
      requireJson(ctx);
      outcomes.verify(readBody(ctx), ctx.header("x-paris-signature"));
    }
  }

  private void outcome(Context ctx) throws SfException {
    OutcomeService.Attached attached = outcomes.attach(ApiJson.outcomeRequest(readBody(ctx)));
    if (!attached.matched()) {
      metrics.outcomeUnmatched();
    }
    json(ctx, 200, ApiJson.outcomeAttached(attached));
  }

  /** Conversion and payment events, signed like outcomes. */
  private void learningEvent(Context ctx) throws SfException {
    LearningEvents.Accepted a = events.accept(ApiJson.eventRequest(readBody(ctx)));
    json(ctx, a.duplicate() ? 200 : 202, ApiJson.eventAccepted(a, events.window()));
  }

  /**
   * Human review and user feedback (internal; the admin UI uses it), signed like outcomes:
   * {@code {interactionId, humanReview?: good|bad|golden, userFeedback?: helpful|not-helpful, taskCompleted?}}.
   */
  private void review(Context ctx) throws SfException {
    ReviewRequest request = ApiJson.reviewRequest(readBody(ctx));
    reviews.review(request);
    json(ctx, 200, ApiJson.reviewed(request.interactionId()));
  }

  // --- plumbing ------------------------------------------------------------------------------------

  private static void requireJson(Context ctx) throws RequestException {
    String ct = ctx.header("Content-Type"); // the raw header: the servlet's parsed form throws on an unknown charset
    String mime = ct == null ? "" : ct.split(";", 2)[0].trim();
    if (!mime.equalsIgnoreCase("application/json")) {
      throw new RequestException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json (got " + (ct == null ? "none" : "'" + ct + "'") + ")");
    }
    String charset = charsetOf(ct);
    if (charset != null && !supported(charset)) {
      throw new RequestException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type names a charset this service cannot read ('" + com.clickeen.sf.errors.Echo.of(charset)
              + "'); send UTF-8");
    }
  }

  private static String charsetOf(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        return p.substring(8).replace("\"", "").trim();
      }
    }
    return null;
  }

  private static boolean supported(String charset) {
    try {
      return java.nio.charset.Charset.isSupported(charset);
    } catch (java.nio.charset.IllegalCharsetNameException e) {
      return false;
    }
  }

  /** The raw body (read once; Javalin caches it for the handler after the signature check). */
  private static byte[] readBody(Context ctx) throws RequestException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try {
      return ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw fromJavalin(e);
    } catch (Exception e) { // Javalin's Kotlin code may throw the servlet's IOException undeclared
      RequestException unreadable = unreadableBody(e);
      if (unreadable != null) {
        throw unreadable;
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("request body could not be read", e);
    }
  }

  /**
   * A body the client broke (bad chunking, a chunk extension over the limit, the connection ending early, a
   * body deadline): a 400 in the JSON shape, not an internal error; null when {@code e} is something else.
   */
  static RequestException unreadableBody(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.eclipse.jetty.http.HttpException he && he.getCode() < 500) {
        return new RequestException(ErrorCode.BAD_REQUEST, "request body could not be read: "
            + com.clickeen.sf.errors.Echo.of(String.valueOf(c.getMessage())));
      }
      if (c instanceof java.io.IOException || c instanceof java.util.concurrent.TimeoutException) {
        return new RequestException(ErrorCode.BAD_REQUEST, "request body ended before it was complete");
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static RequestException tooLarge() {
    return new RequestException(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private static RequestException fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 413 -> tooLarge();
      case 404 -> new RequestException(ErrorCode.NOT_FOUND, com.clickeen.sf.errors.Echo.of(e.getMessage()));
      case 405 -> new RequestException(ErrorCode.METHOD_NOT_ALLOWED, com.clickeen.sf.errors.Echo.of(e.getMessage()));
      default -> new RequestException(new ErrorCode(e.getStatus() >= 500 ? "INTERNAL" : "BAD_REQUEST", e.getStatus()),
          com.clickeen.sf.errors.Echo.of(e.getMessage()));
    };
  }

  private static boolean isErrorBody(Context ctx) {
    String r = ctx.result();
    return r != null && r.startsWith("{\"error\"");
  }

  /** The one exception mapper: any {@link SfException} becomes its status and the wire format's error body. */
  static void error(Context ctx, SfException e) {
    ctx.header("cache-control", "no-store");
    json(ctx, e.code().status(), ApiJson.error(e));
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(Json.bytes(body));
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

}
