package com.clickeen.sf.cli;

import com.clickeen.sf.Application;
import com.clickeen.sf.SfConfig;
import com.clickeen.sf.bench.LoadDriver;
import com.clickeen.sf.bench.MockLlm;
import com.clickeen.sf.llm.LlmConfig;
import com.clickeen.sf.llm.ModelRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The training run of the JVM's ahead-of-time cache (JEP 483/514/515): {@code ./sf} runs this once per
 * build under {@code -XX:AOTCacheOutput}, so later starts load and link the classes a serving process
 * uses from the cache, with method profiles, instead of from the jars. It starts the service on a temporary
 * folder with a loopback mock provider, runs executes through HTTP for a few seconds, and stops.
 */
@Command(name = "aot-train", hidden = true, mixinStandardHelpOptions = true,
    description = "Training run for the start-up cache (./sf runs it after a build).")
public final class AotTrainCommand implements Callable<Integer> {
  @Option(names = "--seconds", defaultValue = "4", description = "How long to send executes.")
  double seconds;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("sf-aot-train-");
    String secret = "aot-training-secret-aot-training-secret-0";
    try (MockLlm mock = new MockLlm(0, 0)) {
      Map<String, String> env = Map.of("DEEPSEEK_API_KEY", "sk-training",
          "DEEPSEEK_BASE_URL", "http://127.0.0.1:" + mock.port() + "/v1", "SF_JOBS", "off");
      SfConfig config = SfConfig.fromEnv(env, 0, dir, secret.getBytes(StandardCharsets.UTF_8));
      try (ModelRouter router = LlmConfig.fromSettings(config.llm());
          Application app = Application.start(config, Clock.systemUTC(), router, true)) {
        String base = "http://127.0.0.1:" + app.port();
        var codec = new com.clickeen.sf.grants.GrantCodec(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(),
            java.time.Duration.ZERO);
        long now = System.currentTimeMillis() / 1000;
        String grant = codec.mint(com.clickeen.sf.grants.GrantCodec.payload("aot-training",
            java.util.List.of("agent:sdr.copilot"), now, now + 600, java.util.UUID.randomUUID().toString(), 9_000_000,
            null, null, null));
        var r = new LoadDriver().run("training", base + "/v1/execute", Map.of("content-type", "application/json"),
            n -> "{\"grant\":\"" + grant + "\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"t-" + (n % 50)
                + "\",\"message\":\"How much does Clickeen cost?\"}}", 8, 0, seconds);
        System.out.printf("aot-train: %d executes (%d errors)%n", r.requests(), r.errors());
      }
    } finally {
      deleteQuietly(dir);
    }
    return 0;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
