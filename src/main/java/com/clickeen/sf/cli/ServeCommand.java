package com.clickeen.sf.cli;

import com.clickeen.sf.Application;
import com.clickeen.sf.SfConfig;
import com.clickeen.sf.llm.LlmConfig;
import com.clickeen.sf.llm.ModelRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the service. With no other configuration it runs on the embedded default "
        + "(SQLite, files, local KV and queue under --data-dir) and, without provider keys, on the offline model.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", description = "HTTP port (env SF_PORT, default 8787; 0 = any free port).")
  Integer port;

  @Option(names = "--dev", description = "Development mode: if AI_GRANT_HMAC_SECRET is unset, use (and create on first "
      + "start) a random secret kept in DATA/dev-secret, and print it; likewise the admin UI's password "
      + "(SF_ADMIN_PASSWORD) in DATA/dev-admin-password.")
  boolean dev;

  @Option(names = "--config", paramLabel = "FILE", description = "Service config file (JSON: providers, routes, prices; "
      + "env SF_CONFIG_FILE). Without one, agents route to DeepSeek, then OpenAI, then Anthropic, skipping providers "
      + "without a key.")
  Path configFile;

  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = SfConfig.processEnvironment();
    Path dir = dataDir.resolve();
    byte[] secret = null;
    if (dev && SfConfig.grantSecret(env) == null) {
      secret = Secrets.devSecret(dir);
      System.out.println("sf serve --dev: AI_GRANT_HMAC_SECRET is unset; using the development secret in "
          + dir.resolve(Secrets.DEV_SECRET_FILE) + ":");
      System.out.println("  " + new String(secret, java.nio.charset.StandardCharsets.UTF_8));
      System.out.println("  (./sf grant mint --data-dir " + dir + " uses it too)");
    }
    String adminPassword = null;
    if (dev && SfConfig.adminPassword(env) == null) {
      adminPassword = Secrets.devAdminPassword(dir);
      System.out.println("sf serve --dev: SF_ADMIN_PASSWORD is unset; the admin UI (/admin on the address below) "
          + "takes the development password in " + dir.resolve(Secrets.DEV_ADMIN_PASSWORD_FILE) + ":");
      System.out.println("  " + adminPassword);
    }
    SfConfig config;
    ModelRouter router;
    try {
      config = SfConfig.fromEnv(env, SfConfig.Overrides.none().withPort(port).withDataDir(dir).withGrantSecret(secret)
          .withConfigFile(configFile).withAdminPassword(adminPassword));
      com.clickeen.sf.logging.Logging.use(config.logFormat());
      router = LlmConfig.fromSettings(config.llm());
    } catch (SfConfig.ConfigException | LlmConfig.LlmConfigException e) {
      System.err.println("sf serve: " + e.getMessage());
      return 2;
    }
    Application app;
    try {
      app = Application.start(config, Clock.systemUTC(), router, true);
    } catch (RuntimeException e) {
      router.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      router.close();
      stopped.countDown();
    }, "sf-shutdown"));
    stopped.await();
    return 0;
  }
}
