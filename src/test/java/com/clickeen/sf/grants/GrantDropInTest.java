package com.clickeen.sf.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.errors.GrantException;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.llm.ModelPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the codec reads of the grants Clickeen's callers mint since 2026 (issue 15): {@code user} subjects with an
 * {@code accountId}, traces with values of any type, the {@code ai} block in both shapes, and grants signed with
 * an asymmetric key.
 */
class GrantDropInTest {
  static final long NOW = GrantCodecTest.NOW;

  static String base(String extra) {
    return "{\"v\":1,\"iss\":\"paris\",\"sub\":{\"kind\":\"anon\",\"sessionId\":\"s-1\"},\"exp\":" + (NOW + 60)
        + ",\"caps\":[\"agent:sdr.copilot\"],\"budgets\":{\"maxTokens\":280,\"timeoutMs\":15000,\"maxRequests\":1},"
        + "\"mode\":\"ops\"" + extra + "}";
  }

  static Grant verify(String payloadJson) throws GrantException {
    return GrantCodecTest.CODEC.verify(GrantCodecTest.sign(payloadJson));
  }

  @Test
  void a_user_subject_may_name_its_account_instead_of_a_workspace() throws Exception {
    Grant g = verify(base("").replace("{\"kind\":\"anon\",\"sessionId\":\"s-1\"}",
        "{\"kind\":\"user\",\"userId\":\"u-1\",\"accountId\":\"a-1\"}"));
    assertThat(g.subject()).isEqualTo(new Subject("user", "u-1", null, "a-1"));
    assertThat(g.subject().key()).isEqualTo("user:u-1#a-1");
    assertThat(g.subject().userId()).isEqualTo("u-1");
    Grant w = verify(base("").replace("{\"kind\":\"anon\",\"sessionId\":\"s-1\"}",
        "{\"kind\":\"user\",\"userId\":\"u-1\",\"workspaceId\":\"w-1\"}"));
    assertThat(w.subject().key()).isEqualTo("user:u-1@w-1");
    assertThatThrownBy(() -> verify(base("").replace("{\"kind\":\"anon\",\"sessionId\":\"s-1\"}",
        "{\"kind\":\"user\",\"userId\":\"u-1\"}"))).isInstanceOf(GrantException.class).hasMessageContaining("workspaceId");
    assertThatThrownBy(() -> verify(base("").replace("{\"kind\":\"anon\",\"sessionId\":\"s-1\"}",
        "{\"kind\":\"user\",\"userId\":\"u-1\",\"accountId\":7}"))).isInstanceOf(GrantException.class)
        .hasMessageContaining("accountId");
  }

  @Test
  void trace_values_that_are_not_strings_are_ignored() throws Exception {
    Grant g = verify(base(",\"trace\":{\"sessionId\":\"s-1\",\"instancePublicId\":null,\"n\":3,\"o\":{\"a\":1},"
        + "\"l\":[1],\"envStage\":\"local\"}"));
    assertThat(g.trace()).isEqualTo(Map.of("sessionId", "s-1", "envStage", "local"));
    assertThat(verify(base(",\"trace\":[\"x\"]")).trace()).isEmpty();
    assertThat(verify(base(",\"trace\":\"x\"")).trace()).isEmpty();
    assertThat(verify(base(",\"trace\":{\"long\":\"" + "x".repeat(1500) + "\"}")).trace().get("long")).hasSize(1024);
  }

  @Test
  void the_paris_capsule_becomes_a_policy_with_the_choice_first() throws Exception {
    ModelPolicy p = verify(base(",\"ai\":{\"profile\":\"paid_standard\",\"allowedProviders\":[\"deepseek\",\"openai\"],"
        + "\"defaultProvider\":\"openai\",\"models\":{\"deepseek\":{\"defaultModel\":\"deepseek-chat\",\"allowed\":"
        + "[\"deepseek-chat\",\"deepseek-reasoner\"]},\"openai\":{\"defaultModel\":\"gpt-4o-mini\",\"allowed\":"
        + "[\"gpt-4o-mini\"]}},\"allowProviderChoice\":true,\"allowModelChoice\":true,\"selectedProvider\":\"deepseek\","
        + "\"selectedModel\":\"deepseek-reasoner\"}")).ai();
    assertThat(p.allowed()).isEqualTo(Map.of("deepseek", Set.of("deepseek-chat", "deepseek-reasoner"),
        "openai", Set.of("gpt-4o-mini")));
    assertThat(p.preferred()).containsExactly(new ModelPolicy.Choice("deepseek", "deepseek-reasoner"),
        new ModelPolicy.Choice("openai", "gpt-4o-mini"));
    assertThat(p.profile()).isEqualTo("paid_standard");
    assertThat(p.allows("openai", "gpt-4o")).isFalse();
    // allowedProviders without models: any model of those providers.
    ModelPolicy loose = verify(base(",\"ai\":{\"profile\":\"free_low\",\"allowedProviders\":[\"deepseek\"]}")).ai();
    assertThat(loose.allows("deepseek", "anything")).isTrue();
    assertThat(loose.allows("openai", "gpt-4o")).isFalse();
    assertThat(verify(base("")).ai()).isNull();
  }

