package com.clickeen.sf.grants;

/**
 * Budgets a grant carries, meaning what Paris and Clickeen's worker mean by them. {@code maxRequests},
 * {@code maxCostUsd} and {@code timeoutMs} are optional in Paris's format: null means "not limited by the
 * grant" (the service's own limits still apply).
 *
 * @param maxTokens the {@code max_tokens} of <em>each</em> model call (the smaller of it and the agent's own
 *     cap); not a pot shared by the grant's calls
 * @param maxRequests model calls the grant may make in all, a repair call included (an execute answered
 *     without a model counts one)
 * @param maxCostUsd the grant's total cost over all its calls
 * @param timeoutMs the time budget of each execute
 */
public record GrantBudgets(long maxTokens, Long maxRequests, Double maxCostUsd, Long timeoutMs) {}
