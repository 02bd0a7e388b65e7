package com.clickeen.sf.cli;

import com.clickeen.sf.Application;
import com.clickeen.sf.SfConfig;
import com.clickeen.sf.llm.LlmConfig;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.store.Backends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The whole service without HTTP and without the queue worker, on the same stores as {@code ./sf serve}:
 * what CLI commands that run agents or the loop's jobs open (the offline gate replays through the execute
 * path). Grants it mints are its own: without {@code AI_GRANT_HMAC_SECRET} a random secret stands in.
 */
final class ToolContext implements AutoCloseable {
  private final ModelRouter router;
  private final Application app;

  private ToolContext(ModelRouter router, Application app) {
    this.router = router;
    this.app = app;
  }

  static ToolContext open(Path dataDir) {
    var env = SfConfig.processEnvironment();
    byte[] secret = SfConfig.grantSecret(env);
    if (secret == null || secret.length < SfConfig.MIN_SECRET_BYTES) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.UTF_8);
    }
    SfConfig config = SfConfig.fromEnv(env, SfConfig.Overrides.none().withPort(0).withDataDir(dataDir)
        .withGrantSecret(secret));
    ModelRouter router = LlmConfig.fromSettings(config.llm());
    try {
      return new ToolContext(router, Application.open(config, Clock.systemUTC(), router, false));
    } catch (RuntimeException e) {
      router.close();
      throw e;
    }
  }

  Application app() {
    return app;
  }

  Backends backends() {
    return app.backends();
  }

  @Override
  public void close() {
    try {
      app.close();
    } finally {
      router.close();
    }
  }
}
