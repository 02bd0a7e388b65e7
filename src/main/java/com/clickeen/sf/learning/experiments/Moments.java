package com.clickeen.sf.learning.experiments;

/**
 * Count, mean and sum of squared deviations of a sample, updated one value at a time (Welford's method,
 * stable for millions of values) and mergeable.
 */
public record Moments(long n, double mean, double m2) {
  public static final Moments EMPTY = new Moments(0, 0, 0);

  public Moments add(double x) {
    long n1 = n + 1;
    double delta = x - mean;
    double mean1 = mean + delta / n1;
    return new Moments(n1, mean1, m2 + delta * (x - mean1));
  }

  public Moments merge(Moments o) {
    if (o.n == 0) {
      return this;
    }
    if (n == 0) {
      return o;
    }
    long total = n + o.n;
    double delta = o.mean - mean;
    return new Moments(total, mean + delta * o.n / total, m2 + o.m2 + delta * delta * n * o.n / total);
  }

  /** The sample variance (n - 1 in the denominator); 0 below two values. */
  public double variance() {
    return n > 1 ? m2 / (n - 1) : 0;
  }

  public static Moments of(double... values) {
    Moments m = EMPTY;
    for (double v : values) {
      m = m.add(v);
    }
    return m;
  }
}
