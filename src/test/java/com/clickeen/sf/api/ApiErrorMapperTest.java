package com.clickeen.sf.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.agents.ExecuteRequest;
import com.clickeen.sf.agents.ExecuteResult;
import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.CapabilityDeniedException;
import com.clickeen.sf.errors.ErrorCode;
import com.clickeen.sf.errors.GrantException;
import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.NotFoundException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.errors.RequestException;
import com.clickeen.sf.errors.SfException;
import com.clickeen.sf.errors.SignatureException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.ValidationIssue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one exception mapper and the execute shapes of {@link ApiJson}, checked as exact wire text. */
class ApiErrorMapperTest {

  static void assertMapped(SfException e, int status, String json) {
    assertThat(e.code().status()).isEqualTo(status);
    assertThat(Json.text(ApiJson.error(e))).isEqualTo(json);
  }

  @Test
  void every_domain_error_maps_to_the_status_and_code_of_the_wire_table() {
    assertMapped(new InvalidInputException("execute body is invalid", List.of(new ValidationIssue("$.agentId", "is required"))),
        400, "{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"execute body is invalid\","
            + "\"issues\":[{\"path\":\"$.agentId\",\"message\":\"is required\"}]}}");
    assertMapped(GrantException.invalid("grant is missing"), 401,
        "{\"error\":{\"code\":\"GRANT_INVALID\",\"message\":\"grant is missing\"}}");
    assertMapped(GrantException.expired("grant expired"), 401,
        "{\"error\":{\"code\":\"GRANT_EXPIRED\",\"message\":\"grant expired\"}}");
    assertMapped(new CapabilityDeniedException("grant lacks capability agent:x"), 403,
        "{\"error\":{\"code\":\"CAPABILITY_DENIED\",\"message\":\"grant lacks capability agent:x\"}}");
    assertMapped(new BudgetExceededException("maxTokens", "no tokens left"), 429,
        "{\"error\":{\"code\":\"BUDGET_EXCEEDED\",\"message\":\"no tokens left\",\"budget\":\"maxTokens\"}}");
    assertMapped(new ProviderException("openai", "bad answer", List.of(new ValidationIssue("$.message", "is required")),
        null), 502, "{\"error\":{\"code\":\"PROVIDER_ERROR\",\"message\":\"bad answer\",\"provider\":\"openai\","
            + "\"issues\":[{\"path\":\"$.message\",\"message\":\"is required\"}]}}");
    assertMapped(new ProviderException("deepseek", "timed out", List.of(), null), 502,
        "{\"error\":{\"code\":\"PROVIDER_ERROR\",\"message\":\"timed out\",\"provider\":\"deepseek\"}}");
    assertMapped(new NotFoundException("no interaction x"), 404,
        "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no interaction x\"}}");
  }

  @Test
  void a_missing_signature_is_401_GRANT_INVALID_and_a_wrong_one_403_CAPABILITY_DENIED() {
    assertMapped(SignatureException.missing("x-paris-signature header is missing"), 401,
        "{\"error\":{\"code\":\"GRANT_INVALID\",\"message\":\"x-paris-signature header is missing\"}}");
    assertMapped(SignatureException.mismatch("x-paris-signature does not match the body"), 403,
        "{\"error\":{\"code\":\"CAPABILITY_DENIED\",\"message\":\"x-paris-signature does not match the body\"}}");
  }

  @Test
  void transport_refusals_use_the_same_shape() {
    assertMapped(new RequestException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json (got none)"),
        415, "{\"error\":{\"code\":\"UNSUPPORTED_MEDIA_TYPE\",\"message\":\"Content-Type must be application/json (got none)\"}}");
    assertMapped(new RequestException(ErrorCode.PAYLOAD_TOO_LARGE, "too large"), 413,
        "{\"error\":{\"code\":\"PAYLOAD_TOO_LARGE\",\"message\":\"too large\"}}");
    assertMapped(new RequestException(ErrorCode.METHOD_NOT_ALLOWED, "GET is not allowed on /v1/execute"), 405,
        "{\"error\":{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"GET is not allowed on /v1/execute\"}}");
    assertMapped(new RequestException(ErrorCode.INTERNAL, "internal error; see the service log"), 500,
        "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"internal error; see the service log\"}}");
  }

  @Test
  void an_execute_result_renders_in_wire_order_with_unreported_tokens_as_null() throws Exception {
    ExecuteResult r = new ExecuteResult("r-1", "sdr.copilot", Json.parse("{\"message\":\"hi\",\"next\":\"end\"}"),
        new ExecuteResult.Usage("openai", "gpt-x", null, null, null, false, 0.0, 12),
        new ExecuteResult.PromptRef("sdr.copilot@v1", 1));
    assertThat(Json.text(ApiJson.executeResult(r))).isEqualTo("{\"requestId\":\"r-1\",\"agentId\":\"sdr.copilot\","
        + "\"result\":{\"message\":\"hi\",\"next\":\"end\"},\"usage\":{\"provider\":\"openai\",\"model\":\"gpt-x\","
        + "\"promptTokens\":null,\"completionTokens\":null,\"tokens\":null,\"tokensReported\":false,\"costUsd\":0.0,"
        + "\"latencyMs\":12},\"prompt\":{\"id\":\"sdr.copilot@v1\",\"version\":1}}");
  }

  @Test
  void an_execute_body_binds_wrong_json_types_as_malformed_for_the_service_to_report() throws Exception {
    ExecuteRequest r = ApiJson.executeRequest(ApiJson.executeBody(
        "{\"grant\":5,\"agentId\":\"sdr.copilot\",\"input\":{},\"trace\":\"t\",\"stream\":\"yes\"}"
            .getBytes(StandardCharsets.UTF_8)));
    assertThat(r.malformed()).isEqualTo(Set.of("grant", "trace", "stream"));
    assertThat(r.grant()).isNull();
    assertThat(r.stream()).isFalse();
    ExecuteRequest ok = ApiJson.executeRequest(Json.parse(
        "{\"grant\":\"g\",\"agentId\":\"a\",\"input\":{\"x\":1},\"trace\":{\"requestId\":\"r\",\"locale\":\"de\"},\"stream\":true}"));
    assertThat(ok).isEqualTo(new ExecuteRequest("g", "a", Json.parse("{\"x\":1}"), new ExecuteRequest.Trace("r", "de"),
        true, Set.of()));
  }
}
