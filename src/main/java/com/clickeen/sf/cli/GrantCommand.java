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
          + "in Paris's v1.<payload>.<sig> format; with --private-key, signed with that key instead (EdDSA or RS256).")
  static final class Mint implements Callable<Integer> {
    @Option(names = "--sub", paramLabel = "S",
        description = "Subject: a string, or a JSON object such as {\"kind\":\"anon\",\"sessionId\":\"s1\"}.")
    String sub;

    @Option(names = "--caps", split = ",", paramLabel = "CAP",
        description = "Capabilities, comma-separated: agent:ID for each agent the grant may call, e.g. agent:sdr.copilot "
            + "(an unknown agent or a missing agent: prefix is refused). Not with --payload.")
    List<String> caps = new ArrayList<>();

    @Option(names = "--payload", paramLabel = "JSON",
        description = "Sign this payload exactly as given instead of building one from the options (e.g. a grant "
            + "as Paris writes it: no iat, no jti, an ai block, a trace). Use {now} for the current epoch second: "
            + "\"exp\":{now+60}.")
    String payload;

    @Option(names = "--private-key", paramLabel = "FILE",
        description = "Sign with this PKCS#8 PEM private key (Ed25519 or RSA) as a JWS grant, for instances that verify "
            + "grants with SF_GRANT_PUBLIC_KEYS; needs --kid.")
    java.nio.file.Path privateKey;

    @Option(names = "--kid", paramLabel = "ID", description = "The key id of --private-key, as SF_GRANT_PUBLIC_KEYS names it.")
    String kid;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "1200", description = "max_tokens of each model call (default ${DEFAULT-VALUE}).")
    long maxTokens;

    @Option(names = "--max-requests", paramLabel = "N", description = "Model calls the grant may make, repairs included (default: unlimited).")
    Long maxRequests;

    @Option(names = "--max-cost-usd", paramLabel = "X", description = "Total cost budget in USD (default: unlimited).")
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
      if ((privateKey == null) != (kid == null)) {
        System.err.println("sf grant mint: --private-key and --kid go together");
        return 2;
      }
      JsonNode body;
      if (payload != null) {
        if (sub != null || !caps.isEmpty()) {
          System.err.println("sf grant mint: --payload is the whole grant; leave out --sub and --caps");
          return 2;
        }
        try {
          body = Json.parse(withNow(payload, Clock.systemUTC().instant().getEpochSecond()));
        } catch (java.io.IOException e) {
          throw new UsageError("--payload is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
          throw new UsageError("--payload must be a JSON object (the grant's payload)");
        }
      } else if (sub == null || caps.isEmpty()) {
        System.err.println("sf grant mint: --sub and --caps are required (or give the whole grant with --payload)");
        return 2;
      } else {
        body = built();
        if (body == null) {
          return 2;
        }
      }
      String token;
      if (privateKey != null) {
        token = com.clickeen.sf.grants.GrantPublicKeys.mint(body, kid, privateKey(privateKey));
      } else {
        byte[] secret = Secrets.fromEnvOrDevFile(dataDir.resolve());
        GrantCodec codec = new GrantCodec(secret, Clock.systemUTC(), Duration.ZERO);
        token = codec.mint(body);
        // Check it the way the server will, so a bad grant fails here and not at the first curl.
        codec.verify(token);
      }
      System.out.println(token);
      return 0;
    }

    /** {@code {now}}, {@code {now+N}} and {@code {now-N}} replaced by epoch seconds. */
    static String withNow(String text, long now) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{now(?:([+-])(\\d{1,9}))?}").matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        long v = m.group(1) == null ? now : m.group(1).equals("+") ? now + Long.parseLong(m.group(2))
            : now - Long.parseLong(m.group(2));
        m.appendReplacement(out, Long.toString(v));
      }
      m.appendTail(out);
      return out.toString();
    }

    static java.security.PrivateKey privateKey(java.nio.file.Path file) throws java.io.IOException {
      String pem = java.nio.file.Files.readString(file);
      byte[] der;
      try {
        der = java.util.Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw new UsageError("--private-key " + file + " is not a PEM private key");
      }
      for (String algorithm : new String[] {"Ed25519", "RSA"}) {
        try {
          return java.security.KeyFactory.getInstance(algorithm).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException tryNext) {
          // not a key of this type
        }
      }
      throw new UsageError("--private-key " + file + " is not a PKCS#8 Ed25519 or RSA private key (openssl genpkey writes one)");
    }

    private JsonNode built() throws Exception {
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
        return null;
      }
      long now = Clock.systemUTC().instant().getEpochSecond();
      return GrantCodec.payload(subject, caps, now, now + lifetime.toSeconds(),
          jti != null ? jti : UUID.randomUUID().toString(), maxTokens, maxRequests, maxCostUsd, timeoutMs);
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
