package com.clickeen.sf.api;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of every body outside the agents' own ({@code api/wire.schema.json}): what the request
 * bodies are validated against and what {@code GET /openapi.json} publishes, so the two cannot drift. A body's
 * JSON types are checked here (a field of the wrong type is named as malformed); the domain services check
 * values with the messages callers read, and {@code WireSchemasTest} holds both to the same verdicts.
 */
final class WireSchemas {
  static final String RESOURCE = "api/wire.schema.json";
  private static final JsonNode DOCUMENT = load();
  private static final Map<String, SchemaValidator> VALIDATORS = new ConcurrentHashMap<>();

  private WireSchemas() {}

  /** The definitions by name ({@code ExecuteRequest}, {@code Outcome}, {@code Error}, …). */
  static ObjectNode definitions() {
    return (ObjectNode) DOCUMENT.path("$defs").deepCopy();
  }

  /** A validator for one definition (its references to the others resolve). */
  static SchemaValidator validator(String definition) {
    if (!DOCUMENT.path("$defs").has(definition)) {
      throw new IllegalArgumentException("no definition " + definition + " in " + RESOURCE);
    }
    return VALIDATORS.computeIfAbsent(definition, d -> {
      ObjectNode schema = Json.object();
      schema.put("$schema", DOCUMENT.path("$schema").asText());
      schema.put("$ref", "#/$defs/" + d);
      schema.set("$defs", DOCUMENT.path("$defs").deepCopy());
      return SchemaValidator.of(schema);
    });
  }

  /** Fields of {@code body} whose JSON type the definition does not allow (dotted paths, JSON nulls left out). */
  static Set<String> wrongTypes(String definition, JsonNode body) {
    return validator(definition).typeMismatches(body);
  }

  private static JsonNode load() {
    try (InputStream in = WireSchemas.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
