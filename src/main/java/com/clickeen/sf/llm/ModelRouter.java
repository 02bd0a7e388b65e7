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
