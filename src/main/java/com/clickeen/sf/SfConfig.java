package com.clickeen.sf;

import com.clickeen.sf.learning.evolution.EvolutionSettings;
import com.clickeen.sf.llm.LlmSettings;
import com.clickeen.sf.logging.LogFormat;
import com.clickeen.sf.store.StorageSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The service's configuration: every environment variable the Java side reads, read once, immutable and
 * validated at start-up per field and across fields. A bad value fails with a message naming the key, the
 * value and the rule; nothing silently resets itself. {@link #describe()} is the effective configuration,
 * secrets masked, that the service logs once when it starts. (The launcher's own {@code SF_JAVA_OPTS} and
 * {@code SF_AOT} are read by {@code ./sf}, not here.)
 *
 * @param grantSecret {@code AI_GRANT_HMAC_SECRET} as UTF-8 bytes (at least 32)
 * @param clockSkew tolerated difference between Paris's clock and ours when checking grant expiry
 * @param defaultTimeout time budget of an execute whose grant has no {@code timeoutMs}
 * @param maxTimeout upper bound of any execute's time budget
 * @param timezone the zone job schedules are read in (03:00 is 03:00 there)
 * @param attributionWindow how long before a conversion or payment an interaction still gets credit for it
 * @param rawRetention how long raw interaction payloads are kept in the blob store
 * @param logFormat {@code SF_LOG_FORMAT}: {@code text} (default) or {@code json}, one object per line
 * @param jobsEnabled whether this instance runs the scheduled jobs (several instances may; each run happens once)
 * @param storage where SQL, KV, queue and blobs live (the embedded default, or PostgreSQL, Redis and S3)
 * @param llm model providers, routes, prices and the per-provider concurrency limit
 * @param evolution how prompts evolve by themselves (proposals, the offline gate, experiments)
 * @param limits HTTP deadlines and connection caps, executes in flight per subject, accepted grant issuers and lifetime
 * @param adminPassword {@code SF_ADMIN_PASSWORD}: the admin UI's password (at least 12 characters); null turns
 *     {@code /admin} off
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
    ZoneId timezone,
    Duration attributionWindow,
    Duration rawRetention,
    boolean jobsEnabled,
    Duration jobsPollInterval,
    LogFormat logFormat,
    StorageSettings storage,
    LlmSettings llm,
    EvolutionSettings evolution,
    Limits limits,
    String adminPassword) {

  public static final int MIN_SECRET_BYTES = 32;
  public static final int MIN_ADMIN_PASSWORD = 12;
  public static final String DEFAULT_DATA_DIR = "./data";

  public SfConfig {
    if (host == null || host.isBlank()) {
      throw new ConfigException("SF_HOST", host, "must be a host name or IP address to bind to");
    }
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
    if (maxTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException("SF_MAX_TIMEOUT_MS", String.valueOf(maxTimeout.toMillis()), "must be at most 600000");
    }
    if (defaultTimeout.toMillis() < 100 || defaultTimeout.compareTo(maxTimeout) > 0) {
      throw new ConfigException("SF_DEFAULT_TIMEOUT_MS", String.valueOf(defaultTimeout.toMillis()),
          "must be at least 100 and at most SF_MAX_TIMEOUT_MS (" + maxTimeout.toMillis() + ")");
    }
    if (sessionTtl.toSeconds() < 60) {
      throw new ConfigException("SF_SESSION_TTL_S", String.valueOf(sessionTtl.toSeconds()), "must be at least 60");
    }
    if (attributionWindow.toDays() < 1) {
      throw new ConfigException("SF_ATTRIBUTION_WINDOW_DAYS", String.valueOf(attributionWindow.toDays()), "must be at least 1");
    }
    if (jobsPollInterval.toMillis() < 100) {
      throw new ConfigException("SF_JOBS_POLL_MS", String.valueOf(jobsPollInterval.toMillis()), "must be at least 100");
    }
    if (rawRetention.toDays() < 1) {
      throw new ConfigException("SF_RAW_RETENTION_DAYS", String.valueOf(rawRetention.toDays()), "must be at least 1");
    }
    if (logFormat == null) {
      throw new IllegalArgumentException("logFormat is required (SfConfig.fromEnv reads SF_LOG_FORMAT)");
    }
    if (storage == null || llm == null || evolution == null || limits == null) {
      throw new IllegalArgumentException("storage, llm, evolution and limits settings are required (SfConfig.fromEnv builds them)");
    }
    if (adminPassword != null && (adminPassword.length() < MIN_ADMIN_PASSWORD || adminPassword.length() > 256
        || !adminPassword.strip().equals(adminPassword))) {
      throw new ConfigException("SF_ADMIN_PASSWORD", "(" + adminPassword.length() + " characters, masked)",
          "must be " + MIN_ADMIN_PASSWORD + "..256 characters without leading or trailing spaces; unset it to turn "
              + "the admin UI off, or start with ./sf serve --dev for a generated one");
    }
    grantSecret = grantSecret.clone();
  }

  /** Whether {@code /admin} is served (a password is configured). */
  public boolean adminEnabled() {
    return adminPassword != null;
  }

  @Override
  public byte[] grantSecret() {
    return grantSecret.clone();
  }

  /**
   * What the command line sets instead of the environment; {@code null} fields leave the environment's value.
   *
   * @param port {@code --port} over {@code SF_PORT}
   * @param dataDir {@code --data-dir} over {@code SF_DATA_DIR}
   * @param grantSecret a secret from elsewhere (the {@code --dev} file, a tool's own) over {@code AI_GRANT_HMAC_SECRET}
   * @param configFile {@code --config} over {@code SF_CONFIG_FILE}
   * @param adminPassword the {@code --dev} admin password over {@code SF_ADMIN_PASSWORD}
   */
  public record Overrides(Integer port, Path dataDir, byte[] grantSecret, Path configFile, String adminPassword) {
    public static Overrides none() {
      return new Overrides(null, null, null, null, null);
    }

    public Overrides withPort(Integer p) {
      return new Overrides(p, dataDir, grantSecret, configFile, adminPassword);
    }

    public Overrides withDataDir(Path d) {
      return new Overrides(port, d, grantSecret, configFile, adminPassword);
    }

    public Overrides withGrantSecret(byte[] s) {
      return new Overrides(port, dataDir, s, configFile, adminPassword);
    }

    public Overrides withConfigFile(Path f) {
      return new Overrides(port, dataDir, grantSecret, f, adminPassword);
    }

    public Overrides withAdminPassword(String p) {
      return new Overrides(port, dataDir, grantSecret, configFile, p);
    }
  }

  /** The process environment: the one place the Java side reads it. Pass it to {@link #fromEnv}. */
  public static Map<String, String> processEnvironment() {
    return System.getenv();
  }

  /** Reads the environment; {@code port}, {@code dataDir} and {@code secret} override it when non-null. */
  public static SfConfig fromEnv(Map<String, String> env, Integer port, Path dataDir, byte[] secret) {
    return fromEnv(env, Overrides.none().withPort(port).withDataDir(dataDir).withGrantSecret(secret));
  }

  /** Reads and validates every key; the first bad value throws {@link ConfigException}. */
  public static SfConfig fromEnv(Map<String, String> env, Overrides o) {
    Path dataDir = o.dataDir() != null ? o.dataDir() : dataDir(env);
    return new SfConfig(
        env.getOrDefault("SF_HOST", "127.0.0.1"),
        o.port() != null ? o.port() : EnvValues.integer(env, "SF_PORT", 8787),
        dataDir,
        env.getOrDefault("SF_ENV", "dev"),
        o.grantSecret() != null ? o.grantSecret() : grantSecret(env),
        Duration.ofMillis(EnvValues.integer(env, "SF_GRANT_CLOCK_SKEW_MS", 5_000)),
        Duration.ofMillis(EnvValues.integer(env, "SF_DEFAULT_TIMEOUT_MS", 25_000)),
        Duration.ofMillis(EnvValues.integer(env, "SF_MAX_TIMEOUT_MS", 60_000)),
        Duration.ofSeconds(EnvValues.integer(env, "SF_SESSION_TTL_S", 86_400)),
        EnvValues.zone(env, "SF_TIMEZONE", "UTC"),
        Duration.ofDays(EnvValues.integer(env, "SF_ATTRIBUTION_WINDOW_DAYS", 7)),
        Duration.ofDays(EnvValues.integer(env, "SF_RAW_RETENTION_DAYS", 90)),
        EnvValues.bool(env, "SF_JOBS", true),
        Duration.ofMillis(EnvValues.integer(env, "SF_JOBS_POLL_MS", 10_000)),
        logFormat(env),
        storage(env, dataDir),
        LlmSettings.fromEnv(env, o.configFile() != null ? o.configFile() : configFile(env)),
        EvolutionSettings.fromEnv(env),
        Limits.fromEnv(env),
        o.adminPassword() != null ? o.adminPassword() : adminPassword(env));
  }

  /** {@code SF_ADMIN_PASSWORD}, or {@code null} when unset or empty (the admin UI is then off). */
  public static String adminPassword(Map<String, String> env) {
    String v = env.get("SF_ADMIN_PASSWORD");
    return v == null || v.isEmpty() ? null : v;
  }

  /** {@code SF_LOG_FORMAT}: {@code text} or {@code json} (any case); unset or empty is {@code text}. */
  public static LogFormat logFormat(Map<String, String> env) {
    String v = env.get("SF_LOG_FORMAT");
    if (v == null || v.isEmpty()) {
      return LogFormat.TEXT;
    }
    LogFormat f = LogFormat.parse(v);
    if (f == null) {
      throw new ConfigException("SF_LOG_FORMAT", v, "must be text or json");
    }
    return f;
  }

  /** {@code SF_DATA_DIR}, else {@code ./data}. */
  public static Path dataDir(Map<String, String> env) {
    String v = env.get("SF_DATA_DIR");
    return Path.of(v == null || v.isBlank() ? DEFAULT_DATA_DIR : v);
  }

  /**
   * {@code AI_GRANT_HMAC_SECRET} as UTF-8 bytes, surrounding whitespace trimmed as Paris and Clickeen's worker
   * trim it (JavaScript's {@code String.prototype.trim}: a secret set with a trailing newline signs the same
   * grants there and here), or {@code null} when unset or blank.
   */
  public static byte[] grantSecret(Map<String, String> env) {
    String v = env.get("AI_GRANT_HMAC_SECRET");
    String t = v == null ? "" : jsTrim(v);
    return t.isEmpty() ? null : t.getBytes(StandardCharsets.UTF_8);
  }

  /** What JavaScript's {@code trim()} removes: white space and line terminators, BOM included, at both ends. */
  public static String jsTrim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && jsSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && jsSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean jsSpace(char c) {
    return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0x00A0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000
        || c == 0xFEFF;
  }

  /** {@code SF_CONFIG_FILE}, or {@code null} when unset or blank. */
  public static Path configFile(Map<String, String> env) {
    String v = env.get("SF_CONFIG_FILE");
    return v == null || v.isBlank() ? null : Path.of(v.trim());
  }

  /** {@code SF_SQL_URL}, {@code SF_REDIS_URL}, {@code SF_REDIS_PREFIX}, {@code SF_BLOB_URL} (CLI tools need only these). */
  public static StorageSettings storage(Map<String, String> env, Path dataDir) {
    String sync = EnvValues.text(env, "SF_LOG_SYNC_MS");
    int syncMs;
    try {
      syncMs = sync == null ? StorageSettings.DEFAULT_LOG_SYNC_MS : Integer.parseInt(sync.strip());
    } catch (NumberFormatException e) {
      syncMs = -1;
    }
    if (syncMs < 0 || syncMs > StorageSettings.MAX_LOG_SYNC_MS) {
      throw new ConfigException("SF_LOG_SYNC_MS", sync, "must be a whole number of milliseconds from 0 (sync before "
          + "each answer) to " + StorageSettings.MAX_LOG_SYNC_MS);
    }
    return new StorageSettings(dataDir, EnvValues.text(env, "SF_SQL_URL"), EnvValues.text(env, "SF_REDIS_URL"),
        env.getOrDefault("SF_REDIS_PREFIX", "sf:"), EnvValues.text(env, "SF_BLOB_URL"), syncMs);
  }

  /** The effective configuration, secrets masked, for the start-up log. */
  public String describe() {
    return "host=" + host + " port=" + port + " dataDir=" + dataDir.toAbsolutePath() + " env=" + env
        + " AI_GRANT_HMAC_SECRET=(" + grantSecret.length + " bytes, masked) clockSkew=" + clockSkew.toMillis() + "ms"
        + " defaultTimeout=" + defaultTimeout.toMillis() + "ms maxTimeout=" + maxTimeout.toMillis() + "ms"
        + " sessionTtl=" + sessionTtl.toSeconds() + "s timezone=" + timezone + " attributionWindow="
        + attributionWindow.toDays() + "d rawRetention=" + rawRetention.toDays() + "d jobs=" + (jobsEnabled ? "on" : "off")
        + " jobsPoll=" + jobsPollInterval.toMillis() + "ms log=" + logFormat.name().toLowerCase(java.util.Locale.ROOT)
        + " storage: " + storage.describe() + " llm: " + llm.describe()
        + " evolution: " + evolution.describe() + " limits: " + limits.describe()
        + " SF_ADMIN_PASSWORD=" + (adminPassword == null ? "(unset: /admin is off)" : "(set, masked)");
  }

  @Override
  public String toString() {
    return "SfConfig[" + describe() + "]";
  }

  /** A configuration value broke its rule. */
  public static class ConfigException extends RuntimeException {
    public ConfigException(String key, String value, String rule) {
      super("configuration " + key + "=" + value + " " + rule);
    }
  }
}
