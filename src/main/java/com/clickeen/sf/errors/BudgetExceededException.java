package com.clickeen.sf.errors;

import java.util.List;
import java.util.Map;

/**
 * A grant budget cannot cover a request: BUDGET_EXCEEDED. {@link #budget()} names it: maxTokens, maxRequests,
 * maxCostUsd or timeoutMs (the error body's {@code budget} field).
 */
public final class BudgetExceededException extends SfException {
  private final String budget;

  public BudgetExceededException(String budget, String message) {
    super(ErrorCode.BUDGET_EXCEEDED, message, List.of());
    this.budget = budget;
  }

  public String budget() {
    return budget;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("budget", budget);
  }
}
