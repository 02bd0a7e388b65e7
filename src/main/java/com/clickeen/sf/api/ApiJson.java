package com.clickeen.sf.api;

import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.agents.ExecuteRequest;
import com.clickeen.sf.agents.ExecuteResult;
import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.SfException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.learning.EventRequest;
import com.clickeen.sf.learning.LearningEvents;
import com.clickeen.sf.learning.OutcomeRequest;
import com.clickeen.sf.learning.OutcomeService;
import com.clickeen.sf.learning.ReviewRequest;
import com.clickeen.sf.store.DurableQueue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The wire shapes of docs/WIRE-FORMATS.md, in one codec (their JSON types checked against api/wire.schema.json): request bodies are bound to the domain's request records
 * (JSON types only; the domain services validate values and report every problem of a body together), and
 * domain answers and errors are rendered as the JSON callers read. Field order is part of the format.
 */
final class ApiJson {
  private ApiJson() {}

  // --- requests ------------------------------------------------------------------------------------

  /** The execute body as JSON; an empty or unparsable body is a BAD_REQUEST naming where it broke. */
  static JsonNode executeBody(byte[] raw) throws InvalidInputException {
    if (raw.length == 0) {
      throw new InvalidInputException("body is empty; expected a JSON object",
          List.of(new ValidationIssue("$", "body is empty")));
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
      throw new InvalidInputException("body is not valid JSON: " + msg, List.of(new ValidationIssue("$", msg)));
    } catch (IOException e) {
      throw new InvalidInputException("body could not be read: " + e.getMessage(), List.of());
    }
  }

  /** {@code {grant, agentId, input, trace?: {requestId?, client?, locale?}, stream?}}. */
  static ExecuteRequest executeRequest(JsonNode body) throws InvalidInputException {
    if (body == null || !body.isObject()) {
      throw InvalidInputException.of("$", "body must be a JSON object {grant, agentId, input, trace?}");
    }
    Set<String> malformed = new HashSet<>(WireSchemas.wrongTypes("ExecuteRequest", body));
    String grant = text(body, "grant", malformed);
    JsonNode agentId = body.get("agentId");
    JsonNode input = body.get("input");
    JsonNode trace = body.get("trace");
    ExecuteRequest.Trace t = null;
    if (trace != null && trace.isObject()) {
      t = new ExecuteRequest.Trace(textIn(trace, "requestId", "trace.requestId", malformed),
          textIn(trace, "locale", "trace.locale", malformed));
    } else if (trace != null && !trace.isNull()) {
      malformed.add("trace");
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      malformed.add("stream");
    }
    return new ExecuteRequest(grant, agentId != null && agentId.isTextual() ? agentId.textValue() : null,
        input != null && input.isObject() ? input : null, t, stream != null && stream.isBoolean() && stream.booleanValue(), malformed);
  }

  /**
   * {@code {requestId, sessionId, event, occurredAtMs, timeToDecisionMs?, accountIdHash?, workspaceIdHash?}}, or
   * the same object wrapped as Paris posts it since February 2026: {@code {"command": "ai.outcome.attach",
   * "payload": {…}}} (the signature covers the whole body either way).
   */
  static OutcomeRequest outcomeRequest(byte[] raw) throws InvalidInputException {
    JsonNode b = signedBody(raw, "body must be a JSON object");
    if (b.has("command") || b.has("payload")) {
      if (!"ai.outcome.attach".equals(b.path("command").asText(null))) {
        throw InvalidInputException.of("$.command", "must be \"ai.outcome.attach\" (or send the outcome unwrapped)");
      }
      if (!b.path("payload").isObject()) {
        throw InvalidInputException.of("$.payload", "must be the outcome object");
      }
      b = b.path("payload");
    }
    Set<String> malformed = new HashSet<>(WireSchemas.wrongTypes("Outcome", b));
    return new OutcomeRequest(text(b, "requestId", malformed), text(b, "sessionId", malformed),
        text(b, "event", malformed), integer(b, "occurredAtMs", malformed), integer(b, "timeToDecisionMs", malformed),
        text(b, "accountIdHash", malformed), text(b, "workspaceIdHash", malformed), malformed);
  }

  /** {@code {type, sessionId?, userId?, occurredAtMs}}. */
  static EventRequest eventRequest(byte[] raw) throws InvalidInputException {
    JsonNode b = signedBody(raw, "body must be a JSON object {type, sessionId?, userId?, occurredAtMs}");
    Set<String> malformed = new HashSet<>(WireSchemas.wrongTypes("EventRequest", b));
    return new EventRequest(textOrNull(b, "type"), text(b, "sessionId", malformed), text(b, "userId", malformed),
        integer(b, "occurredAtMs", malformed), malformed);
  }

