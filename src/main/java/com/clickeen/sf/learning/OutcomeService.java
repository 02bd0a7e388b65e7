package com.clickeen.sf.learning;

import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.SignatureException;
import com.clickeen.sf.grants.Hmac;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.store.OutcomeEvent;
import com.clickeen.sf.store.Outcomes;
import com.clickeen.sf.store.Outcomes.OutcomeRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Outcome events from Paris ({@code POST /v1/outcome}, {@code POST /v1/learning/outcome}). The body is
 * authenticated by {@code x-paris-signature} = base64url(HMAC-SHA256(secret, "outcome.v1." + raw body)),
 * checked in constant time over the exact bytes received ({@link #verify}, by the API before it parses the body).
 */
public final class OutcomeService {
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final byte[] PREFIX = "outcome.v1.".getBytes(StandardCharsets.US_ASCII);

  private final Hmac hmac;
  private final Outcomes index;
  private final Clock clock;
  private final Predicate<String> indexed;

  /**
   * @param matched whether an interaction with the outcome's request id is in the index; when it is not (a typo,
   *     or an interaction still on its way from the queue) the outcome is kept all the same and said to be pending
   */
  public record Attached(String requestId, String event, boolean duplicate, boolean matched) {
    public boolean pending() {
      return !matched;
    }
  }

  /** {@code indexed} tells whether an interaction id is in the index yet. */
  public OutcomeService(byte[] secret, Outcomes index, Clock clock, Predicate<String> indexed) {
    this.hmac = new Hmac(secret);
    this.index = index;
    this.clock = clock;
    this.indexed = indexed;
  }

  /** The signature Paris would send for {@code body} (CLI and tests). */
  public String sign(byte[] body) {
    return Hmac.base64Url(hmac.sign(PREFIX, body));
  }

  /**
   * Validates an outcome (its signature was checked by the caller) and attaches it once to its interaction. An
   * outcome whose interaction is not indexed (yet) is stored too and answered {@code matched: false, pending: true}.
   */
  public Attached attach(OutcomeRequest r) throws InvalidInputException {
    List<ValidationIssue> issues = new ArrayList<>();
    String requestId = id(r, "requestId", r.requestId(), issues);
    String sessionId = id(r, "sessionId", r.sessionId(), issues);
    String event = r.event();
    if (event == null || OutcomeEvent.fromWire(event).isEmpty()) {
      issues.add(new ValidationIssue("$.event", "must be one of " + OutcomeEvent.allWire()));
    }
    Long occurredAt = nonNegativeLong(r, "occurredAtMs", r.occurredAtMs(), true, issues);
    Long ttd = nonNegativeLong(r, "timeToDecisionMs", r.timeToDecisionMs(), false, issues);
    String accountHash = optionalText(r, "accountIdHash", r.accountIdHash(), issues);
    String workspaceHash = optionalText(r, "workspaceIdHash", r.workspaceIdHash(), issues);
    if (!issues.isEmpty()) {
      throw new InvalidInputException("outcome body is invalid", issues);
    }
    boolean inserted = index.attachOutcome(new OutcomeRow(requestId, event, sessionId, occurredAt, clock.millis(), ttd,
        accountHash, workspaceHash));
    return new Attached(requestId, event, !inserted, indexed.test(requestId));
  }

  /** Checks Paris's signature over a raw body (outcomes, learning events and reviews are signed alike). */
  public void verify(byte[] rawBody, String header) throws SignatureException {
    if (header == null || header.isBlank()) {
      throw SignatureException.missing("x-paris-signature header is missing");
    }
    String sig = header.trim();
    while (sig.endsWith("=")) {
      sig = sig.substring(0, sig.length() - 1);
    }
    byte[] given = Hmac.decodeCanonicalBase64Url(sig);
    byte[] expected = hmac.sign(PREFIX, rawBody);
    if (given == null || given.length != expected.length || !MessageDigest.isEqual(expected, given)) {
      throw SignatureException.mismatch("x-paris-signature does not match the body");
    }
  }

  private static String id(OutcomeRequest r, String field, String value, List<ValidationIssue> issues) {
    if (value == null && !r.malformed().contains(field)) {
      issues.add(new ValidationIssue("$." + field, "is required"));
      return null;
    }
    if (value == null || !ID.matcher(value).matches()) {
      issues.add(new ValidationIssue("$." + field, "must be 1..128 characters of [A-Za-z0-9._:-]"));
      return null;
    }
    return value;
  }

  private static Long nonNegativeLong(OutcomeRequest r, String field, Long value, boolean required,
      List<ValidationIssue> issues) {
    if (value == null && !r.malformed().contains(field)) {
      if (required) {
        issues.add(new ValidationIssue("$." + field, "is required"));
      }
      return null;
    }
    if (value == null || value < 0) {
      issues.add(new ValidationIssue("$." + field, "must be a non-negative integer (milliseconds)"));
      return null;
    }
    return value;
  }

  private static String optionalText(OutcomeRequest r, String field, String value, List<ValidationIssue> issues) {
    if (r.malformed().contains(field) || (value != null && value.length() > 256)) {
      issues.add(new ValidationIssue("$." + field, "must be a string of at most 256 characters"));
      return null;
    }
    return value;
  }
}
