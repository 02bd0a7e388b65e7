package com.clickeen.sf.grants;

import com.clickeen.sf.errors.GrantException;
import com.clickeen.sf.llm.ModelPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code ai} block of a grant into a {@link ModelPolicy}. Two shapes are in use:
 * <ul>
 *   <li>Paris's capsule (February 2026): {@code {profile, allowedProviders, defaultProvider, models: {provider:
 *       {defaultModel, allowed}}, selectedProvider?, selectedModel? (a model name), allowProviderChoice?,
 *       allowModelChoice?}} ({@code models} may be absent: any model of an allowed provider);</li>
 *   <li>the later policy: {@code {policyProfile, enabled, defaultModel: {provider, model}, modelsByProvider:
 *       {provider: {defaultModel, allowed}}, allowModelPicker?, selectedModel?: {provider, model}, ...}}.</li>
 * </ul>
 * Preferred first: the user's chosen model, then the plan's default. A chosen or default model outside what the
 * block allows, a disabled policy, or a block that allows no provider is an invalid grant; a malformed entry of
 * a provider map is skipped (as Clickeen's worker does).
 */
final class GrantAiPolicy {
  static final int MAX_PROVIDERS = 16;
  static final int MAX_MODELS = 64;
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

  private GrantAiPolicy() {}

  static ModelPolicy parse(JsonNode ai) throws GrantException {
    if (ai == null || ai.isNull()) {
      return null;
    }
    if (!ai.isObject()) {
      throw GrantException.invalid("grant field 'ai' must be an object");
    }
    if (ai.has("enabled") && ai.get("enabled").isBoolean() && !ai.get("enabled").booleanValue()) {
      throw GrantException.invalid("grant field 'ai.enabled' is false: the grant allows no model");
    }
    Map<String, ProviderModels> byProvider = providerModels(ai.has("modelsByProvider") ? ai.get("modelsByProvider")
        : ai.get("models"));
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    JsonNode listed = ai.get("allowedProviders");
    if (listed != null && listed.isArray()) {
      if (listed.size() > MAX_PROVIDERS) {
        throw GrantException.invalid("grant field 'ai.allowedProviders' has more than " + MAX_PROVIDERS + " entries");
      }
      for (JsonNode p : listed) {
        String id = provider(p);
        if (id != null) {
          ProviderModels m = byProvider.get(id);
          allowed.put(id, m == null ? Set.of() : m.allowed());
        }
      }
    } else {
      byProvider.forEach((id, m) -> allowed.put(id, m.allowed()));
    }
    if (allowed.isEmpty()) {
      throw GrantException.invalid("grant field 'ai' allows no provider (allowedProviders and models are empty)");
    }
    List<ModelPolicy.Choice> preferred = new ArrayList<>();
    String defaultProvider = provider(ai.get("defaultProvider"));
    ModelPolicy.Choice selected = choice(ai.get("selectedModel"), provider(ai.get("selectedProvider")), defaultProvider);
    if (selected == null && provider(ai.get("selectedProvider")) != null) {
      selected = new ModelPolicy.Choice(provider(ai.get("selectedProvider")), null);
    }
    ModelPolicy.Choice dflt = ai.get("defaultModel") != null && ai.get("defaultModel").isObject()
        ? choice(ai.get("defaultModel"), null, null) : null;
    if (dflt == null && defaultProvider != null) {
      ProviderModels m = byProvider.get(defaultProvider);
      dflt = new ModelPolicy.Choice(defaultProvider, m == null ? null : m.defaultModel());
    }
    for (var c : new ModelPolicy.Choice[] {selected, dflt}) {
      if (c == null || preferred.contains(c)) {
        continue;
      }
      boolean ok = c.model() == null ? allowed.containsKey(c.provider()) : allowedModel(allowed, c);
      if (!ok) {
        throw GrantException.invalid("grant field 'ai' prefers " + c.provider() + (c.model() == null ? "" : ":" + c.model())
            + ", which it does not allow");
      }
      preferred.add(c);
    }
    String profile = text(ai.get("profile"), 64);
    return new ModelPolicy(allowed, preferred, profile != null ? profile : text(ai.get("policyProfile"), 64));
  }

  private record ProviderModels(String defaultModel, Set<String> allowed) {}

  private static boolean allowedModel(Map<String, Set<String>> allowed, ModelPolicy.Choice c) {
    Set<String> models = allowed.get(c.provider());
    return models != null && (models.isEmpty() || models.contains(c.model()));
  }

  private static Map<String, ProviderModels> providerModels(JsonNode map) throws GrantException {
    Map<String, ProviderModels> out = new LinkedHashMap<>();
    if (map == null || !map.isObject()) {
      return out;
    }
    if (map.size() > MAX_PROVIDERS) {
      throw GrantException.invalid("grant field 'ai' names more than " + MAX_PROVIDERS + " providers");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String id = PROVIDER.matcher(e.getKey()).matches() ? e.getKey() : null;
      JsonNode cfg = e.getValue();
      if (id == null || !cfg.isObject() || !cfg.path("allowed").isArray()) {
        continue;
      }
      if (cfg.path("allowed").size() > MAX_MODELS) {
        throw GrantException.invalid("grant field 'ai' allows more than " + MAX_MODELS + " models of " + id);
      }
      Set<String> models = new LinkedHashSet<>();
      for (JsonNode m : cfg.path("allowed")) {
        String name = text(m, 200);
        if (name != null) {
          models.add(name);
        }
      }
      String dflt = text(cfg.get("defaultModel"), 200);
      if (models.isEmpty() || (dflt != null && !models.contains(dflt))) {
        continue;
      }
      out.put(id, new ProviderModels(dflt, models));
    }
    return out;
  }

  /** {@code {provider, model}}, or a model name on {@code provider} (else {@code fallbackProvider}). */
  private static ModelPolicy.Choice choice(JsonNode node, String provider, String fallbackProvider) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      String p = provider(node.get("provider"));
      String m = text(node.get("model"), 200);
      return p == null || m == null ? null : new ModelPolicy.Choice(p, m);
    }
    String m = text(node, 200);
    String p = provider != null ? provider : fallbackProvider;
    return m == null || p == null ? null : new ModelPolicy.Choice(p, m);
  }

  private static String provider(JsonNode n) {
    String t = text(n, 40);
    return t != null && PROVIDER.matcher(t).matches() ? t : null;
  }

  /** Trimmed text of a string node of 1..max characters, else null. */
  private static String text(JsonNode n, int max) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    String t = n.textValue().trim();
    return t.isEmpty() || t.length() > max ? null : t;
  }
}
