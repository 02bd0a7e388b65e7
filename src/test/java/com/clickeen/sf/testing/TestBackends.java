package com.clickeen.sf.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real servers the adapter tests talk to: PostgreSQL and Redis on 127.0.0.1 (running on this machine
 * kind), and an S3-compatible server the tests start themselves (S3Mock, in process). With {@code CI=true}
 * a missing server fails the run; elsewhere the test is skipped with the reason, and {@link PrerequisitesListener}
 * names every skip at the end of the run. {@code SF_TEST_PG_URL} and {@code SF_TEST_REDIS_URL} point them elsewhere.
 */
public final class TestBackends {
  public static final String PG_BASE = System.getenv().getOrDefault("SF_TEST_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  public static final String REDIS_URL = System.getenv().getOrDefault("SF_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");
  public static final String BUCKET = "sf-test";
  private static S3MockApplication s3;

  private TestBackends() {}

  /** How a skip for a missing server begins (PrerequisitesListener collects these). */
  static final String MISSING_PREFIX = "missing server: ";

  static void require(String what, boolean available, String why) {
    if (available) {
      return;
    }
    String message = MISSING_PREFIX + what + " is not available: " + why;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true: service-backed tests must run, not skip)");
    }
    assumeTrue(false, message);
  }

  /** A JDBC URL on a fresh schema of the local PostgreSQL. */
  public static String postgresUrl() {
    String schema = "sft_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(PG_BASE); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (Exception e) {
      require("PostgreSQL at " + PG_BASE, false, e.getMessage());
    }
    return PG_BASE + (PG_BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static String redisUrl() {
    java.net.URI uri = java.net.URI.create(REDIS_URL);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
          uri.getPort() < 0 ? 6379 : uri.getPort()), 2_000);
    } catch (Exception e) {
      require("Redis at " + REDIS_URL, false, e.getMessage());
    }
    return REDIS_URL;
  }

  /** A key prefix no other test run uses. */
  public static String redisPrefix() {
    return "sft-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** An S3 URL on the in-process S3Mock (started once per test JVM). */
  public static synchronized String s3Url() {
    if (s3 == null) {
      try {
        Map<String, Object> props = new HashMap<>();
        props.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
        props.put(S3MockApplication.PROP_SILENT, true);
        props.put("com.adobe.testing.s3mock.store.initialBuckets", BUCKET);
        props.put("com.adobe.testing.s3mock.store.root", Files.createTempDirectory("s3mock-").toString());
        s3 = S3MockApplication.start(props);
      } catch (Exception e) {
        require("S3Mock", false, e.toString());
      }
    }
    return "s3://" + BUCKET + "?endpoint=http://127.0.0.1:" + s3.getHttpPort()
        + "&region=us-east-1&pathStyle=true&accessKey=test&secretKey=test";
  }
}
