package com.clickeen.sf.learning;

import com.clickeen.sf.store.OutcomeFlags;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality scores in [0, 1] per agent, computed from an interaction's outcomes. Unknown outcomes (null)
 * count as not achieved. The SDR Copilot uses the spec's formula; the others weigh technical validity,
 * behaviour and business results by what each agent is for (the table is documented in docs/SCORING.md).
 *
 * <p>Human review and user feedback then adjust every agent alike: {@code golden} is 1.0 and {@code bad}
 * is 0.0 whatever the outcomes; {@code good} raises the score to at least 0.8; {@code helpful} adds 0.1,
 * {@code not-helpful} takes 0.2 away (clamped to [0, 1]). An interaction whose result was invalid never
 * scores above 0.2 from outcomes, so it can never reach an example bank on outcomes alone.
 */
public final class Scoring {
  /** Weights of one agent's formula. */
  public record Weights(double valid, double applied, double continued, double followUp, double converted, double paid,
      double taskCompleted) {
    double sum() {
      return valid + applied + continued + followUp + converted + paid + taskCompleted;
    }
  }

  private static final Weights VALIDITY_ONLY = new Weights(1, 0, 0, 0, 0, 0, 0);

  private final Map<String, Weights> weights;

  /** @param weights each agent's formula; agents not named are scored on validity alone */
  public Scoring(Map<String, Weights> weights) {
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** The formulas of the agents that ship with San Francisco (documented in docs/SCORING.md). */
  public static Scoring standard() {
    Map<String, Weights> w = new LinkedHashMap<>();
    // The spec: 0.2 opsValid + 0.2 continued + 0.4 converted + 0.2 paid.
    w.put("sdr.copilot", new Weights(0.2, 0, 0.2, 0, 0.4, 0.2, 0));
    // An edit is worth what the user keeps: kept (ux_keep) weighs most; conversion and payment follow.
    w.put("editor.copilot", new Weights(0.2, 0.1, 0.3, 0, 0.2, 0.2, 0));
    // Support is worth resolved questions: task completed (no escalation needed, the user went on).
    w.put("support.agent", new Weights(0.2, 0, 0.2, 0, 0, 0, 0.6));
    // Copy is worth clicks and signups.
    w.put("marketing.copywriter", new Weights(0.2, 0, 0, 0.3, 0.4, 0.1, 0));
    // Articles are worth being kept (published) and doing their job.
    w.put("content.writer", new Weights(0.3, 0, 0.3, 0, 0, 0, 0.4));
    // Translations are worth being exact (validity includes placeholders) and kept without correction.
    w.put("ui.translator", new Weights(0.5, 0, 0.5, 0, 0, 0, 0));
    // Incident help is worth incidents resolved with its runbook.
    w.put("ops.monitor", new Weights(0.3, 0, 0, 0.1, 0, 0, 0.6));
    return new Scoring(w);
  }

  public Map<String, Weights> weights() {
    return weights;
  }

  /** Weights of an agent; unknown agents are scored on validity alone. */
  public Weights weights(String agentId) {
    return weights.getOrDefault(agentId, VALIDITY_ONLY);
  }

  /** The score of an interaction from its outcomes, review and feedback. */
  public double score(AgentInteraction i) {
    AgentInteraction.Outcomes o = i.outcomes();
    AgentInteraction.Quality q = i.quality();
    return score(i.agentId(), o.technical().valid(), o.technical().applied(), new OutcomeFlags(
        o.behavioral().continued(), o.behavioral().abandoned(), o.behavioral().followUp(), o.business().converted(),
        o.business().paid(), o.business().taskCompleted(), q == null ? null : q.humanReview(),
        q == null ? null : q.userFeedback()));
  }

  /** The same score from an index row's columns (what score-interactions reads). */
  public double score(String agentId, boolean valid, boolean applied, OutcomeFlags o) {
    Weights w = weights(agentId);
    double s = 0;
    s += w.valid() * (valid ? 1 : 0);
    s += w.applied() * (applied ? 1 : 0);
    boolean continued = isTrue(o.continued()) && !isTrue(o.abandoned());
    s += w.continued() * (continued ? 1 : 0);
    s += w.followUp() * (isTrue(o.followUp()) ? 1 : 0);
    s += w.converted() * (isTrue(o.converted()) ? 1 : 0);
    s += w.paid() * (isTrue(o.paid()) ? 1 : 0);
    s += w.taskCompleted() * (isTrue(o.taskCompleted()) ? 1 : 0);
    s = s / w.sum();
    if (!valid) {
      s = Math.min(s, 0.2);
    }
    if ("golden".equals(o.humanReview())) {
      return 1.0;
    }
    if ("bad".equals(o.humanReview())) {
      return 0.0;
    }
    if ("good".equals(o.humanReview())) {
      s = Math.max(s, 0.8);
    }
    if ("helpful".equals(o.userFeedback())) {
      s += 0.1;
    } else if ("not-helpful".equals(o.userFeedback())) {
      s -= 0.2;
    }
    return Math.round(Math.max(0, Math.min(1, s)) * 1e6) / 1e6;
  }

  private static boolean isTrue(Boolean b) {
    return b != null && b;
  }
}
