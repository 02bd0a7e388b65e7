package com.clickeen.sf.admin;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.KeyValueStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin's security: the password check, sessions (in the KV store, so every instance and a restart keep
 * them; the cookie holds a random token, the store only its hash), CSRF tokens, login throttling, cookies and
 * the response headers every admin page carries.
 */
final class AdminSecurity {
  static final String SESSION_COOKIE = "sf_admin";
  static final String LOGIN_COOKIE = "sf_admin_login";
  static final String CSRF_FIELD = "_csrf";
  static final Duration SESSION_IDLE = Duration.ofHours(12);
  /** Failed logins allowed per client address within {@link #THROTTLE_WINDOW}, and for all addresses together. */
  static final int MAX_FAILURES_PER_ADDRESS = 5;
  static final int MAX_FAILURES_TOTAL = 50;
  static final Duration THROTTLE_WINDOW = Duration.ofMinutes(5);
  /** No inline script or style anywhere: scripts and stylesheets come from /admin/static only. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final String KEY_PREFIX = "admin:session:";

  /** A logged-in session: who reviews, the CSRF token of its forms, and a one-time message for the next page. */
  record Session(String token, String reviewer, String csrf, String flash) {
    Session withFlash(String f) {
      return new Session(token, reviewer, csrf, f);
    }
  }

  private final byte[] passwordHash;
  private final KeyValueStore kv;
  private final SecureRandom random = new SecureRandom();
  private final Cache<String, AtomicInteger> failures;
  private final Cache<String, AtomicInteger> allWindow;

  AdminSecurity(String password, KeyValueStore kv, Clock clock) {
    this.passwordHash = sha256(password);
    this.kv = kv;
    com.github.benmanes.caffeine.cache.Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.failures = Caffeine.newBuilder().ticker(ticker).maximumSize(100_000)
        .expireAfterWrite(THROTTLE_WINDOW).build();
    this.allWindow = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(THROTTLE_WINDOW).build();
  }

  /** Compares digests in constant time: the time taken does not tell how much of a guess was right. */
  boolean passwordMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(sha256(candidate), passwordHash);
  }

  /** Whether {@code address} (or everyone together) has used up its failed logins for now. */
  boolean throttled(String address) {
    AtomicInteger mine = failures.getIfPresent(address);
    AtomicInteger all = allWindow.getIfPresent("all");
    return (mine != null && mine.get() >= MAX_FAILURES_PER_ADDRESS) || (all != null && all.get() >= MAX_FAILURES_TOTAL);
  }

  void failed(String address) {
    failures.get(address, k -> new AtomicInteger()).incrementAndGet();
    allWindow.get("all", k -> new AtomicInteger()).incrementAndGet();
  }

  void succeeded(String address) {
    failures.invalidate(address);
  }

  String newToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  Session create(String reviewer) {
    Session s = new Session(newToken(), reviewer, newToken(), null);
    save(s);
    return s;
  }

  void save(Session s) {
    ObjectNode n = Json.object();
    n.put("reviewer", s.reviewer());
    n.put("csrf", s.csrf());
    if (s.flash() != null) {
      n.put("flash", s.flash());
    }
    kv.put(key(s.token()), Json.bytes(n), SESSION_IDLE);
  }

  Optional<Session> find(String token) {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    return kv.get(key(token)).map(bytes -> {
      JsonNode n;
      try {
        n = Json.parse(bytes);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("admin session record is not JSON", e);
      }
      return new Session(token, n.path("reviewer").asText(), n.path("csrf").asText(),
          n.hasNonNull("flash") ? n.get("flash").asText() : null);
    });
  }

  void delete(String token) {
    if (token != null) {
      kv.delete(key(token));
    }
  }

  private static String key(String token) {
    return KEY_PREFIX + HexFormat.of().formatHex(sha256(token));
  }

  /** Two tokens are equal, compared in constant time; null never matches. */
  static boolean sameToken(String a, String b) {
    return a != null && b != null && !a.isEmpty()
        && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Behind TLS, directly or at a proxy that says so ({@code X-Forwarded-Proto: https}). */
  static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  /** A cookie for /admin only: HttpOnly, SameSite=Strict, Secure behind https; {@code maxAge} 0 deletes it. */
  static void cookie(Context ctx, String name, String value, Integer maxAgeSeconds) {
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/admin; HttpOnly; SameSite=Strict"
        + (secure(ctx) ? "; Secure" : "") + (maxAgeSeconds == null ? "" : "; Max-Age=" + maxAgeSeconds));
  }

  /** What every admin response carries. */
  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (secure(ctx)) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
