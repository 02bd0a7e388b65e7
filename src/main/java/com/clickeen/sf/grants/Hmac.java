package com.clickeen.sf.grants;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and the strict base64url that Paris speaks (no padding, canonical unused bits). */
public final class Hmac {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  /**
   * Keyed Macs ready for use. Not a ThreadLocal: every request runs on a new virtual thread, so a ThreadLocal
   * would look the provider up and key a new Mac for each one. Taken and given back; at most as many as
   * signatures computed at once.
   */
  private final java.util.concurrent.ConcurrentLinkedQueue<Mac> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public Hmac(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("HMAC key must not be empty");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    idle.add(newMac()); // an unavailable algorithm fails here, at start-up
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Full 32-byte tag of {@code prefix + message}. */
  public byte[] sign(byte[] prefix, byte[] message) {
    Mac mac = idle.poll();
    if (mac == null) {
      mac = newMac();
    }
    if (prefix != null) {
      mac.update(prefix);
    }
    mac.update(message);
    byte[] tag = mac.doFinal(); // which resets the Mac for its next use
    idle.offer(mac); // only a Mac that finished is given back
    return tag;
  }

  public byte[] sign(byte[] message) {
    return sign(null, message);
  }

  /**
   * Constant-time check of a tag that may be truncated to {@code tagBytes}. A tag of any other length
   * fails. (Wycheproof's truncated-tag groups use this; grants always use the full 32 bytes.)
   */
  public boolean verify(byte[] message, byte[] tag, int tagBytes) {
    if (tag == null || tag.length != tagBytes || tagBytes < 16 || tagBytes > 32) {
      return false;
    }
    byte[] full = sign(message);
    byte[] expected = tagBytes == full.length ? full : java.util.Arrays.copyOf(full, tagBytes);
    return MessageDigest.isEqual(expected, tag);
  }

  public static String base64Url(byte[] bytes) {
    return B64URL.encodeToString(bytes);
  }

  /**
   * Decodes base64url text the way Paris writes it and nothing else: alphabet {@code [A-Za-z0-9_-]},
   * no padding, and canonical (re-encoding gives the same text, so unused bits are zero).
   *
   * @return the bytes, or {@code null} when the text is not canonical base64url
   */
  public static byte[] decodeCanonicalBase64Url(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return null;
      }
    }
    if (text.length() % 4 == 1) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = B64URL_DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return B64URL.encodeToString(decoded).equals(text) ? decoded : null;
  }
}
