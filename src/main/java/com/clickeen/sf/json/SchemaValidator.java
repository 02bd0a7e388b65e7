package com.clickeen.sf.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
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
   * Where {@code document} has a value of the wrong JSON type ({@code type} keyword), as dotted paths from the
   * root ({@code "stream"}, {@code "trace.requestId"}); JSON nulls are left out (callers read them as absent).
   */
  public java.util.Set<String> typeMismatches(JsonNode document) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (Error e : schema.validate(document)) {
      if (!"type".equals(e.getKeyword()) || (e.getInstanceNode() != null && e.getInstanceNode().isNull())) {
        continue;
      }
      StringBuilder path = new StringBuilder();
      NodePath loc = e.getInstanceLocation();
      for (int i = 0; loc != null && i < loc.getNameCount(); i++) {
        Object el = loc.getElement(i);
        if (el instanceof Integer index) {
          path.append('[').append(index).append(']');
        } else {
          path.append(path.isEmpty() ? "" : ".").append(el);
        }
      }
      out.add(path.toString());
    }
    return out;
  }

  /**
   * Issues found in {@code document}; their paths are prefixed with {@code pathPrefix} (e.g. "$.input").
   * Empty when valid.
   */
  public List<ValidationIssue> validate(JsonNode document, String pathPrefix) {
    List<Error> errors = schema.validate(document);
    List<ValidationIssue> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      StringBuilder path = new StringBuilder(pathPrefix);
      NodePath loc = e.getInstanceLocation();
      for (int i = 0; loc != null && i < loc.getNameCount(); i++) {
        Object el = loc.getElement(i);
        if (el instanceof Integer index) {
          path.append('[').append(index).append(']');
        } else {
          path.append('.').append(el);
        }
      }
      // A missing required property is reported on its parent; name the property itself.
      if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
        path.append('.').append(e.getProperty());
      }
      String msg = e.getMessage();
      int colon = msg == null ? -1 : msg.indexOf(": ");
      if (colon > 0 && msg.substring(0, colon).matches("[$/][^ ]*")) {
        msg = msg.substring(colon + 2);
      }
      out.add(new ValidationIssue(path.toString(), msg));
    }
    return out;
  }
}
