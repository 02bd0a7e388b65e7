package com.clickeen.sf.learning.experiments;

/** What one evaluation of an experiment concludes. */
public enum Verdict {
  /** Not enough evidence yet: keep the experiment running. */
  CONTINUE,
  /** The candidate is better on the metric and breaks no guardrail: it becomes the active version. */
  PROMOTE,
  /** The candidate is worse on the metric, or breaches a guardrail: stop, the control stays. */
  ROLLBACK,
  /** The maximum duration passed without a significant difference: stop, the control stays. */
  INCONCLUSIVE,
  /** The arms' exposures do not match the split (sample ratio mismatch): no decision can be trusted. */
  PAUSE
}
