package com.clickeen.sf.grants;

/**
 * Budgets a grant carries. {@code maxRequests}, {@code maxCostUsd} and {@code timeoutMs} are optional in
 * Paris's format: null means "not limited by the grant" (the service's own limits still apply).
 *
 * @param maxTokens completion tokens the grant may spend across all its requests; it also caps the
 *     provider's {@code max_tokens} on each call
 */
public record GrantBudgets(long maxTokens, Long maxRequests, Double maxCostUsd, Long timeoutMs) {}
