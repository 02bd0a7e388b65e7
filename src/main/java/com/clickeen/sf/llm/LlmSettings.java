package com.clickeen.sf.llm;

import com.clickeen.sf.EnvValues;
import com.clickeen.sf.SfConfig.ConfigException;
import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The provider part of the configuration, read from the one environment read ({@link com.clickeen.sf.SfConfig})
 * and the service's config file; {@link LlmConfig#fromSettings} builds the router from it.
 *
 * @param configFile {@code --config} or {@code SF_CONFIG_FILE}; {@code null} for none
 * @param file the config file's JSON (an empty object without one)
 * @param variables the provider variables that are set: {@code DEEPSEEK_API_KEY}, {@code OPENAI_API_KEY},
 *     {@code ANTHROPIC_API_KEY}, their {@code *_BASE_URL}s, {@code SF_PRICE_TABLE_JSON}, and each variable
 *     the config file names in a provider's {@code apiKeyEnv}
 * @param maxConcurrencyPerProvider {@code SF_PROVIDER_MAX_CONCURRENCY}: calls in flight to one provider at most
 */
public record LlmSettings(Path configFile, JsonNode file, Map<String, String> variables, int maxConcurrencyPerProvider) {
  public static final int DEFAULT_MAX_CONCURRENCY = 4096;
  static final List<String> BUILT_IN_VARIABLES = List.of("DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL", "OPENAI_API_KEY",
      "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "SF_PRICE_TABLE_JSON");

  public LlmSettings {
    if (maxConcurrencyPerProvider < 1) {
      throw new ConfigException("SF_PROVIDER_MAX_CONCURRENCY", String.valueOf(maxConcurrencyPerProvider),
          "must be at least 1");
    }
    file = file == null ? Json.object() : file.deepCopy();
    variables = Map.copyOf(variables);
  }

  /** Reads the config file (when named) and the provider variables of {@code env}. */
  public static LlmSettings fromEnv(Map<String, String> env, Path configFile) {
    JsonNode file = Json.object();
    if (configFile != null) {
      try {
        file = Json.parse(Files.readAllBytes(configFile));
      } catch (IOException e) {
        throw new LlmConfig.LlmConfigException("config file " + configFile + " could not be read as JSON: " + e.getMessage());
      }
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (String name : BUILT_IN_VARIABLES) {
      put(vars, env, name);
    }
    for (var p : file.path("providers").properties()) {
      JsonNode keyEnv = p.getValue().path("apiKeyEnv");
      if (keyEnv.isTextual()) {
        put(vars, env, keyEnv.textValue());
      }
    }
    return new LlmSettings(configFile, file, vars,
        EnvValues.integer(env, "SF_PROVIDER_MAX_CONCURRENCY", DEFAULT_MAX_CONCURRENCY));
  }

  private static void put(Map<String, String> into, Map<String, String> env, String name) {
    String v = env.get(name);
    if (v != null) {
      into.put(name, v);
    }
  }

  /** The value of a provider variable, or {@code null} when it is not set. */
  public String variable(String name) {
    return variables.get(name);
  }

  /** For the start-up log: keys masked, base URLs shown. */
  public String describe() {
    Map<String, String> shown = new TreeMap<>();
    variables.forEach((k, v) -> shown.put(k, k.endsWith("_BASE_URL") ? v
        : k.equals("SF_PRICE_TABLE_JSON") ? "(" + v.length() + " chars)" : LlmConfig.mask(v)));
    return "configFile=" + (configFile == null ? "none" : configFile.toAbsolutePath()) + " providerMaxConcurrency="
        + maxConcurrencyPerProvider + " variables=" + shown;
  }

  @Override
  public String toString() {
    return "LlmSettings[" + describe() + "]";
  }
}
