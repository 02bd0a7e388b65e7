package com.clickeen.sf.cli;

import com.clickeen.sf.Application;
import com.clickeen.sf.SfConfig;
import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.agents.GoldenEval;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.llm.LlmConfig;
import com.clickeen.sf.llm.ModelRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Run a golden set through the real execute path and print one line per case, then "
        + "'N passed, N failed'. Exits 1 when a case fails, 2 when the golden set cannot be read. Uses the "
        + "configured providers (keys in the environment), else the offline model; works in a temporary data folder.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--golden", required = true, paramLabel = "DIR", description = "Golden folder (prompts.jsonl + widgets/, or cases.jsonl).")
  Path golden;

  @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's cases.")
  String agent;

  @Option(names = "--config", paramLabel = "FILE", description = "Service config file (providers, routes, prices).")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    if (agent != null && AgentRegistry.standard().find(agent).isEmpty()) {
      System.err.println("sf eval: unknown agent '" + agent + "'");
      return 2;
    }
    Path tmp = Files.createTempDirectory("sf-eval-");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    byte[] secretText = HexFormat.of().formatHex(secret).getBytes(StandardCharsets.UTF_8);
    SfConfig config = SfConfig.fromEnv(SfConfig.processEnvironment(), SfConfig.Overrides.none().withPort(0).withDataDir(tmp)
        .withGrantSecret(secretText).withConfigFile(configFile));
    try (ModelRouter router = LlmConfig.fromSettings(config.llm());
        Application app = Application.open(config, Clock.systemUTC(), router, false)) {
      GoldenEval eval = new GoldenEval(app.executeService(), new GrantCodec(secretText, Clock.systemUTC(), Duration.ZERO),
          Clock.systemUTC(), AgentRegistry.standard());
      List<GoldenEval.CaseResult> results;
      try {
        results = eval.run(golden, agent, System.out);
      } catch (GoldenEval.GoldenFormatException e) {
        System.err.println("sf eval: " + e.getMessage());
        return 2;
      }
      long passed = results.stream().filter(GoldenEval.CaseResult::passed).count();
      long failed = results.size() - passed;
      System.out.println(passed + " passed, " + failed + " failed");
      if (results.isEmpty()) {
        System.err.println("sf eval: no case matched" + (agent == null ? "" : " agent " + agent));
        return 2;
      }
      return failed == 0 ? 0 : 1;
    } finally {
      try (var files = Files.walk(tmp)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
