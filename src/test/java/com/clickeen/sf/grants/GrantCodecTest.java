package com.clickeen.sf.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.errors.GrantException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grant codec: what Paris mints verifies; every tampered or malformed spelling is refused with the right code. */
class GrantCodecTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
  static final long NOW = 1_800_000_000L;
  static final SettableClock CLOCK = new SettableClock(Instant.ofEpochSecond(NOW));
  static final GrantCodec CODEC = new GrantCodec(SECRET, CLOCK, Duration.ZERO);

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Signs any payload text exactly as Paris does, so only the payload's content is under test. */
  static String sign(String payloadJson, byte[] key) {
    String p = b64(payloadJson.getBytes(StandardCharsets.UTF_8));
    byte[] sig = new Hmac(key).sign(("v1." + p).getBytes(StandardCharsets.US_ASCII));
    return "v1." + p + "." + b64(sig);
  }

  static String sign(String payloadJson) {
    return sign(payloadJson, SECRET);
  }

  static String payload(String exp) {
    return "{\"v\":1,\"iss\":\"paris\",\"sub\":\"user-1\",\"iat\":" + (NOW - 5) + ",\"exp\":" + exp
        + ",\"jti\":\"g-1\",\"caps\":[\"agent:sdr.copilot\"],\"budgets\":{\"maxTokens\":500,\"maxRequests\":2}}";
  }

  static final String GOOD = sign(payload(Long.toString(NOW + 60)));

  @Test
  void a_grant_minted_like_paris_verifies_with_its_claims() throws Exception {
    Grant g = CODEC.verify(GOOD);
    assertThat(g.subject()).isEqualTo(Subject.of("user-1"));
    assertThat(g.caps()).containsExactly("agent:sdr.copilot");
    assertThat(g.budgets()).isEqualTo(new GrantBudgets(500, 2L, null, null));
    assertThat(g.budgetKey()).isEqualTo("sub=subject:user-1|jti=g-1");
    assertThat(g.allows("agent:sdr.copilot")).isTrue();
    assertThat(g.allows("agent:editor.copilot")).isFalse();
  }

  @Test
  void the_object_forms_of_sub_are_accepted() throws Exception {
    String anon = "{\"v\":1,\"sub\":{\"kind\":\"anon\",\"sessionId\":\"s-9\"},\"exp\":" + (NOW + 60)
        + ",\"caps\":[],\"budgets\":{\"maxTokens\":300}}";
    assertThat(CODEC.verify(sign(anon)).subject()).isEqualTo(new Subject("anon", "s-9", null));
    String user = "{\"sub\":{\"kind\":\"user\",\"userId\":\"u1\",\"workspaceId\":\"w1\"},\"exp\":" + (NOW + 60)
        + ",\"caps\":[],\"budgets\":{\"maxTokens\":300}}";
    Grant g = CODEC.verify(sign(user));
    assertThat(g.subject()).isEqualTo(new Subject("user", "u1", "w1"));
    assertThat(g.subject().userId()).isEqualTo("u1");
    String service = "{\"sub\":{\"kind\":\"service\",\"serviceId\":\"paris\"},\"exp\":" + (NOW + 60)
        + ",\"caps\":[],\"budgets\":{\"maxTokens\":300}}";
    assertThat(CODEC.verify(sign(service)).subject()).isEqualTo(new Subject("service", "paris", null));
  }

  @Test
  void without_jti_budgets_are_keyed_on_the_decoded_payload_not_the_token_text() throws Exception {
    String p = "{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":300}}";
    Grant a = CODEC.verify(sign(p));
    Grant b = CODEC.verify(sign(p));
    assertThat(a.budgetKey()).startsWith("payload=").isEqualTo(b.budgetKey());
    Grant c = CODEC.verify(sign(p.replace("300", "301")));
    assertThat(c.budgetKey()).isNotEqualTo(a.budgetKey());
  }

  @Test
  void mint_and_verify_round_trip() throws Exception {
    String token = CODEC.mint(GrantCodec.payload("visitor", List.of("agent:sdr.copilot"), NOW, NOW + 60, "j-1",
        280, 3L, 0.01, 25_000L));
    Grant g = CODEC.verify(token);
    assertThat(g.budgets()).isEqualTo(new GrantBudgets(280, 3L, 0.01, 25_000L));
    assertThat(g.expiresAtEpochSeconds()).isEqualTo(NOW + 60);
  }

  @Test
  void a_secret_shorter_than_32_bytes_is_refused() {
    assertThatThrownBy(() -> new GrantCodec(new byte[31], CLOCK, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  // --- the tampering suite -----------------------------------------------------------------------

  static String flipPayloadBit(String token) {
    String[] parts = token.split("\\.");
    byte[] p = Base64.getUrlDecoder().decode(parts[1]);
    p[p.length / 2] ^= 0x01;
    return parts[0] + "." + b64(p) + "." + parts[2];
  }

  static String flipSignatureBit(String token) {
    String[] parts = token.split("\\.");
    byte[] s = Base64.getUrlDecoder().decode(parts[2]);
    s[0] ^= 0x01;
    return parts[0] + "." + parts[1] + "." + b64(s);
  }

  static String withSignature(String token, String sig) {
    int dot = token.lastIndexOf('.');
    return token.substring(0, dot + 1) + sig;
  }

  static String sigOf(String token) {
    return token.substring(token.lastIndexOf('.') + 1);
  }

  /** Sets an unused low bit of the last base64 character: decodes to the same bytes, spelled differently. */
  static String nonZeroUnusedBits(String b64) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = b64.charAt(b64.length() - 1);
    int v = alphabet.indexOf(last);
    return b64.substring(0, b64.length() - 1) + alphabet.charAt(v | 1);
  }

  static Stream<Arguments> invalid() {
    String sig = sigOf(GOOD);
    String payloadB64 = GOOD.split("\\.")[1];
    String deep = "[".repeat(1000) + "]".repeat(1000);
    return Stream.of(
        Arguments.of("flipped bit in the payload", flipPayloadBit(GOOD)),
        Arguments.of("flipped bit in the signature", flipSignatureBit(GOOD)),
        Arguments.of("signature truncated by one character", withSignature(GOOD, sig.substring(0, sig.length() - 1))),
        Arguments.of("signature truncated to 128 bits", withSignature(GOOD, b64(java.util.Arrays.copyOf(
            Base64.getUrlDecoder().decode(sig), 16)))),
        Arguments.of("signature extended", withSignature(GOOD, sig + "AAAA")),
        Arguments.of("signed with another key", sign(payload(Long.toString(NOW + 60)),
            "another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8))),
        Arguments.of("padded signature", GOOD + "="),
        Arguments.of("padded payload", "v1." + payloadB64 + "=." + sig),
        Arguments.of("non-zero unused bits in the signature", withSignature(GOOD, nonZeroUnusedBits(sig))),
        Arguments.of("standard-base64 characters", withSignature(GOOD, sig.replace('-', '+').replace('_', '/') + "+")),
        Arguments.of("characters outside the alphabet", withSignature(GOOD, sig.substring(1) + "*")),
        Arguments.of("whitespace in the token", GOOD.substring(0, 10) + " " + GOOD.substring(10)),
        Arguments.of("empty signature", withSignature(GOOD, "")),
        Arguments.of("missing signature part", "v1." + payloadB64),
        Arguments.of("four parts", GOOD + ".x"),
        Arguments.of("v2 prefix", "v2" + GOOD.substring(2)),
        Arguments.of("none prefix", "none." + payloadB64 + "."),
        Arguments.of("none prefix with signature", "none" + GOOD.substring(2)),
        Arguments.of("empty token", ""),
        Arguments.of("1 MiB token", "v1." + "A".repeat(1 << 20) + "." + sig),
        Arguments.of("10,000-deep nesting", sign("{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")),
        Arguments.of("1,000-deep nesting inside the size limit", sign("{\"x\":" + deep + "}")),
        Arguments.of("payload not JSON", sign("not json")),
        Arguments.of("payload a JSON array", sign("[1,2]")),
        Arguments.of("payload with trailing garbage", sign(payload(Long.toString(NOW + 60)) + "x")),
        Arguments.of("missing exp", sign("{\"sub\":\"u\",\"caps\":[],\"budgets\":{\"maxTokens\":1}}")),
        Arguments.of("missing sub", sign("{\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":1}}")),
        Arguments.of("missing caps", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"budgets\":{\"maxTokens\":1}}")),
        Arguments.of("missing budgets", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[]}")),
        Arguments.of("missing maxTokens", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{}}")),
        Arguments.of("exp as a string", sign(payload("\"" + (NOW + 60) + "\""))),
        Arguments.of("exp as 1e400", sign(payload("1e400"))),
        Arguments.of("exp as 2^63", sign(payload("9223372036854775808"))),
        Arguments.of("exp as a fraction", sign(payload((NOW + 60) + ".5"))),
        Arguments.of("exp negative", sign(payload("-1"))),
        Arguments.of("exp null", sign(payload("null"))),
        Arguments.of("v is 2", sign(payload(Long.toString(NOW + 60)).replace("\"v\":1", "\"v\":2"))),
        Arguments.of("caps not an array", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":\"agent:x\",\"budgets\":{\"maxTokens\":1}}")),
        Arguments.of("caps with a number", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[1],\"budgets\":{\"maxTokens\":1}}")),
        Arguments.of("maxTokens zero", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":0}}")),
        Arguments.of("maxTokens a string", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":\"5\"}}")),
        Arguments.of("maxCostUsd negative", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":5,\"maxCostUsd\":-1}}")),
        Arguments.of("sub of unknown kind", sign("{\"sub\":{\"kind\":\"root\",\"id\":\"x\"},\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":5}}")),
        Arguments.of("anon sub without sessionId", sign("{\"sub\":{\"kind\":\"anon\"},\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":5}}")),
        Arguments.of("sub a number", sign("{\"sub\":7,\"exp\":" + (NOW + 60) + ",\"caps\":[],\"budgets\":{\"maxTokens\":5}}")),
        Arguments.of("duplicate key", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"exp\":" + (NOW + 6000)
            + ",\"caps\":[],\"budgets\":{\"maxTokens\":5}}")),
        Arguments.of("duplicate key behind a \\u escape", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60) + ",\"\\u0065xp\":"
            + (NOW + 6000) + ",\"caps\":[],\"budgets\":{\"maxTokens\":5}}")),
        Arguments.of("duplicate nested key", sign("{\"sub\":\"u\",\"exp\":" + (NOW + 60)
            + ",\"caps\":[],\"budgets\":{\"maxTokens\":5,\"maxTokens\":5000}}")),
        Arguments.of("issued in the future", sign("{\"sub\":\"u\",\"iat\":" + (NOW + 600) + ",\"exp\":" + (NOW + 660)
            + ",\"caps\":[],\"budgets\":{\"maxTokens\":5}}")));
  }

  @ParameterizedTest(name = "{0} is GRANT_INVALID")
  @MethodSource("invalid")
  void tampered_or_malformed_grants_are_GRANT_INVALID(String name, String token) {
    assertThatThrownBy(() -> CODEC.verify(token))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_INVALID"));
  }

  @Test
  void a_null_token_is_GRANT_INVALID() {
    assertThatThrownBy(() -> CODEC.verify(null))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_INVALID"));
  }

  @Test
  void the_signature_is_checked_before_any_claim() {
    // An unsigned payload that would be expired: the answer is about the signature, not the expiry.
    String expired = sign(payload(Long.toString(NOW - 1000)), "yet-another-key-yet-another-key-yet-another".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> CODEC.verify(expired))
        .isInstanceOfSatisfying(GrantException.class, e -> {
          assertThat(e.code().name()).isEqualTo("GRANT_INVALID");
          assertThat(e.getMessage()).contains("signature");
        });
  }

  @Test
  void an_expired_grant_is_GRANT_EXPIRED() {
    assertThatThrownBy(() -> CODEC.verify(sign(payload(Long.toString(NOW - 1)))))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_EXPIRED"));
  }

  @Test
  void exp_equal_to_now_is_GRANT_EXPIRED() {
    assertThatThrownBy(() -> CODEC.verify(sign(payload(Long.toString(NOW)))))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_EXPIRED"));
  }

  @Test
  void clock_skew_extends_expiry_by_exactly_the_skew() throws Exception {
    GrantCodec skewed = new GrantCodec(SECRET, CLOCK, Duration.ofSeconds(5));
    assertThat(skewed.verify(sign(payload(Long.toString(NOW - 4)))).expiresAtEpochSeconds()).isEqualTo(NOW - 4);
    assertThatThrownBy(() -> skewed.verify(sign(payload(Long.toString(NOW - 5)))))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_EXPIRED"));
  }

  @Test
  void a_grant_stops_verifying_when_the_clock_passes_exp() throws Exception {
    SettableClock clock = new SettableClock(Instant.ofEpochSecond(NOW));
    GrantCodec codec = new GrantCodec(SECRET, clock, Duration.ZERO);
    codec.verify(GOOD);
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> codec.verify(GOOD))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_EXPIRED"));
  }

  @Test
  void an_issuer_outside_the_configured_list_is_GRANT_INVALID_and_paris_and_no_iss_are_accepted() throws Exception {
    String other = payload(Long.toString(NOW + 60)).replace("\"iss\":\"paris\"", "\"iss\":\"mallory\"");
    assertThatThrownBy(() -> CODEC.verify(sign(other)))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.expired()).isFalse())
        .hasMessageContaining("issuer 'mallory' is not accepted");
    String noIss = payload(Long.toString(NOW + 60)).replace("\"iss\":\"paris\",", "");
    assertThat(CODEC.verify(sign(noIss)).subject()).isEqualTo(Subject.of("user-1"));
    GrantCodec bob = new GrantCodec(SECRET, CLOCK, Duration.ZERO, List.of("bob"), Duration.ofHours(24));
    assertThatThrownBy(() -> bob.verify(GOOD)).isInstanceOf(GrantException.class);
    assertThat(bob.verify(sign(other.replace("mallory", "bob")))).isNotNull();
  }

  @Test
  void a_grant_living_longer_than_the_cap_is_GRANT_INVALID() throws Exception {
    assertThat(CODEC.verify(sign(payload(Long.toString(NOW - 5 + 86_400))))).isNotNull();
    assertThatThrownBy(() -> CODEC.verify(sign(payload(Long.toString(NOW - 5 + 86_401)))))
        .isInstanceOf(GrantException.class).hasMessageContaining("exp - iat = 86401 s > 86400 s");
    String noIat = payload(Long.toString(NOW + 3L * 365 * 86_400)).replace("\"iat\":" + (NOW - 5) + ",", "");
    assertThatThrownBy(() -> CODEC.verify(sign(noIat))).isInstanceOf(GrantException.class)
        .hasMessageContaining("expires too far ahead");
    GrantCodec hour = new GrantCodec(SECRET, CLOCK, Duration.ZERO, List.of("paris"), Duration.ofHours(1));
    assertThatThrownBy(() -> hour.verify(sign(payload(Long.toString(NOW + 7200))))).isInstanceOf(GrantException.class);
  }
}
