package com.clickeen.sf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.llm.LlmConfig;
import com.clickeen.sf.llm.ModelRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SfConfigTest {
  static final String SECRET = "config-test-secret-config-test-secret-0123";

  @TempDir
  Path dir;

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("AI_GRANT_HMAC_SECRET", SECRET);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  static SfConfig read(Map<String, String> env) {
    return SfConfig.fromEnv(env, SfConfig.Overrides.none());
  }

  @Test
  void an_empty_environment_gives_the_documented_defaults() {
    SfConfig c = read(env());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8787);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.env()).isEqualTo("dev");
    assertThat(c.grantSecret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.defaultTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(c.maxTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(c.timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.attributionWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(c.rawRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(c.jobsEnabled()).isTrue();
    assertThat(c.jobsPollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.storage().sqlUrl()).isNull();
    assertThat(c.storage().redisUrl()).isNull();
    assertThat(c.storage().redisPrefix()).isEqualTo("sf:");
    assertThat(c.storage().blobUrl()).isNull();
    assertThat(c.llm().configFile()).isNull();
    assertThat(c.llm().maxConcurrencyPerProvider()).isEqualTo(4096);
  }

  @Test
  void every_key_is_read() {
    SfConfig c = read(env("SF_HOST", "0.0.0.0", "SF_PORT", "9000", "SF_DATA_DIR", "/tmp/sf-x", "SF_ENV", "prod-eu",
        "SF_GRANT_CLOCK_SKEW_MS", "1000", "SF_DEFAULT_TIMEOUT_MS", "2000", "SF_MAX_TIMEOUT_MS", "3000",
        "SF_SESSION_TTL_S", "600", "SF_TIMEZONE", "Europe/Paris", "SF_ATTRIBUTION_WINDOW_DAYS", "3",
        "SF_RAW_RETENTION_DAYS", "30", "SF_JOBS", "off", "SF_JOBS_POLL_MS", "500",
        "SF_SQL_URL", " jdbc:postgresql://db/sf ", "SF_REDIS_URL", "redis://r:6379/0", "SF_REDIS_PREFIX", "x:",
        "SF_BLOB_URL", "s3://b?region=auto", "SF_PROVIDER_MAX_CONCURRENCY", "12", "DEEPSEEK_API_KEY", "sk-ds"));
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/sf-x"));
    assertThat(c.env()).isEqualTo("prod-eu");
    assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.defaultTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.maxTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.sessionTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(c.attributionWindow()).isEqualTo(Duration.ofDays(3));
    assertThat(c.rawRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(c.jobsEnabled()).isFalse();
    assertThat(c.jobsPollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.storage().sqlUrl()).isEqualTo("jdbc:postgresql://db/sf");
    assertThat(c.storage().redisUrl()).isEqualTo("redis://r:6379/0");
    assertThat(c.storage().redisPrefix()).isEqualTo("x:");
    assertThat(c.storage().blobUrl()).isEqualTo("s3://b?region=auto");
    assertThat(c.storage().dataDir()).isEqualTo(Path.of("/tmp/sf-x"));
    assertThat(c.llm().maxConcurrencyPerProvider()).isEqualTo(12);
    assertThat(c.llm().variable("DEEPSEEK_API_KEY")).isEqualTo("sk-ds");
  }

  @Test
  void SF_JOBS_false_turns_jobs_off() {
    assertThat(read(env("SF_JOBS", "false")).jobsEnabled()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"true,true", "TRUE,true", "1,true", "yes,true", "on,true", "' on ',true",
      "false,false", "False,false", "0,false", "no,false", "off,false", "'',true"})
  void SF_JOBS_accepts_the_usual_spellings_of_true_and_false(String value, boolean enabled) {
    assertThat(read(env("SF_JOBS", value)).jobsEnabled()).isEqualTo(enabled);
  }

  @ParameterizedTest
  @CsvSource({"json,JSON", "JSON,JSON", "text,TEXT", "' Json ',JSON", "'',TEXT"})
  void SF_LOG_FORMAT_is_text_or_json_in_any_case(String value, com.clickeen.sf.logging.LogFormat format) {
    assertThat(read(env("SF_LOG_FORMAT", value)).logFormat()).isEqualTo(format);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SF_JOBS|maybe|configuration SF_JOBS=maybe must be true, false, 1, 0, yes, no, on or off",
      "SF_JOBS|2|configuration SF_JOBS=2 must be true, false, 1, 0, yes, no, on or off",
      "SF_HOST|' '|configuration SF_HOST=  must be a host name or IP address to bind to",
      "SF_PORT|80a|configuration SF_PORT=80a must be an integer",
      "SF_PORT|70000|configuration SF_PORT=70000 must be 0..65535",
      "SF_ENV|Prod|configuration SF_ENV=Prod must be 1..32 characters of [a-z0-9-]",
      "SF_GRANT_CLOCK_SKEW_MS|-1|configuration SF_GRANT_CLOCK_SKEW_MS=-1 must be 0..300000",
      "SF_GRANT_CLOCK_SKEW_MS|300001|configuration SF_GRANT_CLOCK_SKEW_MS=300001 must be 0..300000",
      "SF_DEFAULT_TIMEOUT_MS|99|configuration SF_DEFAULT_TIMEOUT_MS=99 must be at least 100 and at most SF_MAX_TIMEOUT_MS (60000)",
      "SF_DEFAULT_TIMEOUT_MS|60001|configuration SF_DEFAULT_TIMEOUT_MS=60001 must be at least 100 and at most SF_MAX_TIMEOUT_MS (60000)",
      "SF_MAX_TIMEOUT_MS|600001|configuration SF_MAX_TIMEOUT_MS=600001 must be at most 600000",
      "SF_SESSION_TTL_S|59|configuration SF_SESSION_TTL_S=59 must be at least 60",
      "SF_TIMEZONE|Mars/Olympus|configuration SF_TIMEZONE=Mars/Olympus must be a time zone id such as UTC or Europe/Paris",
      "SF_ATTRIBUTION_WINDOW_DAYS|0|configuration SF_ATTRIBUTION_WINDOW_DAYS=0 must be at least 1",
      "SF_RAW_RETENTION_DAYS|0|configuration SF_RAW_RETENTION_DAYS=0 must be at least 1",
      "SF_JOBS_POLL_MS|99|configuration SF_JOBS_POLL_MS=99 must be at least 100",
      "SF_JOBS_POLL_MS|ten|configuration SF_JOBS_POLL_MS=ten must be an integer",
      "SF_LOG_FORMAT|xml|configuration SF_LOG_FORMAT=xml must be text or json",
      "SF_PROVIDER_MAX_CONCURRENCY|0|configuration SF_PROVIDER_MAX_CONCURRENCY=0 must be at least 1",
      "SF_PROVIDER_MAX_CONCURRENCY|many|configuration SF_PROVIDER_MAX_CONCURRENCY=many must be an integer"})
  void a_bad_value_fails_naming_the_key_the_value_and_the_rule(String key, String value, String message) {
    assertThatThrownBy(() -> read(env(key, value)))
        .isInstanceOf(SfConfig.ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void the_default_timeout_is_checked_against_the_configured_maximum() {
    assertThatThrownBy(() -> read(env("SF_MAX_TIMEOUT_MS", "10000", "SF_DEFAULT_TIMEOUT_MS", "20000")))
        .isInstanceOf(SfConfig.ConfigException.class)
        .hasMessage("configuration SF_DEFAULT_TIMEOUT_MS=20000 must be at least 100 and at most SF_MAX_TIMEOUT_MS (10000)");
  }

  @Test
  void a_missing_or_short_secret_is_refused_without_printing_it() {
    Map<String, String> none = env();
    none.remove("AI_GRANT_HMAC_SECRET");
    assertThatThrownBy(() -> read(none)).isInstanceOf(SfConfig.ConfigException.class)
        .hasMessage("configuration AI_GRANT_HMAC_SECRET=(unset) is required and must be at least 32 bytes; "
            + "for local use start with ./sf serve --dev");
    assertThatThrownBy(() -> read(env("AI_GRANT_HMAC_SECRET", "short-secret")))
        .isInstanceOf(SfConfig.ConfigException.class)
        .hasMessageStartingWith("configuration AI_GRANT_HMAC_SECRET=(12 bytes) is required")
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void the_secret_is_trimmed_as_paris_and_the_old_worker_trim_it() {
    for (String spelled : new String[] {SECRET + "\n", SECRET + "\r\n", "  " + SECRET + "\t", "\uFEFF" + SECRET + "\u00A0"}) {
      assertThat(read(env("AI_GRANT_HMAC_SECRET", spelled)).grantSecret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> blank = env("AI_GRANT_HMAC_SECRET", " \n ");
    assertThatThrownBy(() -> read(blank)).hasMessageStartingWith("configuration AI_GRANT_HMAC_SECRET=(unset)");
    // Trimming never makes a short secret long enough.
    assertThatThrownBy(() -> read(env("AI_GRANT_HMAC_SECRET", "short-secret" + " ".repeat(40))))
        .hasMessageStartingWith("configuration AI_GRANT_HMAC_SECRET=(12 bytes)");
  }

  @Test
  void grant_public_keys_are_read_inline_or_from_a_file_and_checked() throws Exception {
    java.security.KeyPair ed = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String json = "{\"paris-2026\":\"" + java.util.Base64.getEncoder().encodeToString(ed.getPublic().getEncoded()) + "\"}";
    assertThat(read(env("SF_GRANT_PUBLIC_KEYS", json)).limits().grantPublicKeys().keyIds()).containsExactly("paris-2026");
    Path file = dir.resolve("keys.json");
    Files.writeString(file, json);
    SfConfig fromFile = read(env("SF_GRANT_PUBLIC_KEYS", file.toString(), "SF_GRANT_HMAC_GRANTS", "false"));
    assertThat(fromFile.limits().hmacGrants()).isFalse();
    assertThat(fromFile.describe()).contains("grantPublicKeys=[paris-2026] hmacGrants=false");
    assertThat(read(env()).limits().grantPublicKeys().isEmpty()).isTrue();
    assertThatThrownBy(() -> read(env("SF_GRANT_HMAC_GRANTS", "false"))).hasMessage(
        "configuration SF_GRANT_HMAC_GRANTS=false needs SF_GRANT_PUBLIC_KEYS, else no grant can verify");
    assertThatThrownBy(() -> read(env("SF_GRANT_PUBLIC_KEYS", "{\"k\":\"AAAA\"}"))).hasMessage(
        "configuration SF_GRANT_PUBLIC_KEYS=(inline JSON) key 'k' is neither an Ed25519 nor an RSA public key "
            + "(SubjectPublicKeyInfo)");
    assertThatThrownBy(() -> read(env("SF_GRANT_PUBLIC_KEYS", dir.resolve("missing.json").toString())))
        .hasMessageStartingWith("configuration SF_GRANT_PUBLIC_KEYS=" + dir.resolve("missing.json")
            + " is neither inline JSON nor a readable file");
  }

  @Test
  void the_command_line_overrides_the_environment() throws Exception {
    Path envFile = dir.resolve("env.json");
    Path cliFile = dir.resolve("cli.json");
    Files.writeString(envFile, "{}");
    Files.writeString(cliFile, "{}");
    byte[] other = "another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8);
    SfConfig c = SfConfig.fromEnv(env("SF_PORT", "9000", "SF_DATA_DIR", "/env", "SF_CONFIG_FILE", envFile.toString()),
        SfConfig.Overrides.none().withPort(0).withDataDir(dir).withGrantSecret(other).withConfigFile(cliFile));
    assertThat(c.port()).isZero();
    assertThat(c.dataDir()).isEqualTo(dir);
    assertThat(c.storage().dataDir()).isEqualTo(dir);
    assertThat(c.grantSecret()).isEqualTo(other);
    assertThat(c.llm().configFile()).isEqualTo(cliFile);
    assertThat(read(env("SF_CONFIG_FILE", envFile.toString())).llm().configFile()).isEqualTo(envFile);
  }

  @Test
  void an_unreadable_config_file_is_named() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> read(env("SF_CONFIG_FILE", missing.toString())))
        .isInstanceOf(LlmConfig.LlmConfigException.class)
        .hasMessageStartingWith("config file " + missing + " could not be read as JSON");
  }

  @Test
  void a_key_named_by_the_config_file_is_read_from_the_same_environment() throws Exception {
    Path cfg = dir.resolve("sf.json");
    Files.writeString(cfg, "{\"providers\": {\"local\": {\"type\": \"openai-compatible\", "
        + "\"baseUrl\": \"http://127.0.0.1:1/v1\", \"apiKeyEnv\": \"LOCAL_LLM_KEY\"}}}");
    SfConfig c = read(env("SF_CONFIG_FILE", cfg.toString(), "LOCAL_LLM_KEY", "local-key-0123456789"));
    assertThat(c.llm().variable("LOCAL_LLM_KEY")).isEqualTo("local-key-0123456789");
    assertThat(c.llm().variable("HOME")).isNull();
  }

  @Test
  void the_provider_concurrency_limit_reaches_the_router() {
    try (ModelRouter router = LlmConfig.fromSettings(read(env("SF_PROVIDER_MAX_CONCURRENCY", "7")).llm())) {
      assertThat(router.maxConcurrencyPerProvider()).isEqualTo(7);
      assertThat(router.bulkhead("deepseek").availablePermits()).isEqualTo(7);
    }
  }

  @Test
  void the_logged_configuration_masks_secrets_and_keys() {
    SfConfig c = read(env("DEEPSEEK_API_KEY", "sk-deepseek-secret-value-42", "DEEPSEEK_BASE_URL", "http://127.0.0.1:9/v1",
        "SF_SQL_URL", "jdbc:postgresql://db/sf?user=u&password=hunter2", "SF_JOBS", "no"));
    String logged = c.describe();
    assertThat(logged).doesNotContain(SECRET).doesNotContain("sk-deepseek-secret-value-42").doesNotContain("hunter2")
        .contains("AI_GRANT_HMAC_SECRET=(42 bytes, masked)")
        .contains("DEEPSEEK_API_KEY=(27 chars, …42)")
        .contains("DEEPSEEK_BASE_URL=http://127.0.0.1:9/v1")
        .contains("jobs=off")
        .contains("providerMaxConcurrency=4096");
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("sk-deepseek-secret-value-42");
    assertThat(c.llm().toString()).doesNotContain("sk-deepseek-secret-value-42");
  }

  @Test
  void the_admin_password_turns_the_admin_on_is_checked_and_never_logged() {
    assertThat(read(env()).adminEnabled()).isFalse();
    assertThat(read(env()).describe()).contains("SF_ADMIN_PASSWORD=(unset: /admin is off)");
    SfConfig on = read(env("SF_ADMIN_PASSWORD", "correct-horse-battery"));
    assertThat(on.adminEnabled()).isTrue();
    assertThat(on.describe()).contains("SF_ADMIN_PASSWORD=(set, masked)").doesNotContain("correct-horse-battery");
    assertThatThrownBy(() -> read(env("SF_ADMIN_PASSWORD", "short-pw")))
        .isInstanceOf(SfConfig.ConfigException.class)
        .hasMessage("configuration SF_ADMIN_PASSWORD=(8 characters, masked) must be 12..256 characters without "
            + "leading or trailing spaces; unset it to turn the admin UI off, or start with ./sf serve --dev for a "
            + "generated one")
        .hasMessageNotContaining("short-pw");
    assertThatThrownBy(() -> read(env("SF_ADMIN_PASSWORD", " padded-password ")))
        .hasMessageStartingWith("configuration SF_ADMIN_PASSWORD=(17 characters, masked) must be");
    SfConfig overridden = SfConfig.fromEnv(env("SF_ADMIN_PASSWORD", "from-the-environment"),
        SfConfig.Overrides.none().withAdminPassword("from-the-dev-file-0123"));
    assertThat(overridden.adminPassword()).isEqualTo("from-the-dev-file-0123");
  }

  @Test
  void the_secret_cannot_be_changed_through_the_record() {
    SfConfig c = read(env());
    c.grantSecret()[0] = 'X';
    assertThat(c.grantSecret()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_embedded_log_syncs_every_10_ms_unless_another_interval_or_0_is_set() {
    assertThat(read(env()).storage().logSyncMs()).isEqualTo(10);
    assertThat(read(env()).storage().describe()).contains("logSync=every 10ms (written to the OS before each answer)");
    assertThat(read(env("SF_LOG_SYNC_MS", "0")).storage().logSyncMs()).isZero();
    assertThat(read(env("SF_LOG_SYNC_MS", "0")).storage().describe()).contains("logSync=every group, before its answers");
    assertThat(read(env("SF_LOG_SYNC_MS", " 50 ")).storage().logSyncMs()).isEqualTo(50);
    assertThat(read(env("SF_LOG_SYNC_MS", "50")).storage().describe()).contains("logSync=every 50ms");
    for (String bad : new String[] {"-1", "1001", "soon", "1.5"}) {
      assertThatThrownBy(() -> read(env("SF_LOG_SYNC_MS", bad)))
          .isInstanceOf(SfConfig.ConfigException.class)
          .hasMessage("configuration SF_LOG_SYNC_MS=" + bad + " must be a whole number of milliseconds from 0 (sync "
              + "before each answer) to 1000");
    }
  }
}
