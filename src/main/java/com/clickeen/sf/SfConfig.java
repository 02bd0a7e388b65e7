package com.clickeen.sf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The service's configuration: immutable, validated at start-up. A bad value fails with a message naming
 * the key, the value and the rule; nothing silently resets itself.
 *
 * @param grantSecret {@code AI_GRANT_HMAC_SECRET} as UTF-8 bytes (at least 32)
 * @param clockSkew tolerated difference between Paris's clock and ours when checking grant expiry
 * @param defaultTimeout time budget of an execute whose grant has no {@code timeoutMs}
 * @param maxTimeout upper bound of any execute's time budget
 * @param timezone the zone job schedules are read in (03:00 is 03:00 there)
 * @param attributionWindow how long before a conversion or payment an interaction still gets credit for it
 * @param rawRetention how long raw interaction payloads are kept in the blob store
 * @param jobsEnabled whether this instance runs the scheduled jobs (several instances may; each run happens once)
 * @param storage where SQL, KV, queue and blobs live (the embedded default, or PostgreSQL, Redis and S3)
 * @param limits HTTP deadlines and connection caps, executes in flight per subject, accepted grant issuers and lifetime
 */
public record SfConfig(
    String host,
    int port,
    Path dataDir,
    String env,
    byte[] grantSecret,
    Duration clockSkew,
    Duration defaultTimeout,
    Duration maxTimeout,
    Duration sessionTtl,
    java.time.ZoneId timezone,
    Duration attributionWindow,
    Duration rawRetention,
    boolean jobsEnabled,
    Duration jobsPollInterval,
    com.clickeen.sf.store.StorageSettings storage,
    Limits limits) {

  public static final int MIN_SECRET_BYTES = 32;

  public SfConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("SF_PORT", String.valueOf(port), "must be 0..65535");
    }
    if (env == null || !env.matches("[a-z0-9-]{1,32}")) {
      throw new ConfigException("SF_ENV", env, "must be 1..32 characters of [a-z0-9-]");
    }
    if (grantSecret == null || grantSecret.length < MIN_SECRET_BYTES) {
      throw new ConfigException("AI_GRANT_HMAC_SECRET", grantSecret == null ? "(unset)" : "(" + grantSecret.length + " bytes)",
          "is required and must be at least " + MIN_SECRET_BYTES + " bytes; for local use start with ./sf serve --dev");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new ConfigException("SF_GRANT_CLOCK_SKEW_MS", String.valueOf(clockSkew.toMillis()), "must be 0..300000");
    }
    if (defaultTimeout.toMillis() < 100 || defaultTimeout.compareTo(maxTimeout) > 0) {
      throw new ConfigException("SF_DEFAULT_TIMEOUT_MS", String.valueOf(defaultTimeout.toMillis()),
          "must be at least 100 and at most SF_MAX_TIMEOUT_MS (" + maxTimeout.toMillis() + ")");
    }
    if (maxTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException("SF_MAX_TIMEOUT_MS", String.valueOf(maxTimeout.toMillis()), "must be at most 600000");
    }
    if (sessionTtl.toSeconds() < 60) {
      throw new ConfigException("SF_SESSION_TTL_S", String.valueOf(sessionTtl.toSeconds()), "must be at least 60");
    }
    if (attributionWindow.isNegative() || attributionWindow.isZero()) {
      throw new ConfigException("SF_ATTRIBUTION_WINDOW_DAYS", String.valueOf(attributionWindow.toDays()), "must be at least 1");
    }
    if (jobsPollInterval.toMillis() < 100) {
      throw new ConfigException("SF_JOBS_POLL_MS", String.valueOf(jobsPollInterval.toMillis()), "must be at least 100");
    }
    if (rawRetention.toDays() < 1) {
      throw new ConfigException("SF_RAW_RETENTION_DAYS", String.valueOf(rawRetention.toDays()), "must be at least 1");
    }
    grantSecret = grantSecret.clone();
  }

  /** Reads the environment; {@code port}, {@code dataDir} and {@code secret} override it when non-null. */
  public static SfConfig fromEnv(Map<String, String> env, Integer port, Path dataDir, byte[] secret) {
    String secretText = env.get("AI_GRANT_HMAC_SECRET");
    return new SfConfig(
        env.getOrDefault("SF_HOST", "127.0.0.1"),
        port != null ? port : intValue(env, "SF_PORT", 8787),
        dataDir != null ? dataDir : Path.of(env.getOrDefault("SF_DATA_DIR", "./data")),
        env.getOrDefault("SF_ENV", "dev"),
        secret != null ? secret : secretText == null ? null : secretText.getBytes(StandardCharsets.UTF_8),
        Duration.ofMillis(intValue(env, "SF_GRANT_CLOCK_SKEW_MS", 5_000)),
        Duration.ofMillis(intValue(env, "SF_DEFAULT_TIMEOUT_MS", 25_000)),
        Duration.ofMillis(intValue(env, "SF_MAX_TIMEOUT_MS", 60_000)),
        Duration.ofSeconds(intValue(env, "SF_SESSION_TTL_S", 86_400)),
        zone(env.getOrDefault("SF_TIMEZONE", "UTC")),
        Duration.ofDays(intValue(env, "SF_ATTRIBUTION_WINDOW_DAYS", 7)),
        Duration.ofDays(intValue(env, "SF_RAW_RETENTION_DAYS", 90)),
        !"off".equalsIgnoreCase(env.getOrDefault("SF_JOBS", "on")),
        Duration.ofMillis(intValue(env, "SF_JOBS_POLL_MS", 10_000)),
        com.clickeen.sf.store.StorageSettings.fromEnv(env,
            dataDir != null ? dataDir : Path.of(env.getOrDefault("SF_DATA_DIR", "./data"))),
        Limits.fromEnv(env));
  }

  private static java.time.ZoneId zone(String id) {
    try {
      return java.time.ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("SF_TIMEZONE", id, "must be a time zone id such as UTC or Europe/Paris");
    }
  }

  static int intValue(Map<String, String> env, String key, int dflt) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "must be an integer");
    }
  }

  /** The effective configuration, secrets masked, for the start-up log. */
  public String describe() {
    return "host=" + host + " port=" + port + " dataDir=" + dataDir.toAbsolutePath() + " env=" + env
        + " AI_GRANT_HMAC_SECRET=(" + grantSecret.length + " bytes, masked) clockSkew=" + clockSkew.toMillis() + "ms"
        + " defaultTimeout=" + defaultTimeout.toMillis() + "ms maxTimeout=" + maxTimeout.toMillis() + "ms"
        + " sessionTtl=" + sessionTtl.toSeconds() + "s timezone=" + timezone + " attributionWindow="
        + attributionWindow.toDays() + "d rawRetention=" + rawRetention.toDays() + "d jobs=" + (jobsEnabled ? "on" : "off")
        + " storage: " + storage.describe() + " limits: " + limits.describe();
  }

  @Override
  public String toString() {
    return "SfConfig[" + describe() + "]";
  }

  /** A configuration value broke its rule. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String key, String value, String rule) {
      super("configuration " + key + "=" + value + " " + rule);
    }
  }
}
