package com.clickeen.sf.store;

import java.util.Map;

/**
 * One agent's interactions on one UTC day, summed for the metrics page.
 *
 * @param dayStartMs the day's first millisecond (UTC)
 * @param undone interactions the user undid ({@code ux_undo})
 * @param costUsd total model cost
 * @param latencyP50Ms median latency (nearest rank, to two significant figures; exact below 100 ms)
 * @param meanScoreByPrompt mean score by prompt version id, of the scores saved by {@code score-interactions}
 *     ({@link Scores#saveScores}); a version without a prompt id is {@code (none)}
 */
public record DayStats(long dayStartMs, long interactions, long valid, long undone, long converted, double costUsd,
    long latencyP50Ms, long latencyP95Ms, Map<String, Double> meanScoreByPrompt) {

  public DayStats {
    meanScoreByPrompt = Map.copyOf(meanScoreByPrompt);
  }
}
