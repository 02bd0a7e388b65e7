package com.clickeen.sf.testing;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Grants minted the way Clickeen's callers mint them, independently of the service's own codec: the payload's
 * fields in the order Paris (or Roma, or Bob) writes them, serialised compactly as {@code JSON.stringify} does,
 * base64url without padding, HMAC-SHA256 over {@code v1.<payload>} keyed with the secret <em>trimmed</em>
 * (the callers trim {@code AI_GRANT_HMAC_SECRET}).
 *
 * <ul>
 *   <li>{@link #parisDecember2025}: Paris's own handler: no {@code iat}, no {@code jti}, 60 s of life, caps of the
 *       requested agent, {@code budgets: {maxTokens, timeoutMs, maxRequests}}, {@code mode}, {@code trace:
 *       {sessionId, instancePublicId?}}.</li>
 *   <li>{@link #parisFebruary2026}: the grant issuer behind Paris's AI domain: a random {@code jti}, 10 min of
 *       life, the {@code ai} policy capsule, {@code trace: {sessionId, instancePublicId?, envStage}}.</li>
 *   <li>{@link #romaAccount2026}: the account copilot's grant: {@code iss: roma}, a {@code user} subject with
 *       {@code accountId}.</li>
 * </ul>
 */
public final class ParisGrants {
  private ParisGrants() {}

  /** Budgets as the issuers write them: {@code {maxTokens, timeoutMs, maxRequests}}. */
  public record Budgets(long maxTokens, long timeoutMs, long maxRequests) {}

  public static String parisDecember2025(String secret, String agentId, String mode, String sessionId,
      String instancePublicId, Budgets b) {
    long now = System.currentTimeMillis() / 1000;
    ObjectNode p = Json.object();
    p.put("v", 1);
    p.put("iss", "paris");
    p.putObject("sub").put("kind", "anon").put("sessionId", sessionId);
    p.put("exp", now + 60);
    p.putArray("caps").add("agent:" + agentId);
    budgets(p, b);
    p.put("mode", mode);
    ObjectNode trace = p.putObject("trace");
    trace.put("sessionId", sessionId);
    if (instancePublicId != null) {
      trace.put("instancePublicId", instancePublicId);
    }
    return sign(secret, p);
  }

  /** With the policy capsule of a plan ({@link #capsule}) and the caller's stage in the trace. */
  public static String parisFebruary2026(String secret, String agentId, String mode, String sessionId,
      String instancePublicId, String envStage, Budgets b, JsonNode ai) {
    long now = System.currentTimeMillis() / 1000;
    ObjectNode p = Json.object();
    p.put("v", 1);
    p.put("iss", "paris");
    p.put("jti", UUID.randomUUID().toString());
    p.putObject("sub").put("kind", "anon").put("sessionId", sessionId);
    p.put("exp", now + 600);
    p.putArray("caps").add("agent:" + agentId);
    budgets(p, b);
    p.put("mode", mode);
    if (ai != null) {
      p.set("ai", ai);
    }
    ObjectNode trace = p.putObject("trace");
    trace.put("sessionId", sessionId);
    if (instancePublicId != null) {
      trace.put("instancePublicId", instancePublicId);
    }
    trace.put("envStage", envStage);
    return sign(secret, p);
  }

  public static String romaAccount2026(String secret, String agentId, String userId, String accountId, String sessionId,
      Budgets b, JsonNode ai) {
    long now = System.currentTimeMillis() / 1000;
    ObjectNode p = Json.object();
    p.put("v", 1);
    p.put("iss", "roma");
    p.put("jti", UUID.randomUUID().toString());
    p.putObject("sub").put("kind", "user").put("userId", userId).put("accountId", accountId);
    p.put("exp", now + 600);
    p.putArray("caps").add("agent:" + agentId);
    budgets(p, b);
    p.put("mode", "editor");
    if (ai != null) {
      p.set("ai", ai);
    }
    p.putObject("trace").put("sessionId", sessionId).put("envStage", "cloud-dev");
    return sign(secret, p);
  }

  /**
   * The February 2026 capsule: {@code {profile, allowedProviders, defaultProvider, models: {provider: {defaultModel,
   * allowed}}, allowProviderChoice, allowModelChoice, selectedProvider?, selectedModel?}}.
   *
   * @param models provider, default model, allowed models…, as {@code "openai=gpt-4o-mini:gpt-4o-mini,gpt-4o"}
   */
  public static ObjectNode capsule(String profile, String defaultProvider, String selectedProvider, String selectedModel,
      String... models) {
    ObjectNode ai = Json.object();
    ai.put("profile", profile);
    ArrayNode providers = ai.putArray("allowedProviders");
    ai.put("defaultProvider", defaultProvider);
    ObjectNode m = ai.putObject("models");
    for (String spec : models) {
      String provider = spec.substring(0, spec.indexOf('='));
      String rest = spec.substring(spec.indexOf('=') + 1);
      providers.add(provider);
      ObjectNode entry = m.putObject(provider);
      entry.put("defaultModel", rest.substring(0, rest.indexOf(':')));
      ArrayNode allowed = entry.putArray("allowed");
      for (String a : rest.substring(rest.indexOf(':') + 1).split(",")) {
        allowed.add(a);
      }
    }
    ai.put("allowProviderChoice", models.length > 1);
    ai.put("allowModelChoice", true);
    if (selectedProvider != null) {
      ai.put("selectedProvider", selectedProvider);
    }
    if (selectedModel != null) {
      ai.put("selectedModel", selectedModel);
    }
    return ai;
  }

  private static void budgets(ObjectNode p, Budgets b) {
    p.putObject("budgets").put("maxTokens", b.maxTokens()).put("timeoutMs", b.timeoutMs())
        .put("maxRequests", b.maxRequests());
  }

  /** {@code v1.<b64url(payload)>.<b64url(HMAC(secret.trim(), "v1." + payloadB64))>}. */
  public static String sign(String secret, JsonNode payload) {
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String payloadB64 = b64.encodeToString(Json.text(payload).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal(("v1." + payloadB64).getBytes(StandardCharsets.UTF_8));
      return "v1." + payloadB64 + "." + b64.encodeToString(sig);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An outcome body signed as Paris signs it: base64url(HMAC(secret.trim(), "outcome.v1." + body)). */
  public static String signOutcome(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(("outcome.v1." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
