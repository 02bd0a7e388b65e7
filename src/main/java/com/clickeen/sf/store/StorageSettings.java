package com.clickeen.sf.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each port's data lives: one place to choose. Unset means the embedded default. Read from the
 * environment by {@link com.clickeen.sf.SfConfig#storage}.
 *
 * @param sqlUrl {@code SF_SQL_URL}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/sf?user=sf}
 * @param redisUrl {@code SF_REDIS_URL}, e.g. {@code redis://127.0.0.1:6379/0}: KV, queue and budget ledger
 * @param redisPrefix {@code SF_REDIS_PREFIX} (default {@code sf:}), to share a Redis between deployments
 * @param blobUrl {@code SF_BLOB_URL}, e.g. {@code s3://bucket?endpoint=https://ACCOUNT.r2.cloudflarestorage.com&region=auto}
 * @param logSyncMs {@code SF_LOG_SYNC_MS}: N (1-1000, default {@value #DEFAULT_LOG_SYNC_MS}) writes each
 *     execute's record of the embedded log to the operating system before the answer (an answered execute
 *     survives a crash of the process, kill -9 included) and syncs the log every N ms (a power cut may lose the
 *     last N ms of answers, like SQLite's WAL with {@code synchronous=NORMAL}); 0 syncs each group of writes to
 *     disk before its executes answer (an answered execute survives a power cut too; more CPU and latency)
 */
public record StorageSettings(Path dataDir, String sqlUrl, String redisUrl, String redisPrefix, String blobUrl,
    int logSyncMs) {
  public static final int MAX_LOG_SYNC_MS = 1_000;
  public static final int DEFAULT_LOG_SYNC_MS = 10;

  public StorageSettings {
    if (logSyncMs < 0 || logSyncMs > MAX_LOG_SYNC_MS) {
      throw new IllegalArgumentException("logSyncMs must be 0 to " + MAX_LOG_SYNC_MS + " (got " + logSyncMs + ")");
    }
  }

  /** The embedded log synced every {@value #DEFAULT_LOG_SYNC_MS} ms, written before each answer. */
  public StorageSettings(Path dataDir, String sqlUrl, String redisUrl, String redisPrefix, String blobUrl) {
    this(dataDir, sqlUrl, redisUrl, redisPrefix, blobUrl, DEFAULT_LOG_SYNC_MS);
  }

  public static StorageSettings embedded(Path dataDir) {
    return new StorageSettings(dataDir, null, null, "sf:", null);
  }

  static Map<String, String> query(URI url) {
    Map<String, String> q = new LinkedHashMap<>();
    if (url.getRawQuery() != null) {
      for (String part : url.getRawQuery().split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          q.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  /** For logs: the URLs without passwords or keys. */
  public String describe() {
    return "sql=" + (sqlUrl == null ? "SQLite under " + dataDir.toAbsolutePath() : mask(sqlUrl))
        + " redis=" + (redisUrl == null ? "none (embedded KV and queue in " + dataDir.resolve("log").toAbsolutePath()
            + ", ledger in memory)" : mask(redisUrl) + " prefix=" + redisPrefix)
        + " logSync=" + (logSyncMs == 0 ? "every group, before its answers"
            : "every " + logSyncMs + "ms (written to the OS before each answer)")
        + " blobs=" + (blobUrl == null ? "embedded in " + dataDir.resolve("log").toAbsolutePath() : mask(blobUrl));
  }

  static String mask(String url) {
    return url.replaceAll("(?i)(password|secretKey|accessKey)=[^&]*", "$1=****").replaceAll("//([^:/@]+):[^@]*@", "//$1:****@");
  }
}
