package com.clickeen.sf.llm;

import java.util.List;
import java.util.Map;

/**
 * Which models answer which task, in order of preference (first choice, then fallbacks), and what they
 * cost. With no provider key configured every task routes to the offline model.
 */
public final class ModelRouter {
  /** One place a call can go: a provider and the model name to ask it for. */
  public record Target(LlmProvider provider, String model) {}

  private final Map<String, List<Target>> routes;
  private final List<Target> fallbackRoute;
  private final PriceTable prices;

  public ModelRouter(Map<String, List<Target>> routes, List<Target> defaultRoute, PriceTable prices) {
    if (defaultRoute.isEmpty()) {
      throw new IllegalArgumentException("the default route must name at least one model");
    }
    this.routes = Map.copyOf(routes);
    this.fallbackRoute = List.copyOf(defaultRoute);
    this.prices = prices;
  }

  /** Every task on the built-in offline model. */
  public static ModelRouter offlineOnly() {
    return new ModelRouter(Map.of(), List.of(new Target(new OfflineModel(), OfflineModel.MODEL)), PriceTable.defaults());
  }

  public List<Target> route(String task) {
    return routes.getOrDefault(task, fallbackRoute);
  }

  public PriceTable prices() {
    return prices;
  }

  /** One line per route, for the start-up log. Holds no secrets. */
  public String describe() {
    StringBuilder sb = new StringBuilder("default -> ").append(names(fallbackRoute));
    routes.forEach((task, targets) -> sb.append("; ").append(task).append(" -> ").append(names(targets)));
    return sb.toString();
  }

  private static String names(List<Target> targets) {
    return targets.stream().map(t -> t.provider().id() + ":" + t.model()).toList().toString();
  }
}
