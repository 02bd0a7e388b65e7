package com.clickeen.sf.llm;

import java.util.Map;

/** USD per one million input and output tokens, per model. Unknown models price as the most expensive known. */
public final class PriceTable {
  public record Price(double inputPerMillion, double outputPerMillion) {}

  private final Map<String, Price> prices;
  private final Price unknown;

  public PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
    this.unknown = prices.values().stream()
        .reduce((a, b) -> a.outputPerMillion() >= b.outputPerMillion() ? a : b)
        .orElse(new Price(0, 0));
  }

  /** The defaults for the default models (list prices, USD per 1M tokens). */
  public static PriceTable defaults() {
    return new PriceTable(Map.of(
        OfflineModel.MODEL, new Price(0, 0),
        "deepseek-chat", new Price(0.27, 1.10),
        "deepseek-reasoner", new Price(0.55, 2.19),
        "gpt-4o-mini", new Price(0.15, 0.60),
        "gpt-4o", new Price(2.50, 10.00),
        "claude-3-5-haiku-latest", new Price(0.80, 4.00),
        "claude-sonnet-4-5", new Price(3.00, 15.00)));
  }

  public Map<String, Price> all() {
    return prices;
  }

  public Price price(String model) {
    return prices.getOrDefault(model, unknown);
  }

  /** Nano-USD per input token (rounded up, so worst cases are never under-reserved). */
  public long inputNanosPerToken(String model) {
    return (long) Math.ceil(price(model).inputPerMillion() * 1000.0);
  }

  public long outputNanosPerToken(String model) {
    return (long) Math.ceil(price(model).outputPerMillion() * 1000.0);
  }

  public double costUsd(String model, long promptTokens, long completionTokens) {
    Price p = price(model);
    return (promptTokens * p.inputPerMillion() + completionTokens * p.outputPerMillion()) / 1_000_000.0;
  }
}
