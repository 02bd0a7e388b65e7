package com.clickeen.sf.grants;

import com.clickeen.sf.errors.GrantException;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Public keys, by key id, that verify grants signed with an asymmetric key, so that an instance can verify
 * grants without holding a key that can mint them. Such a grant is a JWS in compact form:
 * {@code b64url(header).b64url(payload).b64url(signature)}, the header {@code {"alg": "EdDSA" | "RS256",
 * "kid": ID, "typ"?: "JWT"}}, the signature over the ASCII text {@code header.payload} (Ed25519, or RSASSA-PKCS1
 * v1.5 with SHA-256 and a key of at least 2048 bits), the payload the same JSON Paris signs with HMAC. The
 * algorithm must be the key's own: a key id names one key of one type, so no header can downgrade it.
 *
 * <p>Configured as a JSON object of key id to public key (PEM {@code PUBLIC KEY}, or the base64 of its DER
 * SubjectPublicKeyInfo). Only the JDK's own crypto is used.
 */
public final class GrantPublicKeys {
  static final int MAX_HEADER_CHARS = 512;
  private static final ObjectMapper HEADER_MAPPER = Json.strictMapper(2, 256);
  private static final GrantPublicKeys NONE = new GrantPublicKeys(Map.of());

  private final Map<String, PublicKey> keys;

  private GrantPublicKeys(Map<String, PublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  public static GrantPublicKeys none() {
    return NONE;
  }

  /**
   * Reads {@code {"kid": "-----BEGIN PUBLIC KEY-----...", ...}}.
   *
   * @throws IllegalArgumentException naming the key id and what is wrong with it
   */
  public static GrantPublicKeys parse(String json) {
    JsonNode root;
    try {
      root = Json.parse(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("is not a JSON object of key id to public key: " + e.getMessage());
    }
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new IllegalArgumentException("must be a non-empty JSON object of key id to public key (PEM or base64 DER)");
    }
    Map<String, PublicKey> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String kid = e.getKey();
      if (kid.isEmpty() || kid.length() > 128) {
        throw new IllegalArgumentException("key id '" + kid + "' must be 1..128 characters");
      }
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("key '" + kid + "' must be a string (PEM PUBLIC KEY or base64 DER)");
      }
      out.put(kid, publicKey(kid, e.getValue().textValue()));
    }
    return new GrantPublicKeys(out);
  }

  static PublicKey publicKey(String kid, String text) {
    String b64 = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key '" + kid + "' is not PEM or base64: " + e.getMessage());
    }
    for (String algorithm : new String[] {"Ed25519", "RSA"}) {
      try {
        PublicKey k = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        if (k instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
          throw new IllegalArgumentException("key '" + kid + "' is an RSA key of " + rsa.getModulus().bitLength()
              + " bits; at least 2048 are needed");
        }
        return k;
      } catch (GeneralSecurityException | ClassCastException tryNext) {
        // not a key of this type
      }
    }
    throw new IllegalArgumentException("key '" + kid + "' is neither an Ed25519 nor an RSA public key (SubjectPublicKeyInfo)");
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** {@code EdDSA} for an Ed25519 key, {@code RS256} for an RSA key. */
  static String algorithmOf(java.security.Key key) {
    return key.getAlgorithm().equals("RSA") ? "RS256" : "EdDSA";
  }

  private static String jcaName(String alg) {
    return alg.equals("RS256") ? "SHA256withRSA" : "Ed25519";
  }

  /**
   * The payload bytes of a JWS grant whose signature one of these keys verifies (the claims are not read yet).
   * The header is checked strictly: only {@code alg}, {@code kid} and {@code typ}, the alg the key's own.
   */
  byte[] verify(String headerB64, String payloadB64, String sigB64) throws GrantException {
    if (headerB64.length() > MAX_HEADER_CHARS) {
      throw GrantException.invalid("grant header is larger than " + MAX_HEADER_CHARS + " characters");
    }
    byte[] headerBytes = Hmac.decodeCanonicalBase64Url(headerB64);
    byte[] payload = Hmac.decodeCanonicalBase64Url(payloadB64);
    byte[] sig = Hmac.decodeCanonicalBase64Url(sigB64);
    if (headerBytes == null || payload == null || sig == null) {
      throw GrantException.invalid("grant parts must be canonical unpadded base64url");
    }
    JsonNode header;
    try {
      header = HEADER_MAPPER.readTree(headerBytes);
    } catch (IOException | RuntimeException e) {
      throw GrantException.invalid("grant header is not valid JSON");
    }
    if (header == null || !header.isObject()) {
      throw GrantException.invalid("grant header must be a JSON object {alg, kid}");
    }
    for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("alg") && !f.equals("kid") && !f.equals("typ")) {
        throw GrantException.invalid("grant header field '" + abbreviate(f) + "' is not supported (alg, kid, typ)");
      }
    }
    String alg = header.path("alg").isTextual() ? header.path("alg").textValue() : "";
    String kid = header.path("kid").isTextual() ? header.path("kid").textValue() : "";
    if (!alg.equals("EdDSA") && !alg.equals("RS256")) {
      throw GrantException.invalid("grant header alg '" + abbreviate(alg) + "' is not accepted (EdDSA, RS256)");
    }
    PublicKey key = keys.get(kid);
    if (key == null) {
      throw GrantException.invalid("grant key id '" + abbreviate(kid) + "' is not configured (SF_GRANT_PUBLIC_KEYS)");
    }
    if (!algorithmOf(key).equals(alg)) {
      throw GrantException.invalid("grant header alg " + alg + " does not match key '" + abbreviate(kid) + "' ("
          + algorithmOf(key) + ")");
    }
    try {
      Signature s = Signature.getInstance(jcaName(alg));
      s.initVerify(key);
      s.update((headerB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(sig)) {
        throw GrantException.invalid("grant signature does not match key '" + abbreviate(kid) + "'");
      }
    } catch (GeneralSecurityException e) {
      throw GrantException.invalid("grant signature does not match key '" + abbreviate(kid) + "'");
    }
    return payload;
  }

  /** Signs a payload as a JWS grant with {@code key} (Ed25519 or RSA) under {@code kid}: tools and tests. */
  public static String mint(JsonNode payload, String kid, PrivateKey key) {
    String alg = algorithmOf(key);
    ObjectNode header = Json.object();
    header.put("alg", alg);
    header.put("kid", kid);
    header.put("typ", "JWT");
    String signingInput = Hmac.base64Url(Json.bytes(header)) + "." + Hmac.base64Url(Json.bytes(payload));
    try {
      Signature s = Signature.getInstance(jcaName(alg));
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + Hmac.base64Url(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this " + key.getAlgorithm() + " key: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "…";
  }
}