  @Test
  void the_later_policy_shape_is_read_too() throws Exception {
    ModelPolicy p = verify(base(",\"ai\":{\"agentId\":\"sdr.copilot\",\"policyProfile\":\"tier1\",\"enabled\":true,"
        + "\"defaultModel\":{\"provider\":\"openai\",\"model\":\"gpt-4o-mini\"},\"modelsByProvider\":{\"openai\":"
        + "{\"defaultModel\":\"gpt-4o-mini\",\"allowed\":[\"gpt-4o-mini\",\"gpt-4o\"]},\"bogus\":7},"
        + "\"allowModelPicker\":true,\"selectedModel\":{\"provider\":\"openai\",\"model\":\"gpt-4o\"}}")).ai();
    assertThat(p.allowed()).isEqualTo(Map.of("openai", Set.of("gpt-4o-mini", "gpt-4o")));
    assertThat(p.preferred()).containsExactly(new ModelPolicy.Choice("openai", "gpt-4o"),
        new ModelPolicy.Choice("openai", "gpt-4o-mini"));
    assertThat(p.profile()).isEqualTo("tier1");
  }

  @Test
  void an_ai_block_that_allows_nothing_or_prefers_what_it_forbids_is_an_invalid_grant() {
    for (String ai : List.of("7", "{\"allowedProviders\":[]}", "{\"models\":{}}", "{\"enabled\":false,"
        + "\"modelsByProvider\":{\"openai\":{\"defaultModel\":\"m\",\"allowed\":[\"m\"]}}}",
        "{\"allowedProviders\":[\"deepseek\"],\"models\":{\"deepseek\":{\"defaultModel\":\"a\",\"allowed\":[\"a\"]}},"
            + "\"defaultProvider\":\"deepseek\",\"selectedModel\":\"b\"}",
        "{\"defaultModel\":{\"provider\":\"openai\",\"model\":\"x\"},\"modelsByProvider\":{\"openai\":"
            + "{\"defaultModel\":\"y\",\"allowed\":[\"y\"]}}}")) {
      assertThatThrownBy(() -> verify(base(",\"ai\":" + ai))).as(ai).isInstanceOfSatisfying(GrantException.class,
          e -> assertThat(e.code().name()).isEqualTo("GRANT_INVALID"));
    }
  }

  // --- asymmetric keys (item 7) --------------------------------------------------------------------------------

  static String pem(KeyPair kp) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static KeyPair keys(String algorithm, int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (bits > 0) {
      g.initialize(bits);
    }
    return g.generateKeyPair();
  }

  static GrantCodec codec(Map<String, String> pems, boolean hmac) {
    ObjectNode o = Json.object();
    pems.forEach(o::put);
    return new GrantCodec(GrantCodecTest.SECRET, GrantCodecTest.CLOCK, Duration.ZERO, List.of("paris"),
        Duration.ofHours(24), GrantPublicKeys.parse(Json.text(o)), hmac);
  }

