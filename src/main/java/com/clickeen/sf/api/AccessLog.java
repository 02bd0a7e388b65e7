package com.clickeen.sf.api;

import com.clickeen.sf.errors.Echo;
import com.clickeen.sf.logging.Logging;
import com.clickeen.sf.store.RequestIds;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per HTTP request, written when the answer has gone out: method, route, status, latency, agent,
 * request id and the grant's subject kind (logger {@code access}; with {@code SF_LOG_FORMAT=json} the fields are
 * also separate keys). The request id is the caller's {@code x-request-id} when it is a valid id, else a new
 * one; an execute names itself by its own request id once it has one. The id is in the MDC from the first
 * handler to this line, so every line logged meanwhile carries it, and it is sent back as {@code x-request-id}.
 */
final class AccessLog {
  static final String HEADER = "x-request-id";
  static final String AGENT = "agent";
  private static final Logger LOG = LoggerFactory.getLogger("access");

  private AccessLog() {}

  /** Before anything else: opens the request's log context. */
  static void begin(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && RequestIds.valid(given) ? given : UUID.randomUUID().toString();
    Logging.beginRequest(id);
    ctx.header(HEADER, id);
  }

  /** After the handlers: the answer names the request id the execute settled on. */
  static void name(Context ctx) {
    String id = MDC.get(Logging.REQUEST_ID);
    if (id != null && !ctx.res().isCommitted()) {
      ctx.header(HEADER, id);
    }
  }

  /** The access line, then the request's log context is closed. */
  static void log(Context ctx, Float millis) {
    try {
      String route = route(ctx);
      int status = ctx.statusCode();
      long ms = millis == null ? 0 : Math.round(millis.doubleValue());
      String agent = orDash(MDC.get(AGENT));
      String subject = orDash(MDC.get(Logging.SUBJECT_KIND));
      String requestId = orDash(MDC.get(Logging.REQUEST_ID));
      LOG.atInfo()
          .addKeyValue("method", ctx.method().name())
          .addKeyValue("route", route)
          .addKeyValue("status", status)
          .addKeyValue("latencyMs", ms)
          .addKeyValue(AGENT, agent)
          .addKeyValue(Logging.REQUEST_ID, requestId)
          .addKeyValue(Logging.SUBJECT_KIND, subject)
          .log("{} {} {} {}ms agent={} subject={} requestId={}", ctx.method().name(), route, status, ms, agent, subject,
              requestId);
    } finally {
      Logging.endRequest();
    }
  }

  /** The matched route's path (e.g. {@code /v1/execute}); a request no route matched shows its own path, cut short. */
  private static String route(Context ctx) {
    Endpoint matched = null;
    try {
      matched = ctx.endpoints().matchedHttpEndpoint();
    } catch (RuntimeException none) {
      // no route matched
    }
    return matched != null ? matched.path : Echo.of(ctx.path());
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
