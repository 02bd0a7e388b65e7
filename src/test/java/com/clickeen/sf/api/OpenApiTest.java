package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.errors.ErrorCode;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.OutcomeEvent;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /openapi.json}: a valid OpenAPI 3.1 document, describing exactly the routes the server has. */
class OpenApiTest {
  @TempDir
  Path dir;

  @Test
  void the_served_document_is_valid_openapi_and_documents_every_route_and_only_those() throws Exception {
    try (TestService sf = TestService.start(dir)) {
      HttpResponse<String> r = sf.get("/openapi.json");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");

      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
      assertThat(parsed.getMessages()).as("validator messages").isEmpty();
      assertThat(parsed.getOpenAPI()).isNotNull();
      assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");

      JsonNode doc = Json.parse(r.body());
      // The validator is not a rubber stamp: the same document without its info, or with a dangling $ref, fails.
      com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode) doc.deepCopy();
      broken.remove("info");
      ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/paths/~1healthz/get/responses/200/content/application~1json/schema"))
          .put("$ref", "#/components/schemas/NoSuchSchema");
      assertThat(new OpenAPIV3Parser().readContents(Json.text(broken), null, options).getMessages())
          .anyMatch(m -> m.contains("info")).anyMatch(m -> m.contains("NoSuchSchema"));
      Set<String> documented = new TreeSet<>();
      doc.path("paths").properties().forEach(p -> p.getValue().fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
      assertThat(documented).isEqualTo(new TreeSet<>(sf.app.api().routes()));

      // Every $ref points at a component that exists.
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertThat(refs).isNotEmpty();
      for (String ref : refs) {
        assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
      }
    }
  }

  @Test
  void each_agents_input_and_result_schema_is_a_component_and_bound_to_its_ids_in_execute() throws Exception {
    JsonNode doc = OpenApi.document("test", AgentRegistry.standard().all());
    JsonNode variants = doc.at("/paths/~1v1~1execute/post/requestBody/content/application~1json/schema/allOf/1/oneOf");
    assertThat(variants.size()).isEqualTo(AgentRegistry.standard().all().size());
    for (Agent a : AgentRegistry.standard().all()) {
      JsonNode input = doc.at("/components/schemas/" + a.id() + ".Input");
      // The same schema the service validates inputs with, less its $schema line.
      JsonNode expected = a.inputSchema().deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("$schema");
      assertThat(input).isEqualTo(expected);
      assertThat(doc.at("/components/schemas/" + a.id() + ".Result").isObject()).isTrue();
    }
  }

  @Test
  void the_wire_schemas_enums_match_the_codes_and_events_the_service_knows() throws Exception {
    JsonNode defs = WireSchemas.definitions();
    Set<String> codes = new TreeSet<>();
    for (Field f : ErrorCode.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == ErrorCode.class) {
        codes.add(((ErrorCode) f.get(null)).name());
      }
    }
    Set<String> documentedCodes = new TreeSet<>();
    defs.at("/Error/properties/error/properties/code/enum").forEach(n -> documentedCodes.add(n.asText()));
    assertThat(documentedCodes).isEqualTo(codes);

    Set<String> events = new TreeSet<>(Arrays.stream(OutcomeEvent.values()).map(OutcomeEvent::wire).toList());
    Set<String> documentedEvents = new TreeSet<>();
    defs.at("/Outcome/properties/event/enum").forEach(n -> documentedEvents.add(n.asText()));
    assertThat(documentedEvents).isEqualTo(events);
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, out));
    }
  }
}
