package com.clickeen.sf.grants;

/** A grant budget cannot cover a request. {@link #budget()} names it: maxTokens, maxRequests, maxCostUsd or timeoutMs. */
public final class BudgetExceededException extends Exception {
  private final String budget;

  public BudgetExceededException(String budget, String message) {
    super(message, null, false, false);
    this.budget = budget;
  }

  public String budget() {
    return budget;
  }
}
