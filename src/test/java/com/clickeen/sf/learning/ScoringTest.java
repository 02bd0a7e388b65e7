package com.clickeen.sf.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each agent's formula against cases computed by hand. */
class ScoringTest {
  static final Scoring SCORING = Scoring.standard();

  static AgentInteraction interaction(String agent, boolean valid, boolean applied, Boolean continued, Boolean abandoned,
      Boolean followUp, Boolean converted, Boolean paid, Boolean taskCompleted, String review, String feedback) {
    return new AgentInteraction("r", agent, "dev", "t", 0, "s", null, null, null, null, null, null, List.of(),
        new AgentInteraction.Outcomes(new AgentInteraction.Technical(valid, applied, null),
            new AgentInteraction.Behavioral(continued, abandoned, followUp),
            new AgentInteraction.Business(converted, paid, taskCompleted)),
        new AgentInteraction.Quality(null, review, feedback));
  }

  @Test
  void sdr_uses_the_spec_formula() {
    // 0.2 valid + 0.2 continued + 0.4 converted + 0.2 paid
    assertThat(SCORING.score(interaction("sdr.copilot", true, true, true, null, null, true, true, null, null, null))).isEqualTo(1.0);
    assertThat(SCORING.score(interaction("sdr.copilot", true, true, true, null, null, null, null, null, null, null))).isEqualTo(0.4);
    assertThat(SCORING.score(interaction("sdr.copilot", true, true, null, null, null, true, null, null, null, null))).isEqualTo(0.6);
    assertThat(SCORING.score(interaction("sdr.copilot", true, true, null, null, null, null, null, null, null, null))).isEqualTo(0.2);
    assertThat(SCORING.score(interaction("sdr.copilot", true, true, null, null, null, true, true, null, null, null))).isEqualTo(0.8);
  }

  @Test
  void editor_weighs_kept_edits_and_an_undo_cancels_the_keep() {
    // 0.2 valid + 0.1 applied + 0.3 kept + 0.2 converted + 0.2 paid
    assertThat(SCORING.score(interaction("editor.copilot", true, true, true, false, null, null, null, null, null, null))).isEqualTo(0.6);
    assertThat(SCORING.score(interaction("editor.copilot", true, true, true, true, null, null, null, null, null, null))).isEqualTo(0.3);
  }

  @Test
  void invalid_results_are_capped_at_0_2() {
    assertThat(SCORING.score(interaction("sdr.copilot", false, false, true, null, null, true, true, null, null, null))).isEqualTo(0.2);
  }

  @Test
  void human_review_and_feedback_adjust_every_agent() {
    assertThat(SCORING.score(interaction("ops.monitor", false, false, null, null, null, null, null, null, "golden", null))).isEqualTo(1.0);
    assertThat(SCORING.score(interaction("sdr.copilot", true, true, true, null, null, true, true, null, "bad", null))).isEqualTo(0.0);
    assertThat(SCORING.score(interaction("support.agent", true, false, null, null, null, null, null, null, "good", null))).isEqualTo(0.8);
    // support: 0.2 valid + 0.2 continued + 0.6 task completed; 0.2 + 0.1 helpful
    assertThat(SCORING.score(interaction("support.agent", true, false, null, null, null, null, null, null, null, "helpful"))).isEqualTo(0.3);
    assertThat(SCORING.score(interaction("support.agent", true, false, null, null, null, null, null, true, null, "not-helpful"))).isEqualTo(0.6);
  }

  @Test
  void the_other_agents_formulas() {
    // marketing: 0.2 valid + 0.3 follow-up + 0.4 converted + 0.1 paid
    assertThat(SCORING.score(interaction("marketing.copywriter", true, true, null, null, true, null, null, null, null, null))).isEqualTo(0.5);
    // content: 0.3 valid + 0.3 continued + 0.4 task completed
    assertThat(SCORING.score(interaction("content.writer", true, true, true, null, null, null, null, true, null, null))).isEqualTo(1.0);
    // translator: 0.5 valid + 0.5 continued
    assertThat(SCORING.score(interaction("ui.translator", true, true, null, null, null, null, null, null, null, null))).isEqualTo(0.5);
    // ops: 0.3 valid + 0.1 follow-up + 0.6 task completed
    assertThat(SCORING.score(interaction("ops.monitor", true, true, null, null, null, null, null, true, null, null))).isEqualTo(0.9);
    assertThat(SCORING.weights()).containsKeys("sdr.copilot", "editor.copilot", "support.agent", "marketing.copywriter",
        "content.writer", "ui.translator", "ops.monitor");
  }
}
