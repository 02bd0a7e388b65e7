package com.clickeen.sf.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which models one caller may use and which it prefers: the {@code ai} block of a later Paris grant (per plan:
 * the providers and models allowed, the default, the user's chosen model), normalised.
 *
 * @param allowed provider id to the model names allowed on it (an empty set: any model of that provider)
 * @param preferred the models to try first, best first (the user's choice, then the plan's default); a
 *     {@code model} of null means that provider's first allowed model in the route
 * @param profile the plan's profile as the grant names it, for logs and errors (may be null)
 */
public record ModelPolicy(Map<String, Set<String>> allowed, List<Choice> preferred, String profile) {
  public record Choice(String provider, String model) {}

  public ModelPolicy {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    allowed.forEach((p, m) -> copy.put(p, Set.copyOf(m)));
    allowed = java.util.Collections.unmodifiableMap(copy);
    preferred = List.copyOf(preferred);
  }

  public boolean allows(String provider, String model) {
    Set<String> models = allowed.get(provider);
    return models != null && (models.isEmpty() || models.contains(model));
  }

  /** {@code deepseek:[deepseek-chat], openai:any}, for error messages. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    allowed.forEach((p, m) -> parts.add(p + ":" + (m.isEmpty() ? "any" : new java.util.TreeSet<>(m).toString())));
    return String.join(", ", parts);
  }
}
