package com.clickeen.sf.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which models answer which task, in order of preference (first choice, then fallbacks), what they cost,
 * and each provider's circuit breaker. Built by {@link LlmConfig}; with no provider key every task routes
 * to the offline model.
 */
public final class ModelRouter implements AutoCloseable {
  /** One place a call can go: a provider and the model name to ask it for. */
  public record Target(LlmProvider provider, String model) {}

  /** How the router retries one target before falling back to the next. */
  public record RetryPolicy(int maxAttemptsPerTarget, Duration baseDelay, Duration maxDelay) {
    public static RetryPolicy defaults() {
      return new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4));
    }
  }

  /**
   * How the router reaches remote providers.
   *
   * @param maxConcurrencyPerProvider calls in flight to one provider at most ({@code SF_PROVIDER_MAX_CONCURRENCY});
   *     more wait for a place within their time budget. Keeps sockets and the upstream's rate in check under bursts.
   * @param http the HTTP client the router's adapters share, closed with the router; {@code null} when no
   *     target is remote
   */
  public record Connections(int maxConcurrencyPerProvider, ProviderClient http) {
    public Connections {
      if (maxConcurrencyPerProvider < 1) {
        throw new IllegalArgumentException("maxConcurrencyPerProvider must be at least 1 (got " + maxConcurrencyPerProvider + ")");
      }
    }

    public static Connections defaults() {
      return new Connections(LlmSettings.DEFAULT_MAX_CONCURRENCY, null);
    }
  }

  private final Map<String, List<Target>> routes;
  private final List<Target> fallbackRoute;
  private final PriceTable prices;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Connections connections;
  private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, java.util.concurrent.Semaphore> bulkheads = new ConcurrentHashMap<>();

  public ModelRouter(Map<String, List<Target>> routes, List<Target> defaultRoute, PriceTable prices) {
    this(routes, defaultRoute, prices, RetryPolicy.defaults(), Clock.systemUTC());
  }

  public ModelRouter(Map<String, List<Target>> routes, List<Target> defaultRoute, PriceTable prices, RetryPolicy retry,
      Clock clock) {
    this(routes, defaultRoute, prices, retry, clock, Connections.defaults());
  }

  public ModelRouter(Map<String, List<Target>> routes, List<Target> defaultRoute, PriceTable prices, RetryPolicy retry,
      Clock clock, Connections connections) {
    if (defaultRoute.isEmpty()) {
      throw new IllegalArgumentException("the default route must name at least one model");
    }
    this.routes = Map.copyOf(routes);
    this.fallbackRoute = List.copyOf(defaultRoute);
    this.prices = prices;
    this.retry = retry;
    this.clock = clock;
    this.connections = connections;
  }

  /** Every task on the built-in offline model. */
  public static ModelRouter offlineOnly() {
    return new ModelRouter(Map.of(), List.of(offlineTarget()), PriceTable.defaults());
  }

  static Target offlineTarget() {
    return new Target(new OfflineModel(), OfflineModel.MODEL);
  }

  public List<Target> route(String task) {
    return routes.getOrDefault(task, fallbackRoute);
  }

  /**
   * The route of {@code task} under a caller's model policy (a grant's {@code ai} block): only the models it
   * allows, its preferred ones first (the user's choice, then the plan's default). A preferred or allowed model
   * that the task's route does not name is still used when its provider is configured here. Empty when none of
   * the allowed models can be reached on this instance. With no policy, or on an instance with no provider at
   * all (every task on the offline model, which spends nothing and reaches no one), the plain route.
   */
  public List<Target> route(String task, ModelPolicy policy) {
    List<Target> base = route(task);
    if (policy == null || onlyOffline()) {
      return base;
    }
    java.util.LinkedHashSet<Target> out = new java.util.LinkedHashSet<>();
    Map<String, LlmProvider> configured = configuredProviders();
    for (ModelPolicy.Choice c : policy.preferred()) {
      if (c.model() == null) {
        base.stream().filter(t -> t.provider().id().equals(c.provider()) && policy.allows(c.provider(), t.model()))
            .forEach(out::add);
        continue;
      }
      base.stream().filter(t -> t.provider().id().equals(c.provider()) && t.model().equals(c.model()))
          .findFirst().or(() -> java.util.Optional.ofNullable(configured.get(c.provider()))
              .map(p -> new Target(p, c.model())))
          .ifPresent(out::add);
    }
    base.stream().filter(t -> policy.allows(t.provider().id(), t.model())).forEach(out::add);
    if (out.isEmpty()) { // nothing allowed in this task's route: an allowed model of a provider configured here
      policy.allowed().forEach((provider, models) -> {
        LlmProvider p = configured.get(provider);
        if (p != null && !models.isEmpty()) {
          out.add(new Target(p, models.iterator().next()));
        }
      });
    }
    return List.copyOf(out);
  }

  /** Whether every route is the offline model alone (no provider key is set). */
  public boolean onlyOffline() {
    return java.util.stream.Stream.concat(routes.values().stream().flatMap(List::stream), fallbackRoute.stream())
        .allMatch(t -> t.provider() instanceof OfflineModel);
  }

  /** The remote providers any route uses, by id. */
  public Map<String, LlmProvider> configuredProviders() {
    Map<String, LlmProvider> out = new java.util.LinkedHashMap<>();
    java.util.stream.Stream.concat(fallbackRoute.stream(), routes.values().stream().flatMap(List::stream))
        .filter(t -> !(t.provider() instanceof OfflineModel))
        .forEach(t -> out.putIfAbsent(t.provider().id(), t.provider()));
    return out;
  }

  /** {@code provider:model} of every model some route names, for error messages. */
  public List<String> configuredModels() {
    return java.util.stream.Stream.concat(fallbackRoute.stream(), routes.values().stream().flatMap(List::stream))
        .filter(t -> !(t.provider() instanceof OfflineModel))
        .map(t -> t.provider().id() + ":" + t.model()).distinct().toList();
  }

  public PriceTable prices() {
    return prices;
  }

  public RetryPolicy retry() {
    return retry;
  }

  public Clock clock() {
    return clock;
  }

  public java.util.concurrent.Semaphore bulkhead(String providerId) {
    return bulkheads.computeIfAbsent(providerId, id -> new java.util.concurrent.Semaphore(connections.maxConcurrencyPerProvider(), true));
  }

  /** Calls in flight to one provider at most; more wait for a place within their time budget. */
  public int maxConcurrencyPerProvider() {
    return connections.maxConcurrencyPerProvider();
  }

  public CircuitBreaker breaker(String providerId) {
    return breakers.computeIfAbsent(providerId, id -> new CircuitBreaker(5, Duration.ofSeconds(30), clock));
  }

  /**
   * Gets the provider HTTP client going in the background when any route uses a remote provider (the
   * service calls this once it listens, so that neither the start nor the first call waits for it).
   */
  public void prepareInBackground() {
    boolean remote = java.util.stream.Stream.concat(routes.values().stream().flatMap(List::stream),
        fallbackRoute.stream()).anyMatch(t -> !(t.provider() instanceof OfflineModel));
    if (remote && connections.http() != null) {
      connections.http().startInBackground();
    }
  }

  /** Stops the shared provider HTTP client, if the router has one. */
  @Override
  public void close() {
    if (connections.http() != null) {
      connections.http().close();
    }
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
