package com.clickeen.sf.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;

/** A compiled JSON Schema (draft 2020-12). Thread-safe; compile once, validate often. */
public final class SchemaValidator {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final JsonNode schemaNode;
  private final Schema schema;

  private SchemaValidator(JsonNode schemaNode) {
    this.schemaNode = schemaNode;
    this.schema = REGISTRY.getSchema(schemaNode);
  }

  public static SchemaValidator of(JsonNode schema) {
    return new SchemaValidator(schema);
  }

  public JsonNode schema() {
    return schemaNode;
  }

  /**
   * Issues found in {@code document}; their paths are prefixed with {@code pathPrefix} (e.g. "$.input").
   * Empty when valid.
   */
  public List<ValidationIssue> validate(JsonNode document, String pathPrefix) {
    List<Error> errors = schema.validate(document);
    List<ValidationIssue> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      String loc = e.getInstanceLocation() == null ? "$" : e.getInstanceLocation().toString();
      String path = loc.startsWith("$") ? pathPrefix + loc.substring(1) : pathPrefix + "." + loc;
      String msg = e.getMessage();
      // The library prefixes messages with the location; the path is already in its own field.
      if (msg != null && msg.startsWith(loc + ": ")) {
        msg = msg.substring(loc.length() + 2);
      }
      out.add(new ValidationIssue(path, msg));
    }
    return out;
  }
}
