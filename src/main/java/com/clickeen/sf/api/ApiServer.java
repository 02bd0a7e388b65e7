package com.clickeen.sf.api;

import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.agents.CapabilityDeniedException;
import com.clickeen.sf.agents.ExecuteService;
import com.clickeen.sf.agents.ProviderException;
import com.clickeen.sf.grants.BudgetExceededException;
import com.clickeen.sf.grants.GrantException;
import com.clickeen.sf.json.InvalidInputException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.learning.LearningEvents;
import com.clickeen.sf.learning.OutcomeService;
import com.clickeen.sf.metrics.Metrics;
import com.clickeen.sf.store.DurableQueue;
import com.clickeen.sf.store.Reviews;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
  private final Reviews index;
  private Javalin app;

  public ApiServer(ExecuteService execute, OutcomeService outcomes, AgentRegistry agents,
      Supplier<DurableQueue.QueueStats> queueStats, Metrics metrics, String version, LearningEvents events,
      Reviews index) {
    this.metrics = metrics;
    this.events = events;
    this.index = index;
    this.execute = execute;
    this.outcomes = outcomes;
    this.agents = agents;
    this.queueStats = queueStats;
    this.version = version;
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
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(5_000);
        // Bursts of thousands of connections (Paris behind a load balancer, the benchmarks) must queue in
        // the kernel, not be dropped: Jetty's default accept backlog is the JVM's 50.
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
            for (var connector : server.getConnectors()) {
              if (connector instanceof org.eclipse.jetty.server.ServerConnector sc) {
                sc.setAcceptQueueSize(ACCEPT_QUEUE);
              }
            }
          }
        });
      });

      config.routes.get("/healthz", this::health);
      config.routes.get("/v1/agents", this::listAgents);
      config.routes.get("/metrics", ctx -> {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.scrape());
      });
      config.routes.post("/v1/execute", this::execute);
      config.routes.post("/v1/outcome", this::outcome);
      config.routes.post("/v1/learning/outcome", this::outcome);
      config.routes.post("/v1/learning/events", this::learningEvent);
      config.routes.post("/v1/learning/review", this::review);

      config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e)));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, new ApiException(500, "INTERNAL", "internal error; see the service log"));
      });
      config.routes.error(404, ctx -> {
        if (!isErrorBody(ctx)) {
          error(ctx, new ApiException(404, "NOT_FOUND", "no route for " + ctx.method() + " " + ctx.path()));
        }
      });
      config.routes.error(405, ctx -> {
        if (!isErrorBody(ctx)) {
          error(ctx, new ApiException(405, "METHOD_NOT_ALLOWED", ctx.method() + " is not allowed on " + ctx.path()));
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

  // --- handlers ------------------------------------------------------------------------------------

  private void health(Context ctx) {
    ObjectNode body = Json.object();
    body.put("ok", true);
    body.put("service", "sanfrancisco");
    body.put("version", version);
    DurableQueue.QueueStats q = queueStats.get();
    ObjectNode queue = body.putObject("queue");
    queue.put("ready", q.ready());
    queue.put("delayedOrInFlight", q.delayedOrInFlight());
    queue.put("deadLettered", q.deadLettered());
    json(ctx, 200, body);
  }

  private void listAgents(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("agents");
    for (Agent a : agents.all()) {
      ObjectNode n = list.addObject();
      n.put("id", a.id());
      ArrayNode aliases = n.putArray("aliases");
      a.aliases().forEach(aliases::add);
      n.put("description", a.description());
      n.set("inputSchema", a.inputSchema());
      n.set("resultSchema", a.resultSchema());
      n.set("exampleInput", a.exampleInput());
    }
    json(ctx, 200, body);
  }

  private void execute(Context ctx) {
    long start = System.nanoTime();
    String agent = "unknown";
    int status = 500;
    String code = "INTERNAL";
    try {
      JsonNode body = jsonBody(ctx);
      JsonNode agentNode = body.path("agentId");
      // Only registered ids become label values: callers must not be able to create unbounded series.
      agent = agentNode.isTextual() ? agents.find(agentNode.textValue()).map(Agent::id).orElse("unknown") : "unknown";
      String accept = ctx.header("accept");
      boolean stream = body.path("stream").asBoolean(false) || (accept != null && accept.contains("text/event-stream"));
      if (stream) {
        executeStreamed(ctx, body);
      } else {
        executeChecked(ctx, body);
      }
      status = 200;
      code = "ok";
    } catch (ApiException e) {
      status = e.status();
      code = e.code();
      throw e;
    } finally {
      metrics.execute(agent, status, code, java.time.Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private void executeStreamed(Context ctx, JsonNode body) {
    ctx.disableCompression();
    SseWriter sse = new SseWriter(ctx.res());
    try {
      ObjectNode result = mapErrors(() -> execute.execute(body, sse));
      sse.event("result", result);
    } catch (ApiException e) {
      if (!sse.started()) {
        throw e; // nothing sent yet: a plain JSON error with its status
      }
      try {
        sse.event("error", errorBody(e));
      } catch (com.clickeen.sf.llm.DeltaSink.ClientGoneException gone) {
        // the client left; nothing to tell it
      }
    } catch (com.clickeen.sf.llm.DeltaSink.ClientGoneException gone) {
      LOG.debug("stream client left; upstream call cancelled");
    }
  }

  private interface ExecuteCall {
    ObjectNode run() throws InvalidInputException, GrantException, CapabilityDeniedException, BudgetExceededException,
        ProviderException;
  }

  private static ObjectNode mapErrors(ExecuteCall call) {
    try {
      return call.run();
    } catch (InvalidInputException e) {
      throw new ApiException(400, "BAD_REQUEST", e.getMessage(), e.issues(), null);
    } catch (GrantException e) {
      throw new ApiException(401, e.code(), e.getMessage());
    } catch (CapabilityDeniedException e) {
      throw new ApiException(403, "CAPABILITY_DENIED", e.getMessage());
    } catch (BudgetExceededException e) {
      throw new ApiException(429, "BUDGET_EXCEEDED", e.getMessage(), null, Map.of("budget", e.budget()));
    } catch (ProviderException e) {
      throw new ApiException(502, "PROVIDER_ERROR", e.getMessage(), e.issues(), Map.of("provider", e.provider()));
    }
  }

  private void executeChecked(Context ctx, JsonNode body) {
    json(ctx, 200, mapErrors(() -> execute.execute(body)));
  }

  private void outcome(Context ctx) {
    requireJson(ctx);
    byte[] raw = readBody(ctx);
    try {
      OutcomeService.Attached a = outcomes.attach(raw, ctx.header("x-paris-signature"));
      ObjectNode body = Json.object();
      body.put("ok", true);
      body.put("requestId", a.requestId());
      body.put("event", a.event());
      body.put("duplicate", a.duplicate());
      json(ctx, 200, body);
    } catch (OutcomeService.SignatureException e) {
      throw e.missing() ? new ApiException(401, "GRANT_INVALID", e.getMessage())
          : new ApiException(403, "CAPABILITY_DENIED", e.getMessage());
    } catch (InvalidInputException e) {
      throw new ApiException(400, "BAD_REQUEST", e.getMessage(), e.issues(), null);
    }
  }

  /** Conversion and payment events, signed like outcomes. */
  private void learningEvent(Context ctx) {
    requireJson(ctx);
    byte[] raw = readBody(ctx);
    try {
      outcomes.verify(raw, ctx.header("x-paris-signature"));
      LearningEvents.Accepted a = events.accept(raw);
      ObjectNode body = Json.object();
      body.put("ok", true);
      body.put("eventId", a.id());
      body.put("duplicate", a.duplicate());
      body.put("attributionWindowDays", events.window().toDays());
      json(ctx, a.duplicate() ? 200 : 202, body);
    } catch (OutcomeService.SignatureException e) {
      throw e.missing() ? new ApiException(401, "GRANT_INVALID", e.getMessage())
          : new ApiException(403, "CAPABILITY_DENIED", e.getMessage());
    } catch (InvalidInputException e) {
      throw new ApiException(400, "BAD_REQUEST", e.getMessage(), e.issues(), null);
    }
  }

  /**
   * Human review and user feedback (internal; the admin UI uses it), signed like outcomes:
   * {@code {interactionId, humanReview?: good|bad|golden, userFeedback?: helpful|not-helpful, taskCompleted?}}.
   */
  private void review(Context ctx) {
    requireJson(ctx);
    byte[] raw = readBody(ctx);
    try {
      outcomes.verify(raw, ctx.header("x-paris-signature"));
    } catch (OutcomeService.SignatureException e) {
      throw e.missing() ? new ApiException(401, "GRANT_INVALID", e.getMessage())
          : new ApiException(403, "CAPABILITY_DENIED", e.getMessage());
    }
    JsonNode b;
    try {
      b = Json.parse(raw);
    } catch (IOException e) {
      throw new ApiException(400, "BAD_REQUEST", "body is not valid JSON");
    }
    List<ValidationIssue> issues = new java.util.ArrayList<>();
    String id = b.path("interactionId").asText(null);
    if (id == null || !OutcomeService.ID.matcher(id).matches()) {
      issues.add(new ValidationIssue("$.interactionId", "is required (1..128 characters of [A-Za-z0-9._:-])"));
    }
    String review = b.path("humanReview").isTextual() ? b.path("humanReview").asText() : null;
    if (b.has("humanReview") && (review == null || !List.of("good", "bad", "golden").contains(review))) {
      issues.add(new ValidationIssue("$.humanReview", "must be good, bad or golden"));
    }
    String feedback = b.path("userFeedback").isTextual() ? b.path("userFeedback").asText() : null;
    if (b.has("userFeedback") && (feedback == null || !List.of("helpful", "not-helpful").contains(feedback))) {
      issues.add(new ValidationIssue("$.userFeedback", "must be helpful or not-helpful"));
    }
    Boolean task = b.path("taskCompleted").isBoolean() ? b.path("taskCompleted").asBoolean() : null;
    if (b.has("taskCompleted") && task == null) {
      issues.add(new ValidationIssue("$.taskCompleted", "must be a boolean"));
    }
    if (issues.isEmpty() && review == null && feedback == null && task == null) {
      issues.add(new ValidationIssue("$", "needs humanReview, userFeedback or taskCompleted"));
    }
    if (!issues.isEmpty()) {
      throw new ApiException(400, "BAD_REQUEST", "review body is invalid", issues, null);
    }
    if (!index.review(id, review, feedback, task)) {
      throw new ApiException(404, "NOT_FOUND", "no interaction " + id + " (it may still be in the queue)");
    }
    ObjectNode body = Json.object();
    body.put("ok", true);
    body.put("interactionId", id);
    json(ctx, 200, body);
  }

  // --- plumbing ------------------------------------------------------------------------------------

  private static void requireJson(Context ctx) {
    String ct = ctx.contentType();
    String mime = ct == null ? "" : ct.split(";", 2)[0].trim();
    if (!mime.equalsIgnoreCase("application/json")) {
      throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
          "Content-Type must be application/json (got " + (ct == null ? "none" : "'" + ct + "'") + ")");
    }
  }

  private static byte[] readBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try {
      return ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw fromJavalin(e);
    }
  }

  private static JsonNode jsonBody(Context ctx) {
    requireJson(ctx);
    byte[] raw = readBody(ctx);
    if (raw.length == 0) {
      throw new ApiException(400, "BAD_REQUEST", "body is empty; expected a JSON object", List.of(
          new ValidationIssue("$", "body is empty")), null);
    }
    try {
      return Json.parse(raw);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      int cut = msg.indexOf(" (start marker");
      msg = cut > 0 ? msg.substring(0, cut) : msg;
      if (e.getLocation() != null) {
        msg = msg + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      }
      throw new ApiException(400, "BAD_REQUEST", "body is not valid JSON: " + msg,
          List.of(new ValidationIssue("$", msg)), null);
    } catch (IOException e) {
      throw new ApiException(400, "BAD_REQUEST", "body could not be read: " + e.getMessage());
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "PAYLOAD_TOO_LARGE", "request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private static ApiException fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 413 -> tooLarge();
      case 404 -> new ApiException(404, "NOT_FOUND", e.getMessage());
      case 405 -> new ApiException(405, "METHOD_NOT_ALLOWED", e.getMessage());
      default -> new ApiException(e.getStatus(), e.getStatus() >= 500 ? "INTERNAL" : "BAD_REQUEST", e.getMessage());
    };
  }

  private static boolean isErrorBody(Context ctx) {
    String r = ctx.result();
    return r != null && r.startsWith("{\"error\"");
  }

  private static void error(Context ctx, ApiException e) {
    ctx.header("cache-control", "no-store");
    json(ctx, e.status(), errorBody(e));
  }

  static ObjectNode errorBody(ApiException e) {
    ObjectNode body = Json.object();
    ObjectNode err = body.putObject("error");
    err.put("code", e.code());
    err.put("message", e.getMessage());
    e.extra().forEach((k, v) -> err.set(k, Json.tree(v)));
    if (!e.issues().isEmpty()) {
      err.set("issues", Json.tree(e.issues()));
    }
    return body;
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
