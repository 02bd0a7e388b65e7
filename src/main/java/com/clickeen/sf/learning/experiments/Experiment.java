package com.clickeen.sf.learning.experiments;

import java.time.Duration;
import java.util.Locale;

/**
 * An A/B test of a candidate prompt version against the agent's active version (the control).
 *
 * @param id a short unique id ({@code exp-…}), also the assignment hash's salt
 * @param traffic the candidate's share of subjects, in (0, 1)
 * @param maturity how old an interaction must be before its metric counts (delayed outcomes)
 * @param maxDuration when the experiment ends inconclusive
 * @param autoPromote whether a promote verdict is applied by itself or waits for {@code experiments promote}
 * @param decision the last decision's reason, null while running without one
 */
public record Experiment(String id, String agentId, int controlVersion, int candidateVersion, double traffic,
    Metric metric, Duration maturity, Duration maxDuration, boolean autoPromote, Status status, long startedAtMs,
    Long endedAtMs, String decision) {

  /** What the experiment optimises. */
  public enum Metric {
    /** The interaction's score (see Scoring): known once scored; later outcomes may still raise it. */
    SCORE,
    /** Whether the subject signed up within the attribution window (0 or 1). */
    CONVERTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * An interaction's value of this metric, or null while it is not mature: created after
     * {@code matureBeforeMs}, or (for the score) waiting to be scored since its last outcome.
     */
    public Double value(long createdAtMs, long matureBeforeMs, Double score, boolean needsScore, Boolean converted) {
      if (createdAtMs > matureBeforeMs) {
        return null;
      }
      return switch (this) {
        case SCORE -> needsScore || score == null ? null : score;
        case CONVERTED -> Boolean.TRUE.equals(converted) ? 1.0 : 0.0;
      };
    }

    public static Metric parse(String s) {
      return switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
        case "score" -> SCORE;
        case "converted" -> CONVERTED;
        default -> throw new IllegalArgumentException("unknown metric '" + s + "' (score or converted)");
      };
    }
  }

  public enum Status {
    RUNNING("running"),
    PAUSED("paused"),
    PROMOTED("promoted"),
    ROLLED_BACK("rolled back"),
    INCONCLUSIVE("inconclusive"),
    STOPPED("stopped");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Running or paused: the agent has this experiment and may not start another. */
    public boolean open() {
      return this == RUNNING || this == PAUSED;
    }

    public static Status parse(String s) {
      for (Status st : values()) {
        if (st.label.equals(s)) {
          return st;
        }
      }
      throw new IllegalArgumentException("unknown experiment status '" + s + "'");
    }
  }

  public Experiment withStatus(Status s, Long endedAt, String why) {
    return new Experiment(id, agentId, controlVersion, candidateVersion, traffic, metric, maturity, maxDuration,
        autoPromote, s, startedAtMs, endedAt, why);
  }
}
