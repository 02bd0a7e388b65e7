package com.clickeen.sf.api;

import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document served at {@code GET /openapi.json}, generated from the schemas the service
 * validates with: {@code api/wire.schema.json} ({@link WireSchemas}) for the envelopes, outcomes, events,
 * reviews and errors, and each agent's input and result schema. {@code OpenApiTest} validates it and checks
 * that its paths are exactly the routes the server has.
 */
final class OpenApi {
  private static final String SCHEMAS = "#/components/schemas/";
  private static final String SIGNED = "parisSignature";

  private OpenApi() {}

  static ObjectNode document(String version, List<Agent> agents) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.1.0");
    doc.put("jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema");
    ObjectNode info = doc.putObject("info");
    info.put("title", "San Francisco");
    info.put("version", version);
    info.put("description", "Clickeen's AI workforce: agents behind POST /v1/execute, authorised by an HMAC-signed AI "
        + "Grant; outcomes, conversions and reviews feed the learning loop. Every error is the Error shape. "
        + "docs/WIRE-FORMATS.md in the repository explains each body.");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    WireSchemas.definitions().properties().forEach(e -> schemas.set(e.getKey(), rewriteRefs(e.getValue(), SCHEMAS)));
    for (Agent a : agents) {
      schemas.set(a.id() + ".Input", embedded(a.inputSchema(), a.id() + ".Input"));
      schemas.set(a.id() + ".Result", embedded(a.resultSchema(), a.id() + ".Result"));
    }
    ObjectNode signed = components.putObject("securitySchemes").putObject(SIGNED);
    signed.put("type", "apiKey");
    signed.put("in", "header");
    signed.put("name", "x-paris-signature");
    signed.put("description", "base64url(HMAC-SHA256(AI_GRANT_HMAC_SECRET, \"outcome.v1.\" + the exact body bytes)). "
        + "Missing: 401 GRANT_INVALID; wrong: 403.");

    ObjectNode paths = doc.putObject("paths");
    get(paths, "/healthz", "health", "Liveness and the durable queue's backlog (no auth).", json(ref("Health")));
    get(paths, "/v1/agents", "listAgents", "Each agent's id, aliases, description, input and result schemas and an "
        + "example input.", json(ref("AgentList")));
    get(paths, "/metrics", "metrics", "Prometheus text format: executes, errors, model calls, tokens, cost, latency, "
        + "unmatched outcomes.", content("text/plain", Json.object().put("type", "string")));
    get(paths, "/openapi.json", "openApi", "This document.", json(Json.object().put("type", "object")));

    ObjectNode execute = post(paths, "/v1/execute", "execute", "Run an agent. With \"stream\": true (or Accept: "
        + "text/event-stream) the answer is Server-Sent Events: delta events carry the agent's user-facing text "
        + "(StreamDelta), restart voids it (StreamRestart), then one result event (ExecuteResponse) or one error event "
        + "(Error). A refusal before any text is a plain JSON error.", byAgent(agents, "ExecuteRequest", "input", ".Input"),
        false);
    ObjectNode ok = response(execute, "200", "The validated result (or the event stream).");
    ok.set("content", Json.object()
        .<ObjectNode>set("application/json", Json.object().set("schema", byAgent(agents, "ExecuteResponse", "result",
            ".Result")))
        .set("text/event-stream", Json.object().set("schema", Json.object().put("type", "string")
            .put("description", "event: delta|restart|result|error, data: StreamDelta|StreamRestart|ExecuteResponse|Error"))));
    errors(execute, Map.of("400", "Invalid body or input (issues name each problem).", "401", "Missing, bad or expired "
        + "grant.", "403", "The grant lacks the agent's capability, or the agent is unknown.", "409", "trace.requestId "
        + "already used.", "413", "Body over 256 KiB.", "415", "Not application/json.", "429", "A budget is spent "
        + "(error.budget) or too many executes in flight for the subject.", "502", "The model providers failed "
        + "(error.provider), or the answer stayed invalid after one repair (issues)."));

