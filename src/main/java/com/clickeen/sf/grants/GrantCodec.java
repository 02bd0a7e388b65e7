package com.clickeen.sf.grants;

import com.clickeen.sf.errors.GrantException;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paris's AI Grant tokens: {@code v1.<payloadB64>.<sigB64>}, HMAC-SHA256 over the ASCII text
 * {@code v1.<payloadB64>} with {@code AI_GRANT_HMAC_SECRET} as key; and, when public keys are configured,
 * the same payload signed with an asymmetric key ({@link GrantPublicKeys}).
 *
 * <p>Verification checks, in this order and before any claim is read: the size, the shape, the
 * canonical base64url of every part, then the signature (HMAC in constant time). Only then is the payload
 * parsed (strictly: duplicate keys and deep nesting are refused) and its claims checked. Where Clickeen's worker
 * is lenient the codec is too: a trace value that is not a string is ignored, a {@code user} subject may name
 * its {@code accountId} instead of a {@code workspaceId}.
 */
public final class GrantCodec {
  /** Paris's grants are a few hundred bytes; anything larger than this is refused before any work. */
  public static final int MAX_TOKEN_CHARS = 4096;
  /** Latest exp accepted (9999-12-31): keeps arithmetic on epoch seconds far from overflow. */
  static final long MAX_EPOCH_SECONDS = 253_402_300_799L;
  static final long MAX_TOKENS_CAP = 10_000_000L;
  static final long MAX_TIMEOUT_MS = 600_000L;

  private static final byte[] PREFIX = "v1.".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper PAYLOAD_MAPPER = Json.strictMapper(8, 2048);

  /** Paris's {@code iss}: the issuer accepted unless configured otherwise ({@code SF_GRANT_ISSUERS}). */
  public static final List<String> DEFAULT_ISSUERS = List.of("paris");
  /** Longest {@code exp - iat} accepted unless configured otherwise ({@code SF_GRANT_MAX_LIFETIME_S}). */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  private final Hmac hmac;
  private final Clock clock;
  private final Duration clockSkew;
  private final List<String> issuers;
  private final Duration maxLifetime;
  private final GrantPublicKeys publicKeys;
  private final boolean hmacGrants;

  /** A codec accepting Paris's issuer and grants living at most 24 h (tools and tests). */
  public GrantCodec(byte[] secret, Clock clock, Duration clockSkew) {
    this(secret, clock, clockSkew, DEFAULT_ISSUERS, DEFAULT_MAX_LIFETIME);
  }

  /**
   * @param issuers the {@code iss} values accepted; a grant without {@code iss} (the spec's form) is accepted too
   * @param maxLifetime the longest {@code exp - iat} accepted (without {@code iat}: {@code exp - now})
   */
  public GrantCodec(byte[] secret, Clock clock, Duration clockSkew, List<String> issuers, Duration maxLifetime) {
    this(secret, clock, clockSkew, issuers, maxLifetime, GrantPublicKeys.none(), true);
  }

  /**
   * @param publicKeys keys that verify asymmetrically signed grants (none: only HMAC grants verify)
   * @param hmacGrants whether HMAC-signed ({@code v1.}) grants are accepted; off, only the public keys can
   *     vouch for a grant and the secret serves outcome signatures alone
   */
  public GrantCodec(byte[] secret, Clock clock, Duration clockSkew, List<String> issuers, Duration maxLifetime,
      GrantPublicKeys publicKeys, boolean hmacGrants) {
    if (!hmacGrants && publicKeys.isEmpty()) {
      throw new IllegalArgumentException("with HMAC grants off, public keys are needed, else no grant can verify");
    }
    this.publicKeys = publicKeys;
    this.hmacGrants = hmacGrants;
    if (secret == null || secret.length < 32) {
      throw new IllegalArgumentException("AI_GRANT_HMAC_SECRET must be at least 32 bytes (got "
          + (secret == null ? 0 : secret.length) + ")");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("grant clock skew must be within 0..5 min (got " + clockSkew + ")");
    }
    this.hmac = new Hmac(secret);
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.issuers = List.copyOf(issuers);
    this.maxLifetime = maxLifetime;
  }