  /**
   * {@code {interactionId, humanReview?, userFeedback?, taskCompleted?}}. Here a field given as JSON null counts
   * as given (and malformed); {@code interactionId} is a string, or a number read as its digits.
   */
  static ReviewRequest reviewRequest(byte[] raw) throws InvalidInputException {
    JsonNode b;
    try {
      b = Json.parse(raw);
    } catch (IOException e) {
      throw new InvalidInputException("body is not valid JSON", List.of());
    }
    Set<String> malformed = b != null && b.isObject() ? new HashSet<>(WireSchemas.wrongTypes("ReviewRequest", b))
        : new HashSet<>();
    Boolean task = null;
    if (b.has("taskCompleted")) {
      if (b.path("taskCompleted").isBoolean()) {
        task = b.path("taskCompleted").asBoolean();
      } else {
        malformed.add("taskCompleted");
      }
    }
    String interactionId = malformed.contains("interactionId") ? null : b.path("interactionId").asText(null);
    return new ReviewRequest(interactionId, givenText(b, "humanReview", malformed),
        givenText(b, "userFeedback", malformed), task, malformed);
  }

  private static JsonNode signedBody(byte[] raw, String notAnObject) throws InvalidInputException {
    JsonNode b;
    try {
      b = Json.parse(raw);
    } catch (IOException e) {
      throw InvalidInputException.of("$", "body is not valid JSON");
    }
    if (b == null || !b.isObject()) {
      throw InvalidInputException.of("$", notAnObject);
    }
    return b;
  }

  /** A string field of a nested object, named {@code name} in {@code malformed} when it has another JSON type. */
  private static String textIn(JsonNode parent, String field, String name, Set<String> malformed) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      malformed.add(name);
      return null;
    }
    return v.textValue();
  }

  /** A string field: absent or JSON null is null; any other non-string is null and malformed. */
  private static String text(JsonNode body, String field, Set<String> malformed) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      malformed.add(field);
      return null;
    }
    return n.textValue();
  }

  /** A string field where JSON null counts as given: only an absent field is null without being malformed. */
  private static String givenText(JsonNode body, String field, Set<String> malformed) {
    if (body.has(field) && !body.path(field).isTextual()) {
      malformed.add(field);
    }
    return body.path(field).isTextual() ? body.path(field).asText() : null;
  }

  /** An integer field (a long): absent or JSON null is null; anything else but a long is null and malformed. */
  private static Long integer(JsonNode body, String field, Set<String> malformed) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      malformed.add(field);
      return null;
    }
    return n.longValue();
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  // --- answers -------------------------------------------------------------------------------------

  /** {@code {requestId, agentId, result, usage: {...}, prompt: {id, version}}}. */
  static ObjectNode executeResult(ExecuteResult r) {
    ObjectNode response = Json.object();
    response.put("requestId", r.requestId());
    response.put("agentId", r.agentId());
    response.set("result", r.result());
    ExecuteResult.Usage u = r.usage();
    ObjectNode usage = response.putObject("usage");
    usage.put("provider", u.provider());
    usage.put("model", u.model());
    usage.put("promptTokens", u.promptTokens());
    usage.put("completionTokens", u.completionTokens());
    usage.put("tokens", u.tokens());
    usage.put("tokensReported", u.tokensReported());
    usage.put("costUsd", u.costUsd());
    usage.put("latencyMs", u.latencyMs());
    ObjectNode meta = response.putObject("prompt");
    meta.put("id", r.prompt().id());
    meta.put("version", r.prompt().version());
    return response;
  }

  static ObjectNode outcomeAttached(OutcomeService.Attached a) {
    ObjectNode body = ok();
    body.put("requestId", a.requestId());
    body.put("event", a.event());
    body.put("duplicate", a.duplicate());
    body.put("matched", a.matched());
    body.put("pending", a.pending());
    return body;
  }

  static ObjectNode eventAccepted(LearningEvents.Accepted a, Duration window) {
    ObjectNode body = ok();
    body.put("eventId", a.id());
    body.put("duplicate", a.duplicate());
    body.put("attributionWindowDays", window.toDays());
    return body;
  }

  static ObjectNode reviewed(String interactionId) {
    ObjectNode body = ok();
    body.put("interactionId", interactionId);
    return body;
  }

  static ObjectNode health(String version, DurableQueue.QueueStats q) {
    ObjectNode body = ok();
    body.put("service", "sanfrancisco");
    body.put("version", version);
    ObjectNode queue = body.putObject("queue");
    queue.put("ready", q.ready());
    queue.put("delayedOrInFlight", q.delayedOrInFlight());
    queue.put("deadLettered", q.deadLettered());
    return body;
  }

  static ObjectNode agents(List<Agent> all) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("agents");
    for (Agent a : all) {
      ObjectNode n = list.addObject();
      n.put("id", a.id());
      ArrayNode aliases = n.putArray("aliases");
      a.aliases().forEach(aliases::add);
      n.put("description", a.description());
      n.set("inputSchema", a.inputSchema());
      n.set("resultSchema", a.resultSchema());
      n.set("exampleInput", a.exampleInput());
    }
    return body;
  }

  /** {@code {"error": {code, message, ...details, issues?}}}: the one error shape of every endpoint. */
  static ObjectNode error(SfException e) {
    ObjectNode body = Json.object();
    ObjectNode err = body.putObject("error");
    err.put("code", e.code().name());
    err.put("message", e.getMessage());
    e.details().forEach((k, v) -> err.set(k, Json.tree(v)));
    if (!e.issues().isEmpty()) {
      err.set("issues", Json.tree(e.issues()));
    }
    return body;
  }

  private static ObjectNode ok() {
    ObjectNode body = Json.object();
    body.put("ok", true);
    return body;
  }
}
