package com.clickeen.sf.learning.experiments;

/**
 * What an experiment's evaluation needs of one exposure (one interaction served by an arm).
 *
 * @param metric the primary metric's value, or null while it is not known yet (not scored, or younger than
 *     the metric's maturity): such exposures count for the sample ratio and the guardrails, not the metric
 * @param undone the user undid the result (ux_undo)
 * @param costUsd the model cost of the interaction (0 when unknown)
 */
public record Observation(Arm arm, long createdAtMs, boolean valid, boolean undone, Double metric, long latencyMs,
    double costUsd) {}