  /** Signs a payload exactly as Paris does. Used by the CLI and the tests. */
  public String mint(JsonNode payload) {
    String payloadB64 = Hmac.base64Url(Json.bytes(payload));
    byte[] sig = hmac.sign(PREFIX, payloadB64.getBytes(StandardCharsets.US_ASCII));
    return "v1." + payloadB64 + "." + Hmac.base64Url(sig);
  }

  /** Verifies a token and returns its claims; never throws anything but {@link GrantException}. */
  public Grant verify(String token) throws GrantException {
    if (token == null || token.isEmpty()) {
      throw GrantException.invalid("grant is missing");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw GrantException.invalid("grant is larger than " + MAX_TOKEN_CHARS + " characters");
    }
    int firstDot = token.indexOf('.');
    int lastDot = token.lastIndexOf('.');
    if (firstDot < 0 || firstDot == lastDot || token.indexOf('.', firstDot + 1) != lastDot) {
      throw GrantException.invalid("grant must have the form v1.<payload>.<signature>");
    }
    String version = token.substring(0, firstDot);
    byte[] payload;
    if ("v1".equals(version)) {
      if (!hmacGrants) {
        throw GrantException.invalid("grant is HMAC-signed (v1); this instance accepts only grants signed with its "
            + "public keys (SF_GRANT_HMAC_GRANTS=false)");
      }
      payload = verifyHmac(token.substring(firstDot + 1, lastDot), token.substring(lastDot + 1));
    } else if (!publicKeys.isEmpty()) {
      payload = publicKeys.verify(version, token.substring(firstDot + 1, lastDot), token.substring(lastDot + 1));
    } else {
      throw GrantException.invalid("unsupported grant version '" + abbreviate(version) + "' (expected v1)");
    }
    JsonNode root;
    try {
      root = PAYLOAD_MAPPER.readTree(payload);
    } catch (IOException | RuntimeException e) {
      throw GrantException.invalid("grant payload is not valid JSON: " + firstLine(e.getMessage()));
    }
    return claims(root, payload);
  }

  private byte[] verifyHmac(String payloadB64, String sigB64) throws GrantException {
    byte[] payload = Hmac.decodeCanonicalBase64Url(payloadB64);
    if (payload == null) {
      throw GrantException.invalid("grant payload is not canonical unpadded base64url");
    }
    byte[] sig = Hmac.decodeCanonicalBase64Url(sigB64);
    if (sig == null) {
      throw GrantException.invalid("grant signature is not canonical unpadded base64url");
    }
    byte[] expected = hmac.sign(PREFIX, payloadB64.getBytes(StandardCharsets.US_ASCII));
    // MessageDigest.isEqual is constant-time for equal lengths; a length mismatch is not secret.
    if (sig.length != expected.length || !MessageDigest.isEqual(expected, sig)) {
      throw GrantException.invalid("grant signature does not match");
    }
    return payload;
  }

