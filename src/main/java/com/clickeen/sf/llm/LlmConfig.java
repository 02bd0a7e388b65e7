package com.clickeen.sf.llm;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ModelRouter} from {@link LlmSettings}: the provider part of the environment and the
 * service's config file.
 *
 * <p>Providers: {@code deepseek}, {@code openai} (both Chat Completions) and {@code anthropic} (Messages),
 * with keys from {@code DEEPSEEK_API_KEY}, {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY} and base URLs
 * from {@code *_BASE_URL}; the config file may add any OpenAI-compatible server. A provider without a key
 * is left out of every route; a route left empty goes to the offline model.
 *
 * <p>Config file (JSON), every part optional:
 * <pre>{@code
 * {"providers": {"ollama": {"type": "openai-compatible", "baseUrl": "http://127.0.0.1:11434/v1", "apiKeyEnv": null}},
 *  "routes": {"default": ["deepseek:deepseek-chat", "openai:gpt-4o-mini"], "sdr.copilot": ["ollama:llama3.1"]},
 *  "prices": {"llama3.1": {"input": 0, "output": 0}}}
 * }</pre>
 * {@code SF_PRICE_TABLE_JSON} overrides prices the same way ({@code {"model": {"input": x, "output": y}}}).
 */
public final class LlmConfig {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LlmConfig.class);
  /** Routes used when the config file names none. Agents run on DeepSeek first; analysis on Claude. */
  public static final Map<String, List<String>> DEFAULT_ROUTES = Map.of(
      "default", List.of("deepseek:deepseek-chat", "openai:gpt-4o-mini", "anthropic:claude-3-5-haiku-latest"),
      "analysis", List.of("anthropic:claude-sonnet-4-5", "openai:gpt-4o", "deepseek:deepseek-chat"));

  private record ProviderSpec(String name, String type, String baseUrl, String apiKey, boolean keyRequired) {
    boolean available() {
      return !keyRequired || (apiKey != null && !apiKey.isBlank());
    }
  }

  /** A configuration value broke its rule; the message names it. */
  public static final class LlmConfigException extends RuntimeException {
    public LlmConfigException(String message) {
      super(message);
    }
  }

  private LlmConfig() {}

  /** Reads the provider part of {@code env} and {@code configFile}, then builds the router (tests and tools). */
  public static ModelRouter fromEnvironment(Map<String, String> env, Path configFile) {
    return fromSettings(LlmSettings.fromEnv(env, configFile));
  }

  /**
   * The router of validated settings. Its remote adapters share one HTTP client, which closes with the
   * router ({@link ModelRouter#close()}).
   */
  public static ModelRouter fromSettings(LlmSettings settings) {
    JsonNode file = settings.file();
    Map<String, String> env = settings.variables();
    Map<String, ProviderSpec> specs = new LinkedHashMap<>();
    specs.put("deepseek", new ProviderSpec("deepseek", "openai-compatible",
        env.getOrDefault("DEEPSEEK_BASE_URL", "https://api.deepseek.com"), env.get("DEEPSEEK_API_KEY"), true));
    specs.put("openai", new ProviderSpec("openai", "openai",
        env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"), env.get("OPENAI_API_KEY"), true));
    specs.put("anthropic", new ProviderSpec("anthropic", "anthropic",
        env.getOrDefault("ANTHROPIC_BASE_URL", "https://api.anthropic.com"), env.get("ANTHROPIC_API_KEY"), true));
    for (var e : file.path("providers").properties()) {
      JsonNode p = e.getValue();
      String type = p.path("type").asText("openai-compatible");
      if (!type.equals("openai-compatible") && !type.equals("openai") && !type.equals("anthropic")) {
        throw new LlmConfigException("config providers." + e.getKey() + ".type='" + type
            + "' must be openai-compatible, openai or anthropic");
      }
      String baseUrl = p.path("baseUrl").asText(null);
      if (baseUrl == null || !baseUrl.matches("https?://.+")) {
        throw new LlmConfigException("config providers." + e.getKey() + ".baseUrl must be an http(s) URL");
      }
      String keyEnv = p.path("apiKeyEnv").isTextual() ? p.path("apiKeyEnv").textValue() : null;
      specs.put(e.getKey(), new ProviderSpec(e.getKey(), type, baseUrl, keyEnv == null ? null : env.get(keyEnv),
          keyEnv != null));
    }

    ProviderClient http = new ProviderClient(settings.maxConcurrencyPerProvider());
    Map<String, LlmProvider> providers = new HashMap<>();
    Map<String, List<String>> routeNames = new LinkedHashMap<>(DEFAULT_ROUTES);
    for (var e : file.path("routes").properties()) {
      List<String> names = new ArrayList<>();
      e.getValue().forEach(n -> names.add(n.asText()));
      routeNames.put(e.getKey(), names);
    }
    Map<String, List<ModelRouter.Target>> routes = new LinkedHashMap<>();
    for (var e : routeNames.entrySet()) {
      List<ModelRouter.Target> targets = new ArrayList<>();
      for (String ref : e.getValue()) {
        int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) {
          throw new LlmConfigException("config routes." + e.getKey() + " entry '" + ref + "' must be provider:model");
        }
        String providerName = ref.substring(0, colon);
        ProviderSpec spec = specs.get(providerName);
        if (spec == null) {
          throw new LlmConfigException("config routes." + e.getKey() + " names unknown provider '" + providerName
              + "' (known: " + specs.keySet() + ")");
        }
        if (!spec.available()) {
          continue; // no key: skipped
        }
        LlmProvider provider = providers.computeIfAbsent(providerName, n -> create(http, spec));
        targets.add(new ModelRouter.Target(provider, ref.substring(colon + 1)));
      }
      routes.put(e.getKey(), targets.isEmpty() ? List.of(ModelRouter.offlineTarget()) : List.copyOf(targets));
    }
    List<ModelRouter.Target> defaultRoute = routes.remove("default");
    StringBuilder summary = new StringBuilder();
    for (ProviderSpec s : specs.values()) {
      summary.append(summary.isEmpty() ? "" : "; ").append(s.name()).append(' ').append(s.baseUrl()).append(" key ")
          .append(s.keyRequired() ? mask(s.apiKey()) : "(not needed)").append(s.available() ? "" : " -> skipped");
    }
    LOG.info("LLM providers: {}", summary);
    return new ModelRouter(routes, defaultRoute, prices(env, file), ModelRouter.RetryPolicy.defaults(),
        java.time.Clock.systemUTC(), new ModelRouter.Connections(settings.maxConcurrencyPerProvider(), http));
  }

  private static LlmProvider create(ProviderClient http, ProviderSpec s) {
    return switch (s.type()) {
      case "anthropic" -> new AnthropicProvider(http, s.name(), s.baseUrl(), s.apiKey());
      case "openai" -> new OpenAiCompatibleProvider(http, s.name(), s.baseUrl(), s.apiKey(), false);
      default -> new OpenAiCompatibleProvider(http, s.name(), s.baseUrl(), s.apiKey(), true);
    };
  }

  static PriceTable prices(Map<String, String> env, JsonNode file) {
    Map<String, PriceTable.Price> prices = new HashMap<>(PriceTable.defaults().all());
    addPrices(prices, file.path("prices"), "config prices");
    String json = env.get("SF_PRICE_TABLE_JSON");
    if (json != null && !json.isBlank()) {
      try {
        addPrices(prices, Json.parse(json), "SF_PRICE_TABLE_JSON");
      } catch (IOException e) {
        throw new LlmConfigException("SF_PRICE_TABLE_JSON is not valid JSON: " + e.getMessage());
      }
    }
    return new PriceTable(prices);
  }

  private static void addPrices(Map<String, PriceTable.Price> into, JsonNode node, String where) {
    for (var e : node.properties()) {
      JsonNode in = e.getValue().path("input");
      JsonNode out = e.getValue().path("output");
      if (!in.isNumber() || !out.isNumber() || in.doubleValue() < 0 || out.doubleValue() < 0) {
        throw new LlmConfigException(where + "." + e.getKey() + " must be {\"input\": USD per 1M, \"output\": USD per 1M}, "
            + "both non-negative numbers");
      }
      into.put(e.getKey(), new PriceTable.Price(in.doubleValue(), out.doubleValue()));
    }
  }

  /** Masks a key for logs: its length and last two characters at most. */
  public static String mask(String key) {
    if (key == null || key.isEmpty()) {
      return "(none)";
    }
    return key.length() > 12 ? "(" + key.length() + " chars, …" + key.substring(key.length() - 2) + ")"
        : "(" + key.length() + " chars)";
  }
}