    for (String path : List.of("/v1/outcome", "/v1/learning/outcome")) {
      ObjectNode op = post(paths, path, path.equals("/v1/outcome") ? "attachOutcome" : "attachLearningOutcome",
          "Attach what the user did after an answer, once per (requestId, event). An outcome for a requestId not "
          + "indexed (yet) is kept and answered matched: false, pending: true.", ref("OutcomeRequest"), true);
      response(op, "200", "Attached, a duplicate, or pending.").set("content", json(ref("OutcomeResponse")));
      errors(op, signedErrors());
    }
    ObjectNode events = post(paths, "/v1/learning/events", "learningEvent", "A conversion or payment of a subject; "
        + "attributed to its interactions in the attribution window.", ref("EventRequest"), true);
    response(events, "202", "Stored and queued for attribution.").set("content", json(ref("EventResponse")));
    response(events, "200", "A repeat of a stored event (duplicate: true).").set("content", json(ref("EventResponse")));
    errors(events, signedErrors());
    ObjectNode review = post(paths, "/v1/learning/review", "review", "Human review and user feedback on one "
        + "interaction.", ref("ReviewRequest"), true);
    response(review, "200", "Stored.").set("content", json(ref("ReviewResponse")));
    Map<String, String> reviewErrors = new java.util.TreeMap<>(signedErrors());
    reviewErrors.put("404", "No such interaction in the index (it may still be in the queue).");
    errors(review, reviewErrors);
    return doc;
  }

  /** The envelope, with {@code field} bound to each agent's schema by {@code agentId} (its id or an alias). */
  private static ObjectNode byAgent(List<Agent> agents, String envelope, String field, String suffix) {
    ArrayNode variants = Json.mapper().createArrayNode();
    for (Agent a : agents) {
      ObjectNode v = variants.addObject();
      ObjectNode props = v.putObject("properties");
      ArrayNode ids = props.putObject("agentId").putArray("enum");
      ids.add(a.id());
      a.aliases().forEach(ids::add);
      props.set(field, ref(a.id() + suffix));
    }
    ObjectNode schema = Json.object();
    ArrayNode all = schema.putArray("allOf");
    all.add(ref(envelope));
    all.addObject().set("oneOf", variants);
    return schema;
  }

  private static Map<String, String> signedErrors() {
    return Map.of("400", "Invalid body (issues name each problem).", "401", "x-paris-signature missing.", "403",
        "x-paris-signature does not match the body.", "413", "Body over 256 KiB.", "415", "Not application/json.");
  }

  private static void get(ObjectNode paths, String path, String id, String summary, ObjectNode content) {
    ObjectNode op = paths.putObject(path).putObject("get");
    op.put("operationId", id);
    op.put("summary", summary);
    response(op, "200", summary).set("content", content);
  }

  private static ObjectNode post(ObjectNode paths, String path, String id, String summary, JsonNode body, boolean signed) {
    ObjectNode op = paths.putObject(path).putObject("post");
    op.put("operationId", id);
    op.put("summary", summary);
    ObjectNode request = op.putObject("requestBody");
    request.put("required", true);
    request.set("content", json(body));
    if (signed) {
      op.putArray("security").addObject().putArray(SIGNED);
    }
    return op;
  }

  private static ObjectNode response(ObjectNode op, String status, String description) {
    ObjectNode r = op.withObjectProperty("responses").putObject(status);
    r.put("description", description);
    return r;
  }

  private static void errors(ObjectNode op, Map<String, String> byStatus) {
    new java.util.TreeMap<>(byStatus).forEach((status, description) ->
        response(op, status, description).set("content", json(ref("Error"))));
  }

  private static ObjectNode json(JsonNode schema) {
    return content("application/json", schema);
  }

  private static ObjectNode content(String mediaType, JsonNode schema) {
    ObjectNode c = Json.object();
    c.putObject(mediaType).set("schema", schema);
    return c;
  }

  private static ObjectNode ref(String name) {
    return Json.object().put("$ref", SCHEMAS + name);
  }

  /** An agent's schema as a component: without {@code $schema}/{@code $id}, its local references re-rooted. */
  private static JsonNode embedded(JsonNode schema, String name) {
    ObjectNode copy = schema.deepCopy();
    copy.remove("$schema");
    copy.remove("$id");
    return rewriteRefs(copy, SCHEMAS + name + "/");
  }

  /** {@code "#/$defs/X"} (or any {@code "#/…"}) becomes {@code base + "X"} / {@code base + "…"}. */
  private static JsonNode rewriteRefs(JsonNode node, String base) {
    JsonNode copy = node.deepCopy();
    rewrite(copy, base);
    return copy;
  }

  private static void rewrite(JsonNode node, String base) {
    if (node instanceof ObjectNode o) {
      JsonNode r = o.get("$ref");
      if (r != null && r.isTextual() && r.asText().startsWith("#/")) {
        String target = r.asText();
        o.put("$ref", base.equals(SCHEMAS) && target.startsWith("#/$defs/") ? SCHEMAS + target.substring(8)
            : base + target.substring(2));
      }
      o.properties().forEach(e -> rewrite(e.getValue(), base));
    } else if (node instanceof ArrayNode a) {
      a.forEach(n -> rewrite(n, base));
    }
  }
}