  private Grant claims(JsonNode root, byte[] payload) throws GrantException {
    if (root == null || !root.isObject()) {
      throw GrantException.invalid("grant payload must be a JSON object");
    }
    JsonNode v = root.get("v");
    if (v != null && !(v.isIntegralNumber() && v.canConvertToInt() && v.intValue() == 1)) {
      throw GrantException.invalid("grant field 'v' must be 1");
    }
    JsonNode iss = root.get("iss");
    if (iss != null && !iss.isNull() && !iss.isTextual()) {
      throw GrantException.invalid("grant field 'iss' must be a string");
    }
    if (iss != null && iss.isTextual() && !issuers.contains(iss.textValue())) {
      throw GrantException.invalid("grant issuer '" + abbreviate(iss.textValue()) + "' is not accepted (accepted: "
          + String.join(", ", issuers) + ")");
    }
    Subject subject = subject(root.get("sub"));
    long exp = epochSeconds(root, "exp", true);
    Long iat = root.has("iat") ? epochSeconds(root, "iat", false) : null;
    long now = clock.instant().getEpochSecond();
    long skew = clockSkew.toSeconds();
    if (iat != null && iat > now + skew) {
      throw GrantException.invalid("grant is issued in the future (iat " + iat + " > now " + now + " + skew " + skew + "s)");
    }
    if (iat != null && exp < iat) {
      throw GrantException.invalid("grant expires before it is issued (exp " + exp + " < iat " + iat + ")");
    }
    if (now >= exp + skew) {
      throw GrantException.expired("grant expired at " + exp + " (now " + now + ", skew " + skew + "s)");
    }
    long maxLife = maxLifetime.toSeconds();
    if (iat != null && exp - iat > maxLife) {
      throw GrantException.invalid("grant lives longer than accepted (exp - iat = " + (exp - iat) + " s > "
          + maxLife + " s)");
    }
    if (iat == null && exp - now > maxLife + skew) {
      throw GrantException.invalid("grant without iat expires too far ahead (exp - now = " + (exp - now) + " s > "
          + maxLife + " s)");
    }
    String jti = optionalText(root, "jti", 256);
    List<String> caps = caps(root.get("caps"));
    GrantBudgets budgets = budgets(root.get("budgets"));
    String mode = optionalText(root, "mode", 32);
    Map<String, String> trace = trace(root.get("trace"));
    com.clickeen.sf.llm.ModelPolicy ai = GrantAiPolicy.parse(root.get("ai"));
    String budgetKey = jti != null ? "sub=" + subject.key() + "|jti=" + jti : "payload=" + sha256Hex(payload);
    return new Grant(subject, jti, iat, exp, List.copyOf(caps), budgets, mode, trace, ai, budgetKey);
  }

  private static Subject subject(JsonNode sub) throws GrantException {
    if (sub == null || sub.isNull()) {
      throw GrantException.invalid("grant field 'sub' is missing");
    }
    if (sub.isTextual()) {
      String s = sub.textValue();
      if (s.isEmpty() || s.length() > 256) {
        throw GrantException.invalid("grant field 'sub' must be 1..256 characters");
      }
      return Subject.of(s);
    }
    if (!sub.isObject()) {
      throw GrantException.invalid("grant field 'sub' must be a string or an object");
    }
    String kind = requiredText(sub, "sub.kind", sub.get("kind"));
    return switch (kind) {
      case "anon" -> new Subject("anon", requiredText(sub, "sub.sessionId", sub.get("sessionId")), null);
      case "user" -> sub.hasNonNull("workspaceId") || !sub.hasNonNull("accountId")
          ? new Subject("user", requiredText(sub, "sub.userId", sub.get("userId")),
              requiredText(sub, "sub.workspaceId", sub.get("workspaceId")))
          : new Subject("user", requiredText(sub, "sub.userId", sub.get("userId")), null,
              requiredText(sub, "sub.accountId", sub.get("accountId")));
      case "service" -> new Subject("service", requiredText(sub, "sub.serviceId", sub.get("serviceId")), null);
      default -> throw GrantException.invalid("grant field 'sub.kind' must be anon, user or service (got '"
          + abbreviate(kind) + "')");
    };
  }

  private static String requiredText(JsonNode parent, String name, JsonNode node) throws GrantException {
    if (node == null || !node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > 256) {
      throw GrantException.invalid("grant field '" + name + "' must be a non-empty string");
    }
    return node.textValue();
  }

