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

  /** Pico-USD (1e-12) per input token: exact for prices with up to six decimals per 1M tokens. */
  public long inputPicosPerToken(String model) {
    return Math.round(price(model).inputPerMillion() * 1_000_000.0);
  }

  public long outputPicosPerToken(String model) {
    return Math.round(price(model).outputPerMillion() * 1_000_000.0);
  }

  /** Exact cost of a call in pico-USD. */
  public long costPicos(String model, long promptTokens, long completionTokens) {
    return promptTokens * inputPicosPerToken(model) + completionTokens * outputPicosPerToken(model);
  }

  /** Pico-USD to the budget ledger's nano-USD, rounded up (a budget is never under-charged). */
  public static long picosToNanosCeil(long picos) {
    return Math.ceilDiv(picos, 1000L);
  }

  public double costUsd(String model, long promptTokens, long completionTokens) {
    return costPicos(model, promptTokens, completionTokens) / 1e12;
  }
}
