package com.clickeen.sf.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's metrics, served by {@code GET /metrics} in Prometheus text format. Meters are created once
 * per tag combination and cached, so recording on the request path is a map lookup and an add.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<Key, Object> meters = new ConcurrentHashMap<>();

  private Metrics() {
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
  }

  /** Metrics that go nowhere, for tests and tools that do not serve them. */
  public static Metrics create() {
    return new Metrics();
  }

  /** One answered (or refused) execute: {@code status} is the HTTP status, {@code code} the error code or "ok". */
  public void execute(String agent, int status, String code, Duration latency) {
    counter("sf_execute_requests", "agent", agent, "status", Integer.toString(status)).increment();
    if (!"ok".equals(code)) {
      counter("sf_execute_errors", "code", code).increment();
    }
    timer("sf_execute_latency", "agent", agent).record(latency);
  }

  /** One provider call (each retry and repair counts): outcome is ok, retryable_error or error. */
  public void llmCall(String provider, String model, String outcome, Duration latency) {
    counter("sf_llm_calls", "provider", provider, "model", model, "outcome", outcome).increment();
    timer("sf_llm_latency", "provider", provider, "model", model).record(latency);
  }

  public void llmUsage(String provider, String model, Integer promptTokens, Integer completionTokens, double costUsd) {
    if (promptTokens != null) {
      counter("sf_llm_tokens", "provider", provider, "model", model, "kind", "prompt").increment(promptTokens);
    }
    if (completionTokens != null) {
      counter("sf_llm_tokens", "provider", provider, "model", model, "kind", "completion").increment(completionTokens);
    }
    if (promptTokens == null || completionTokens == null) {
      counter("sf_llm_usage_missing", "provider", provider, "model", model).increment();
    }
    summary("sf_llm_cost_usd", "provider", provider, "model", model).record(costUsd);
  }

  /** An outcome accepted for a request id the index does not know (yet): a typo, or an interaction on its way. */
  public void outcomeUnmatched() {
    counter("sf_outcomes_unmatched").increment();
  }

  public String scrape() {
    return registry.scrape();
  }

  private Counter counter(String name, String... tags) {
    return (Counter) meters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).tags(tags).register(registry));
  }

  private Timer timer(String name, String... tags) {
    return (Timer) meters.computeIfAbsent(key(name, tags), k -> Timer.builder(name).tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry));
  }

  private DistributionSummary summary(String name, String... tags) {
    return (DistributionSummary) meters.computeIfAbsent(key(name, tags),
        k -> DistributionSummary.builder(name).tags(tags).register(registry));
  }

  /**
   * A meter's name and tags as a map key. Its hash comes from the strings' cached hashes: building a joined
   * string per lookup (7 lookups per execute) cost a concatenation and a fresh hash each time.
   */
  private record Key(String name, String t0, String t1, String t2, String t3, String t4, String t5) {}

  private static Key key(String name, String... tags) {
    if (tags.length > 6) {
      throw new IllegalArgumentException("metric " + name + " has " + tags.length + " tag strings; at most 6 (3 tags)");
    }
    return new Key(name, tag(tags, 0), tag(tags, 1), tag(tags, 2), tag(tags, 3), tag(tags, 4), tag(tags, 5));
  }

  private static String tag(String[] tags, int i) {
    return i < tags.length ? tags[i] : null;
  }
}
