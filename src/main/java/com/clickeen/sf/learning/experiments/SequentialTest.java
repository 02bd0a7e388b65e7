package com.clickeen.sf.learning.experiments;

/**
 * The mixture sequential probability ratio test (mSPRT) on the difference of two means, as in Johari,
 * Pekelis and Walsh, "Always valid inference" (used by Optimizely; Netflix uses the same family). With a
 * normal mixing distribution N(0, τ²) over the true difference θ, the likelihood ratio after seeing an
 * estimate θ̂ with variance V is
 *
 * <pre>  Λ = sqrt(V / (V + τ²)) · exp(θ̂² τ² / (2 V (V + τ²)))</pre>
 *
 * and the probability that Λ ever reaches 1/α under θ = 0 is at most α, however often one looks. The set of
 * θ0 that the same test would not reject is an always-valid confidence sequence:
 *
 * <pre>  θ̂ ± sqrt(2 V (V + τ²) / τ² · (ln(1/α) + ½ ln((V + τ²) / V)))</pre>
 *
 * V is estimated from the data (Welch: s₁²/n₁ + s₂²/n₂), τ is set on the standardised scale (τ = {@code
 * tauStd} · pooled σ, default 0.2: a "small" effect in Cohen's terms, where the test has the most power),
 * and the variance has a floor so that identical values (σ = 0) do not divide by zero.
 *
 * @param alpha the error rate that holds under continuous monitoring
 * @param tauStd the mixing scale in units of the pooled standard deviation
 * @param varianceFloor the smallest per-value variance assumed
 */
public record SequentialTest(double alpha, double tauStd, double varianceFloor) {
  public static final SequentialTest DEFAULT = new SequentialTest(0.05, 0.2, 1e-4);

  public SequentialTest {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (!(tauStd > 0)) {
      throw new IllegalArgumentException("tauStd must be positive, got " + tauStd);
    }
    if (!(varianceFloor > 0)) {
      throw new IllegalArgumentException("varianceFloor must be positive, got " + varianceFloor);
    }
  }

  /**
   * One look at the data: candidate minus control.
   *
   * @param difference the estimated difference of means θ̂
   * @param lower the confidence sequence's lower end (always valid at level 1 - α)
   * @param upper its upper end
   * @param logLikelihoodRatio ln Λ against θ = 0
   * @param pValue the always-valid p-value of this look, min(1, 1/Λ) (a caller keeps the running minimum)
   */
  public record Result(double difference, double lower, double upper, double logLikelihoodRatio, double pValue) {
    /** True when the difference is non-zero at level α: the sequence excludes 0. */
    public boolean significant() {
      return lower > 0 || upper < 0;
    }
  }

  public Result compare(Moments control, Moments candidate) {
    if (control.n() < 2 || candidate.n() < 2) {
      return new Result(candidate.mean() - control.mean(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1);
    }
    double va = Math.max(control.variance(), varianceFloor);
    double vb = Math.max(candidate.variance(), varianceFloor);
    double pooled = ((control.n() - 1) * va + (candidate.n() - 1) * vb) / (control.n() + candidate.n() - 2);
    double v = va / control.n() + vb / candidate.n();
    double tau2 = tauStd * tauStd * pooled;
    double theta = candidate.mean() - control.mean();
    double logLambda = 0.5 * Math.log(v / (v + tau2)) + theta * theta * tau2 / (2 * v * (v + tau2));
    double half = Math.sqrt(2 * v * (v + tau2) / tau2 * (Math.log(1 / alpha) + 0.5 * Math.log((v + tau2) / v)));
    double p = Math.min(1, Math.exp(-logLambda));
    return new Result(theta, theta - half, theta + half, logLambda, p);
  }

  /** An always-valid interval for one arm's mean (the same mixture on the one-sample estimate). */
  public double[] interval(Moments m) {
    if (m.n() < 2) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    double var = Math.max(m.variance(), varianceFloor);
    double v = var / m.n();
    double tau2 = tauStd * tauStd * var;
    double half = Math.sqrt(2 * v * (v + tau2) / tau2 * (Math.log(1 / alpha) + 0.5 * Math.log((v + tau2) / v)));
    return new double[] {m.mean() - half, m.mean() + half};
  }
}
