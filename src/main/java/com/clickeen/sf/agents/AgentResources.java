package com.clickeen.sf.agents;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An agent's contract files on the classpath: {@code agents/<id>/input.schema.json}, ... */
record AgentResources(JsonNode inputSchema, JsonNode resultSchema, JsonNode exampleInput, String promptV1) {

  static AgentResources load(String agentId) {
    String base = "/agents/" + agentId + "/";
    try {
      return new AgentResources(
          Json.parse(read(base + "input.schema.json")),
          Json.parse(read(base + "result.schema.json")),
          Json.parse(read(base + "example.json")),
          read(base + "prompt-v1.txt").strip());
    } catch (IOException e) {
      throw new UncheckedIOException("agent " + agentId + ": a contract file is not valid JSON", e);
    }
  }

  private static String read(String path) {
    try (InputStream in = AgentResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
