package com.clickeen.sf.learning.experiments;

/**
 * The sample-ratio-mismatch check: a chi-square goodness-of-fit test (one degree of freedom) of the
 * exposures per arm against the configured split. A tiny p-value means the assignment or the logging is
 * broken (a bot hitting one arm, an arm that fails before it is logged), so no decision can be trusted.
 */
public final class SampleRatio {
  private SampleRatio() {}

  /** The chi-square statistic of the observed counts against a candidate share of {@code candidateShare}. */
  public static double chiSquare(long control, long candidate, double candidateShare) {
    double total = control + candidate;
    if (total == 0) {
      return 0;
    }
    double eCandidate = total * candidateShare;
    double eControl = total - eCandidate;
    double dc = candidate - eCandidate;
    double dn = control - eControl;
    return dc * dc / eCandidate + dn * dn / eControl;
  }

  /** P(χ²₁ ≥ x) = erfc(√(x/2)). */
  public static double pValue(long control, long candidate, double candidateShare) {
    return erfc(Math.sqrt(chiSquare(control, candidate, candidateShare) / 2));
  }

  /** The complementary error function, fractional error below 1.2e-7 (Chebyshev fit, Numerical Recipes 6.2). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
