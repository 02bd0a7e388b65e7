package com.clickeen.sf.cli;

import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "grant", mixinStandardHelpOptions = true, description = "Work with AI Grants.",
    subcommands = {GrantCommand.Mint.class})
public final class GrantCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "mint", mixinStandardHelpOptions = true,
      description = "Print a grant signed with AI_GRANT_HMAC_SECRET (or the --dev secret of --data-dir), "
          + "in Paris's v1.<payload>.<sig> format.")
  static final class Mint implements Callable<Integer> {
    @Option(names = "--sub", required = true, paramLabel = "S",
        description = "Subject: a string, or a JSON object such as {\"kind\":\"anon\",\"sessionId\":\"s1\"}.")
    String sub;

    @Option(names = "--caps", required = true, split = ",", paramLabel = "CAP",
        description = "Capabilities, comma-separated: agent:ID for each agent the grant may call, e.g. agent:sdr.copilot "
            + "(an unknown agent or a missing agent: prefix is refused).")
    List<String> caps = new ArrayList<>();

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "1200", description = "Completion token budget (default ${DEFAULT-VALUE}).")
    long maxTokens;

    @Option(names = "--max-requests", paramLabel = "N", description = "Request budget (default: unlimited).")
    Long maxRequests;

    @Option(names = "--max-cost-usd", paramLabel = "X", description = "Cost budget in USD (default: unlimited).")
    Double maxCostUsd;

    @Option(names = "--timeout-ms", paramLabel = "N", description = "Time budget of one execute (default: the service's).")
    Long timeoutMs;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "60s",
        description = "Lifetime: 60s, 5m, 1h or plain seconds (default ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--jti", paramLabel = "ID", description = "Grant id (default: a random UUID).")
    String jti;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      Duration lifetime = parseDuration(ttl);
      checkCapabilities(caps);
      Object subject = sub;
      if (sub.trim().startsWith("{")) {
        try {
          subject = Json.parse(sub);
        } catch (java.io.IOException e) {
          String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
              : e.getMessage();
          throw new UsageError("--sub starts with '{' but is not a JSON object: " + why);
        }
      }
      if (maxTokens < 1 || (maxRequests != null && maxRequests < 1) || (maxCostUsd != null && maxCostUsd < 0)
          || (timeoutMs != null && timeoutMs < 1)) {
        System.err.println("sf grant mint: budgets must be positive (--max-tokens, --max-requests, --timeout-ms) "
            + "and --max-cost-usd must not be negative");
        return 2;
      }
      byte[] secret = Secrets.fromEnvOrDevFile(dataDir.resolve());
      GrantCodec codec = new GrantCodec(secret, Clock.systemUTC(), Duration.ZERO);
      long now = Clock.systemUTC().instant().getEpochSecond();
      String token = codec.mint(GrantCodec.payload(subject, caps, now, now + lifetime.toSeconds(),
          jti != null ? jti : UUID.randomUUID().toString(), maxTokens, maxRequests, maxCostUsd, timeoutMs));
      // Check it the way the server will, so a bad grant fails here and not at the first curl.
      codec.verify(token);
      System.out.println(token);
      return 0;
    }

    /** Every capability must be {@code agent:ID} with a known agent id or alias: a grant for nothing is a typo. */
    static void checkCapabilities(List<String> caps) {
      var registry = com.clickeen.sf.agents.AgentRegistry.standard();
      for (String cap : caps) {
        String c = cap.trim();
        if (!c.startsWith("agent:")) {
          String hint = registry.find(c).isPresent() ? " (did you mean agent:" + c + "?)" : "";
          throw new UsageError("--caps '" + c + "' is not a capability: capabilities are agent:ID" + hint);
        }
        String id = c.substring("agent:".length());
        if (registry.find(id).isEmpty()) {
          throw new UsageError("--caps '" + c + "' names an unknown agent '" + id + "' (agents: "
              + String.join(", ", registry.all().stream().map(a -> a.id()).toList()) + ")");
        }
      }
    }

    static Duration parseDuration(String text) {
      String t = text.trim().toLowerCase();
      try {
        if (t.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        } else if (t.endsWith("s")) {
          return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("m")) {
          return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("h")) {
          return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw new UsageError("--ttl '" + text + "' is not a duration (use 60s, 5m, 1h or seconds)");
      }
    }
  }
}
