package com.clickeen.sf.learning;

import com.clickeen.sf.grants.Hmac;
import com.clickeen.sf.json.InvalidInputException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.store.OutcomeEvent;
import com.clickeen.sf.store.Outcomes;
import com.clickeen.sf.store.Outcomes.OutcomeRow;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Outcome events from Paris ({@code POST /v1/outcome}, {@code POST /v1/learning/outcome}). The body is
 * authenticated by {@code x-paris-signature} = base64url(HMAC-SHA256(secret, "outcome.v1." + raw body)),
 * checked in constant time over the exact bytes received before the body is parsed.
 */
public final class OutcomeService {
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final byte[] PREFIX = "outcome.v1.".getBytes(StandardCharsets.US_ASCII);

  private final Hmac hmac;
  private final Outcomes index;
  private final Clock clock;

  /** Signature problems: {@code missing} answers 401, a wrong signature 403. */
  public static final class SignatureException extends Exception {
    private final boolean missing;

    SignatureException(boolean missing, String message) {
      super(message, null, false, false);
      this.missing = missing;
    }

    public boolean missing() {
      return missing;
    }
  }

  public record Attached(String requestId, String event, boolean duplicate) {}

  public OutcomeService(byte[] secret, Outcomes index, Clock clock) {
    this.hmac = new Hmac(secret);
    this.index = index;
    this.clock = clock;
  }

  /** The signature Paris would send for {@code body} (CLI and tests). */
  public String sign(byte[] body) {
    return Hmac.base64Url(hmac.sign(PREFIX, body));
  }

  public Attached attach(byte[] rawBody, String signatureHeader) throws SignatureException, InvalidInputException {
    verify(rawBody, signatureHeader);
    JsonNode body;
    try {
      body = Json.parse(rawBody);
    } catch (IOException e) {
      throw InvalidInputException.of("$", "body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw InvalidInputException.of("$", "body must be a JSON object");
    }
    List<ValidationIssue> issues = new ArrayList<>();
    String requestId = id(body, "requestId", true, issues);
    String sessionId = id(body, "sessionId", true, issues);
    String event = null;
    JsonNode ev = body.get("event");
    if (ev == null || !ev.isTextual() || OutcomeEvent.fromWire(ev.textValue()).isEmpty()) {
      issues.add(new ValidationIssue("$.event", "must be one of " + OutcomeEvent.allWire()));
    } else {
      event = ev.textValue();
    }
    Long occurredAt = nonNegativeLong(body, "occurredAtMs", true, issues);
    Long ttd = nonNegativeLong(body, "timeToDecisionMs", false, issues);
    String accountHash = optionalText(body, "accountIdHash", issues);
    String workspaceHash = optionalText(body, "workspaceIdHash", issues);
    if (!issues.isEmpty()) {
      throw new InvalidInputException("outcome body is invalid", issues);
    }
    boolean inserted = index.attachOutcome(new OutcomeRow(requestId, event, sessionId, occurredAt, clock.millis(), ttd,
        accountHash, workspaceHash));
    return new Attached(requestId, event, !inserted);
  }

  /** Checks Paris's signature over a raw body (outcomes, learning events and reviews are signed alike). */
  public void verify(byte[] rawBody, String header) throws SignatureException {
    if (header == null || header.isBlank()) {
      throw new SignatureException(true, "x-paris-signature header is missing");
    }
    String sig = header.trim();
    while (sig.endsWith("=")) {
      sig = sig.substring(0, sig.length() - 1);
    }
    byte[] given = Hmac.decodeCanonicalBase64Url(sig);
    byte[] expected = hmac.sign(PREFIX, rawBody);
    if (given == null || given.length != expected.length || !MessageDigest.isEqual(expected, given)) {
      throw new SignatureException(false, "x-paris-signature does not match the body");
    }
  }

  private static String id(JsonNode body, String field, boolean required, List<ValidationIssue> issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        issues.add(new ValidationIssue("$." + field, "is required"));
      }
      return null;
    }
    if (!n.isTextual() || !ID.matcher(n.textValue()).matches()) {
      issues.add(new ValidationIssue("$." + field, "must be 1..128 characters of [A-Za-z0-9._:-]"));
      return null;
    }
    return n.textValue();
  }

  private static Long nonNegativeLong(JsonNode body, String field, boolean required, List<ValidationIssue> issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        issues.add(new ValidationIssue("$." + field, "is required"));
      }
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      issues.add(new ValidationIssue("$." + field, "must be a non-negative integer (milliseconds)"));
      return null;
    }
    return n.longValue();
  }

  private static String optionalText(JsonNode body, String field, List<ValidationIssue> issues) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.textValue().length() > 256) {
      issues.add(new ValidationIssue("$." + field, "must be a string of at most 256 characters"));
      return null;
    }
    return n.textValue();
  }
}
