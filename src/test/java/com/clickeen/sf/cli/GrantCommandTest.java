package com.clickeen.sf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.grants.Grant;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.grants.GrantPublicKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./sf grant mint --payload}: grants exactly as Paris writes them; {@code --private-key}: JWS grants. */
class GrantCommandTest {
  static final String SECRET = "cli-test-secret-cli-test-secret-0123456789";

  @TempDir
  Path dir;

  String mint(String... args) throws Exception {
    Files.writeString(dir.resolve(Secrets.DEV_SECRET_FILE), SECRET + "\n");
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 3];
      all[0] = "mint";
      System.arraycopy(args, 0, all, 1, args.length);
      all[args.length + 1] = "--data-dir";
      all[args.length + 2] = dir.toString();
      assertThat(new CommandLine(new GrantCommand()).execute(all)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void a_payload_is_signed_exactly_as_given_with_now_filled_in() throws Exception {
    long now = Instant.now().getEpochSecond();
    String token = mint("--payload", "{\"v\":1,\"iss\":\"paris\",\"sub\":{\"kind\":\"anon\",\"sessionId\":\"s-1\"},"
        + "\"exp\":{now+60},\"caps\":[\"agent:sdr.copilot\"],\"budgets\":{\"maxTokens\":280,\"timeoutMs\":15000,"
        + "\"maxRequests\":3},\"mode\":\"ops\",\"trace\":{\"sessionId\":\"s-1\"}}");
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    assertThat(payload).startsWith("{\"v\":1,\"iss\":\"paris\",\"sub\":{\"kind\":\"anon\",\"sessionId\":\"s-1\"},\"exp\":")
        .doesNotContain("iat").doesNotContain("jti");
    Grant g = new GrantCodec(SECRET.getBytes(StandardCharsets.UTF_8), new SettableClock(Instant.now()), Duration.ZERO)
        .verify(token);
    assertThat(g.expiresAtEpochSeconds()).isBetween(now + 59, now + 62);
    assertThat(g.budgets().maxRequests()).isEqualTo(3L);
    assertThat(g.jti()).isNull();
    assertThat(GrantCommand.Mint.withNow("{now} {now-5} {now+7}", 100)).isEqualTo("100 95 107");
  }

  @Test
  void a_private_key_signs_a_grant_its_public_key_verifies() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path key = dir.resolve("grant.key");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(ed.getPrivate()
        .getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    String token = mint("--sub", "visitor-1", "--caps", "agent:sdr.copilot", "--max-requests", "3", "--max-tokens", "280",
        "--private-key", key.toString(), "--kid", "paris-2026");
    String keys = "{\"paris-2026\":\"" + Base64.getEncoder().encodeToString(ed.getPublic().getEncoded()) + "\"}";
    Grant g = new GrantCodec(SECRET.getBytes(StandardCharsets.UTF_8), new SettableClock(Instant.now()), Duration.ZERO,
        List.of("paris"), Duration.ofHours(24), GrantPublicKeys.parse(keys), false).verify(token);
    assertThat(g.subject().id()).isEqualTo("visitor-1");
    assertThat(g.budgets().maxTokens()).isEqualTo(280);
  }
}