  private static long epochSeconds(JsonNode root, String field, boolean required) throws GrantException {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw GrantException.invalid("grant field '" + field + "' is missing");
      }
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw GrantException.invalid("grant field '" + field + "' must be an integer of epoch seconds");
    }
    long value = n.longValue();
    if (value < 0 || value > MAX_EPOCH_SECONDS) {
      throw GrantException.invalid("grant field '" + field + "' is out of range (" + value + ")");
    }
    return value;
  }

  private static String optionalText(JsonNode root, String field, int maxLength) throws GrantException {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > maxLength) {
      throw GrantException.invalid("grant field '" + field + "' must be a string of 1.." + maxLength + " characters");
    }
    return n.textValue();
  }

  private static List<String> caps(JsonNode caps) throws GrantException {
    if (caps == null || !caps.isArray()) {
      throw GrantException.invalid("grant field 'caps' must be an array of strings");
    }
    if (caps.size() > 64) {
      throw GrantException.invalid("grant field 'caps' has more than 64 entries");
    }
    List<String> out = new ArrayList<>(caps.size());
    for (JsonNode c : caps) {
      if (!c.isTextual() || c.textValue().isEmpty() || c.textValue().length() > 128) {
        throw GrantException.invalid("grant field 'caps' must contain only non-empty strings");
      }
      out.add(c.textValue());
    }
    return out;
  }

  private static GrantBudgets budgets(JsonNode b) throws GrantException {
    if (b == null || !b.isObject()) {
      throw GrantException.invalid("grant field 'budgets' must be an object");
    }
    long maxTokens = positiveLong(b, "maxTokens", true, MAX_TOKENS_CAP);
    Long maxRequests = b.has("maxRequests") && !b.get("maxRequests").isNull()
        ? positiveLong(b, "maxRequests", true, 1_000_000L) : null;
    Long timeoutMs = b.has("timeoutMs") && !b.get("timeoutMs").isNull()
        ? positiveLong(b, "timeoutMs", true, MAX_TIMEOUT_MS) : null;
    Double maxCost = null;
    JsonNode c = b.get("maxCostUsd");
    if (c != null && !c.isNull()) {
      if (!c.isNumber() || !Double.isFinite(c.doubleValue()) || c.doubleValue() < 0 || c.doubleValue() > 1_000_000) {
        throw GrantException.invalid("grant field 'budgets.maxCostUsd' must be a number in 0..1000000");
      }
      maxCost = c.doubleValue();
    }
    return new GrantBudgets(maxTokens, maxRequests, maxCost, timeoutMs);
  }

  private static long positiveLong(JsonNode b, String field, boolean required, long max) throws GrantException {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw GrantException.invalid("grant field 'budgets." + field + "' is missing");
      }
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 1 || n.longValue() > max) {
      throw GrantException.invalid("grant field 'budgets." + field + "' must be an integer in 1.." + max);
    }
    return n.longValue();
  }

  /**
   * The grant's trace: its string values (at most 1024 characters; longer ones are cut), for the interaction
   * log. A value of another JSON type is ignored, as Clickeen's worker ignores it; so is a trace that is not
   * an object.
   */
  private static Map<String, String> trace(JsonNode t) {
    if (t == null || !t.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isTextual() && out.size() < 32 && e.getKey().length() <= 64) {
        String v = e.getValue().textValue();
        out.put(e.getKey(), v.length() <= 1024 ? v : v.substring(0, 1024));
      }
    }
    return Map.copyOf(out);
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 16 ? s : s.substring(0, 16) + "…";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A payload with Paris's fields, for minting. */
  public static ObjectNode payload(Object sub, List<String> caps, long iat, long exp, String jti,
      long maxTokens, Long maxRequests, Double maxCostUsd, Long timeoutMs) {
    ObjectNode p = Json.object();
    p.put("v", 1);
    p.put("iss", "paris");
    p.set("sub", Json.tree(sub));
    p.put("iat", iat);
    p.put("exp", exp);
    if (jti != null) {
      p.put("jti", jti);
    }
    var capsNode = p.putArray("caps");
    caps.forEach(capsNode::add);
    ObjectNode budgets = p.putObject("budgets");
    budgets.put("maxTokens", maxTokens);
    if (maxRequests != null) {
      budgets.put("maxRequests", maxRequests);
    }
    if (maxCostUsd != null) {
      budgets.put("maxCostUsd", maxCostUsd);
    }
    if (timeoutMs != null) {
      budgets.put("timeoutMs", timeoutMs);
    }
    return p;
  }
}