  @Test
  void grants_signed_with_ed25519_or_rs256_verify_by_key_id_and_nothing_else_does() throws Exception {
    KeyPair ed = keys("Ed25519", 0);
    KeyPair rsa = keys("RSA", 2048);
    KeyPair stranger = keys("Ed25519", 0);
    GrantCodec codec = codec(Map.of("ed-1", pem(ed), "rsa-1", pem(rsa)), true);
    var payload = Json.parse(base(",\"jti\":\"j-1\""));
    Grant g1 = codec.verify(GrantPublicKeys.mint(payload, "ed-1", ed.getPrivate()));
    assertThat(g1.budgets().maxTokens()).isEqualTo(280);
    assertThat(g1.budgetKey()).isEqualTo("sub=anon:s-1|jti=j-1");
    assertThat(codec.verify(GrantPublicKeys.mint(payload, "rsa-1", rsa.getPrivate())).mode()).isEqualTo("ops");
    // The HMAC form still verifies beside them.
    assertThat(codec.verify(GrantCodecTest.sign(base(""))).caps()).containsExactly("agent:sdr.copilot");

    String byStranger = GrantPublicKeys.mint(payload, "ed-1", stranger.getPrivate());
    String unknownKid = GrantPublicKeys.mint(payload, "ed-2", ed.getPrivate());
    String good = GrantPublicKeys.mint(payload, "ed-1", ed.getPrivate());
    String[] parts = good.split("\\.");
    String tampered = parts[0] + "." + GrantCodecTest.b64(base(",\"jti\":\"j-2\"").getBytes(StandardCharsets.UTF_8))
        + "." + parts[2];
    String hs256 = GrantCodecTest.b64("{\"alg\":\"HS256\",\"kid\":\"ed-1\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + parts[1] + "." + parts[2];
    String none = GrantCodecTest.b64("{\"alg\":\"none\",\"kid\":\"ed-1\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + parts[1] + ".AA";
    String confused = GrantCodecTest.b64("{\"alg\":\"RS256\",\"kid\":\"ed-1\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + parts[1] + "." + parts[2];
    String extraHeader = GrantCodecTest.b64("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\",\"jku\":\"https://x\"}"
        .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
    Map<String, String> refusals = Map.of(byStranger, "does not match key 'ed-1'", unknownKid, "'ed-2' is not configured",
        tampered, "does not match", hs256, "alg 'HS256' is not accepted", none, "alg 'none' is not accepted",
        confused, "does not match key 'ed-1' (EdDSA)", extraHeader, "'jku' is not supported");
    refusals.forEach((token, message) -> assertThatThrownBy(() -> codec.verify(token)).as(message)
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_INVALID"))
        .hasMessageContaining(message));
    // Expiry and the other claims are checked as for HMAC grants.
    var expired = Json.parse(base("").replace("\"exp\":" + (NOW + 60), "\"exp\":" + (NOW - 60)));
    assertThatThrownBy(() -> codec.verify(GrantPublicKeys.mint(expired, "ed-1", ed.getPrivate())))
        .isInstanceOfSatisfying(GrantException.class, e -> assertThat(e.code().name()).isEqualTo("GRANT_EXPIRED"));
  }

  @Test
  void with_hmac_grants_off_only_the_public_keys_vouch_for_a_grant() throws Exception {
    KeyPair ed = keys("Ed25519", 0);
    GrantCodec codec = codec(Map.of("ed-1", pem(ed)), false);
    assertThat(codec.verify(GrantPublicKeys.mint(Json.parse(base("")), "ed-1", ed.getPrivate())).caps()).hasSize(1);
    assertThatThrownBy(() -> codec.verify(GrantCodecTest.sign(base("")))).isInstanceOf(GrantException.class)
        .hasMessageContaining("accepts only grants signed with its public keys");
    assertThatThrownBy(() -> new GrantCodec(GrantCodecTest.SECRET, GrantCodecTest.CLOCK, Duration.ZERO, List.of("paris"),
        Duration.ofHours(24), GrantPublicKeys.none(), false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void public_keys_that_cannot_verify_are_refused_when_configured() throws Exception {
    KeyPair small = keys("RSA", 1024);
    assertThatThrownBy(() -> GrantPublicKeys.parse("{\"k\":\"" + Base64.getEncoder().encodeToString(
        small.getPublic().getEncoded()) + "\"}")).hasMessageContaining("1024 bits");
    assertThatThrownBy(() -> GrantPublicKeys.parse("{\"k\":\"not a key\"}")).hasMessageContaining("key 'k'");
    assertThatThrownBy(() -> GrantPublicKeys.parse("{}")).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> GrantPublicKeys.parse("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> GrantPublicKeys.parse("{\"k\":7}")).hasMessageContaining("must be a string");
    KeyPair ec = keys("EC", 256);
    assertThatThrownBy(() -> GrantPublicKeys.parse("{\"k\":\"" + Base64.getEncoder().encodeToString(
        ec.getPublic().getEncoded()) + "\"}")).hasMessageContaining("neither an Ed25519 nor an RSA");
  }
}
