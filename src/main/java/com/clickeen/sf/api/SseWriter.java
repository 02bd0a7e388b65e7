package com.clickeen.sf.api;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.DeltaSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events for a streamed execute: {@code delta} events carry the agent's text as it arrives
 * ({@link TextDeltas} picks it out of the model's raw JSON),
 * {@code restart} says the text so far is void (a retry or fallback), then one {@code result} event (the
 * validated result and usage, as the non-streamed answer) or one {@code error} event. Headers are sent
 * with the first event, so a refusal before any model text is still a plain JSON error.
 */
final class SseWriter implements DeltaSink {
  private final HttpServletResponse res;
  private OutputStream out;
  private boolean started;

  SseWriter(HttpServletResponse res) {
    this.res = res;
  }

  synchronized boolean started() {
    return started;
  }

  @Override
  public void delta(String text) {
    ObjectNode n = Json.object();
    n.put("text", text);
    event("delta", n);
  }

  @Override
  public void restart(String reason) {
    ObjectNode n = Json.object();
    n.put("reason", reason);
    event("restart", n);
  }

  synchronized void event(String name, JsonNode data) {
    try {
      if (!started) {
        res.setStatus(200);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("cache-control", "no-store");
        res.setHeader("x-accel-buffering", "no");
        String requestId = org.slf4j.MDC.get(com.clickeen.sf.logging.Logging.REQUEST_ID);
        if (requestId != null) {
          res.setHeader(AccessLog.HEADER, requestId);
        }
        out = res.getOutputStream();
        started = true;
      }
      out.write(("event: " + name + "\ndata: " + Json.text(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      res.flushBuffer();
    } catch (IOException e) {
      throw new ClientGoneException(e);
    }
  }
}
