package com.clickeen.sf.cli;

import com.clickeen.sf.SfConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the CLI finds {@code AI_GRANT_HMAC_SECRET}: the environment, else the development secret that
 * {@code ./sf serve --dev} keeps in {@code DATA/dev-secret}.
 */
final class Secrets {
  static final String DEV_SECRET_FILE = "dev-secret";
  static final String DEV_ADMIN_PASSWORD_FILE = "dev-admin-password";

  private Secrets() {}

  static byte[] fromEnvOrDevFile(Path dataDir) {
    byte[] fromEnv = SfConfig.grantSecret(SfConfig.processEnvironment());
    if (fromEnv != null) {
      return fromEnv;
    }
    Path f = dataDir.resolve(DEV_SECRET_FILE);
    if (Files.isRegularFile(f)) {
      try {
        return Files.readString(f, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the development secret " + f + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException("AI_GRANT_HMAC_SECRET is not set and there is no development secret at " + f
        + " (start the service once with ./sf serve --dev, or export AI_GRANT_HMAC_SECRET with at least "
        + SfConfig.MIN_SECRET_BYTES + " bytes)");
  }

  /** The development secret of {@code dataDir}, created (64 hex characters, mode 600) if absent. */
  static byte[] devSecret(Path dataDir) throws IOException {
    return devFile(dataDir, DEV_SECRET_FILE, 32).getBytes(StandardCharsets.UTF_8);
  }

  /** The development admin password of {@code dataDir}, created (32 hex characters, mode 600) if absent. */
  static String devAdminPassword(Path dataDir) throws IOException {
    return devFile(dataDir, DEV_ADMIN_PASSWORD_FILE, 16);
  }

  /** A random value of {@code bytes} bytes, hex, kept in {@code dataDir/name} (mode 600) and made on first use. */
  private static String devFile(Path dataDir, String name, int bytes) throws IOException {
    Files.createDirectories(dataDir);
    Path f = dataDir.resolve(name);
    if (!Files.exists(f)) {
      byte[] random = new byte[bytes];
      new SecureRandom().nextBytes(random);
      Path tmp = Files.createTempFile(dataDir, "." + name, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, f);
      } catch (IOException raced) {
        Files.deleteIfExists(tmp); // another process created it first: use theirs
      }
    }
    return Files.readString(f, StandardCharsets.UTF_8).strip();
  }
}
