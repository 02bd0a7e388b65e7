package com.clickeen.sf;

import com.clickeen.sf.SfConfig.ConfigException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the service allows one caller: HTTP deadlines and connection caps, executes in flight per subject, and
 * which grants it accepts (issuers, longest lifetime). Part of {@link SfConfig}; validated the same way.
 *
 * @param headTimeout {@code SF_HTTP_HEAD_TIMEOUT_MS}: a connection must complete a request head within this of
 *     opening or of its previous answer (an idle keep-alive connection is closed after it too); unlike the idle
 *     timeout it does not restart with every byte
 * @param bodyTimeout {@code SF_HTTP_BODY_TIMEOUT_MS}: a request body must arrive within this of its head
 * @param maxConnections {@code SF_HTTP_MAX_CONNECTIONS}: open connections in all; at the cap a new connection
 *     replaces the oldest one that is not in a request (a slow client), or is closed when every one is
 * @param maxConnectionsPerAddress {@code SF_HTTP_MAX_CONNECTIONS_PER_ADDRESS}: the same, per client address
 * @param maxInFlightPerSubject {@code SF_MAX_IN_FLIGHT_PER_SUBJECT}: executes one grant subject may have running
 * @param grantIssuers {@code SF_GRANT_ISSUERS}: the {@code iss} values accepted (comma-separated; a grant
 *     without {@code iss}, the spec's form, is accepted too)
 * @param grantMaxLifetime {@code SF_GRANT_MAX_LIFETIME_S}: the longest {@code exp - iat} accepted
 * @param grantPublicKeys {@code SF_GRANT_PUBLIC_KEYS}: public keys by key id that verify grants signed with an
 *     asymmetric key (Ed25519 or RS256): a JSON object of key id to PEM, inline or in the file the value names
 * @param hmacGrants {@code SF_GRANT_HMAC_GRANTS}: whether HMAC-signed grants are accepted (default true); false
 *     needs public keys, and then the HMAC secret only checks outcome signatures
 */
public record Limits(
    Duration headTimeout,
    Duration bodyTimeout,
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxInFlightPerSubject,
    List<String> grantIssuers,
    Duration grantMaxLifetime,
    com.clickeen.sf.grants.GrantPublicKeys grantPublicKeys,
    boolean hmacGrants) {

  /** File descriptors kept free of connections: data files, the queue, provider calls, logs. */
  static final int RESERVED_DESCRIPTORS = 512;
  static final int DEFAULT_MAX_CONNECTIONS = 12_000;
  static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 10_240;

  public Limits {
    if (headTimeout.toMillis() < 100 || headTimeout.toMillis() > 600_000) {
      throw new ConfigException("SF_HTTP_HEAD_TIMEOUT_MS", String.valueOf(headTimeout.toMillis()), "must be 100..600000");
    }
    if (bodyTimeout.toMillis() < 100 || bodyTimeout.toMillis() > 600_000) {
      throw new ConfigException("SF_HTTP_BODY_TIMEOUT_MS", String.valueOf(bodyTimeout.toMillis()), "must be 100..600000");
    }
    long fds = openFileLimit();
    if (maxConnections < 1 || (fds > 0 && maxConnections > fds - RESERVED_DESCRIPTORS)) {
      throw new ConfigException("SF_HTTP_MAX_CONNECTIONS", String.valueOf(maxConnections), "must be at least 1 and at most "
          + "the process's open-file limit less " + RESERVED_DESCRIPTORS + " (limit " + fds + "; raise it with ulimit -n)");
    }
    if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
      throw new ConfigException("SF_HTTP_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(maxConnectionsPerAddress),
          "must be 1..SF_HTTP_MAX_CONNECTIONS (" + maxConnections + ")");
    }
    if (maxInFlightPerSubject < 1) {
      throw new ConfigException("SF_MAX_IN_FLIGHT_PER_SUBJECT", String.valueOf(maxInFlightPerSubject), "must be at least 1");
    }
    if (grantIssuers == null || grantIssuers.isEmpty() || grantIssuers.stream().anyMatch(String::isBlank)) {
      throw new ConfigException("SF_GRANT_ISSUERS", String.valueOf(grantIssuers),
          "must name at least one issuer (comma-separated, e.g. paris)");
    }
    if (grantMaxLifetime.toSeconds() < 60 || grantMaxLifetime.toSeconds() > 366L * 86_400) {
      throw new ConfigException("SF_GRANT_MAX_LIFETIME_S", String.valueOf(grantMaxLifetime.toSeconds()),
          "must be 60..31622400 (one year)");
    }
    if (!hmacGrants && grantPublicKeys.isEmpty()) {
      throw new ConfigException("SF_GRANT_HMAC_GRANTS", "false", "needs SF_GRANT_PUBLIC_KEYS, else no grant can verify");
    }
    grantIssuers = List.copyOf(grantIssuers);
  }

  public static Limits fromEnv(Map<String, String> env) {
    long fds = openFileLimit();
    int defaultMax = fds > 0
        ? (int) Math.max(1, Math.min(DEFAULT_MAX_CONNECTIONS, fds - 2L * RESERVED_DESCRIPTORS))
        : DEFAULT_MAX_CONNECTIONS;
    int max = EnvValues.integer(env, "SF_HTTP_MAX_CONNECTIONS", defaultMax);
    return new Limits(
        Duration.ofMillis(EnvValues.integer(env, "SF_HTTP_HEAD_TIMEOUT_MS", 10_000)),
        Duration.ofMillis(EnvValues.integer(env, "SF_HTTP_BODY_TIMEOUT_MS", 30_000)),
        max,
        EnvValues.integer(env, "SF_HTTP_MAX_CONNECTIONS_PER_ADDRESS", Math.min(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, max)),
        EnvValues.integer(env, "SF_MAX_IN_FLIGHT_PER_SUBJECT", 64),
        Arrays.stream(env.getOrDefault("SF_GRANT_ISSUERS", "paris").split(",")).map(String::trim).toList(),
        Duration.ofSeconds(EnvValues.integer(env, "SF_GRANT_MAX_LIFETIME_S", 86_400)),
        publicKeys(env),
        EnvValues.bool(env, "SF_GRANT_HMAC_GRANTS", true));
  }

  /** {@code SF_GRANT_PUBLIC_KEYS}: inline JSON ({@code {...}}), or the path of a file holding it. */
  static com.clickeen.sf.grants.GrantPublicKeys publicKeys(Map<String, String> env) {
    String v = env.get("SF_GRANT_PUBLIC_KEYS");
    if (v == null || v.isBlank()) {
      return com.clickeen.sf.grants.GrantPublicKeys.none();
    }
    String json = v.strip();
    String shown = json.startsWith("{") ? "(inline JSON)" : json;
    if (!json.startsWith("{")) {
      try {
        json = java.nio.file.Files.readString(java.nio.file.Path.of(json));
      } catch (java.io.IOException | RuntimeException e) {
        throw new ConfigException("SF_GRANT_PUBLIC_KEYS", shown, "is neither inline JSON nor a readable file: " + e);
      }
    }
    try {
      return com.clickeen.sf.grants.GrantPublicKeys.parse(json);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("SF_GRANT_PUBLIC_KEYS", shown, e.getMessage());
    }
  }

  public static Limits defaults() {
    return fromEnv(Map.of());
  }

  /** The process's open-file limit, or -1 where the JVM cannot tell. */
  static long openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getMaxFileDescriptorCount();
    }
    return -1;
  }

  public String describe() {
    return "headTimeout=" + headTimeout.toMillis() + "ms bodyTimeout=" + bodyTimeout.toMillis() + "ms maxConnections="
        + maxConnections + " maxConnectionsPerAddress=" + maxConnectionsPerAddress + " maxInFlightPerSubject="
        + maxInFlightPerSubject + " grantIssuers=" + String.join(",", grantIssuers) + " grantMaxLifetime="
        + grantMaxLifetime.toSeconds() + "s grantPublicKeys=" + grantPublicKeys.keyIds() + " hmacGrants=" + hmacGrants;
  }
}
