package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.agents.ExecuteRequest;
import com.clickeen.sf.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the execute body's parsing: any bytes are a request or a 400, never anything else. */
class ExecuteBodyProperties {

  @Property(tries = 2000)
  void any_bytes_are_a_request_or_an_InvalidInputException(@ForAll byte[] body) {
    parse(body);
  }

  @Property(tries = 3000)
  void any_json_object_with_the_execute_fields_is_a_request_or_an_InvalidInputException(@ForAll("bodies") String body) {
    ExecuteRequest r = parse(body.getBytes(StandardCharsets.UTF_8));
    if (r != null) {
      assertThat(r.malformed()).allMatch(m -> m.matches("grant|trace|trace\\.requestId|trace\\.locale|stream"));
      if (r.input() != null) {
        assertThat(r.input().isObject()).isTrue();
      }
    }
  }

  static ExecuteRequest parse(byte[] body) {
    try {
      return ApiJson.executeRequest(ApiJson.executeBody(body));
    } catch (InvalidInputException e) {
      assertThat(e.code().status()).isEqualTo(400);
      assertThat(e.issues()).isNotEmpty();
      return null;
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("null", "true", "7", "-0.5", "[]", "[1,{}]", "{}", "\"\"", "\"v1.a.b\"", "\"sdr.copilot\"",
            "{\"sessionId\":\"s\",\"message\":\"hi\"}", "{\"requestId\":7}", "{\"requestId\":\"..\"}",
            "{\"locale\":[\"fr\"]}", "{\"requestId\":\"ok-1\",\"locale\":\"fr\"}", "\"" + "x".repeat(3000) + "\""),
        Arbitraries.strings().ofMaxLength(40).map(GrantCodecPropertiesQuote::quote));
    Arbitrary<String> field = Combinators.combine(
        Arbitraries.of("grant", "agentId", "input", "trace", "stream", "extra"), value)
        .as((k, v) -> "\"" + k + "\":" + v);
    return field.list().ofMaxSize(8).map(fs -> "{" + String.join(",", fs) + "}");
  }

  /** JSON string quoting for generated text. */
  static final class GrantCodecPropertiesQuote {
    static String quote(String s) {
      return com.clickeen.sf.json.Json.text(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }
  }
}
