package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.learning.experiments.Arm;
import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.Experiment.Metric;
import com.clickeen.sf.learning.experiments.Experiment.Status;
import com.clickeen.sf.learning.experiments.ExperimentStore;
import com.clickeen.sf.learning.experiments.ExperimentStore.DecisionRecord;
import com.clickeen.sf.learning.experiments.ExperimentStore.Exposure;
import com.clickeen.sf.learning.experiments.Observation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExperimentStore} on every SQL backend. */
abstract class ExperimentStoreContract extends SqlPortContract {
  static Experiment experiment(String id, String agent, long at) {
    return new Experiment(id, agent, 1, 2, 0.5, Metric.SCORE, Duration.ZERO, Duration.ofDays(14), true,
        Status.RUNNING, at, null, null);
  }

  ExperimentStore store() {
    return backends.experiments();
  }

  @Test
  void an_agent_has_at_most_one_open_experiment() {
    assertThat(store().create(experiment("e1", "sdr.copilot", 10))).isTrue();
    assertThat(store().create(experiment("e2", "sdr.copilot", 20))).isFalse();
    assertThat(store().create(experiment("e3", "editor.copilot", 30))).isTrue();
    assertThat(store().find("e1")).contains(experiment("e1", "sdr.copilot", 10));
    assertThat(store().find("e2")).isEmpty();
    assertThat(store().running()).extracting(Experiment::id).containsExactly("e1", "e3");
    assertThat(store().list(null, 10)).extracting(Experiment::id).containsExactly("e3", "e1");
    assertThat(store().list("sdr.copilot", 10)).extracting(Experiment::id).containsExactly("e1");

    // Paused stays open; a stopped experiment frees the agent for the next one.
    Experiment e1 = store().find("e1").orElseThrow();
    assertThat(store().transition("e1", Status.RUNNING, e1.withStatus(Status.PAUSED, null, "srm"))).isTrue();
    assertThat(store().create(experiment("e4", "sdr.copilot", 40))).isFalse();
    assertThat(store().running()).extracting(Experiment::id).containsExactly("e3");
    assertThat(store().transition("e1", Status.PAUSED, e1.withStatus(Status.STOPPED, 50L, "by hand"))).isTrue();
    assertThat(store().find("e1").orElseThrow()).satisfies(e -> {
      assertThat(e.status()).isEqualTo(Status.STOPPED);
      assertThat(e.endedAtMs()).isEqualTo(50L);
      assertThat(e.decision()).isEqualTo("by hand");
    });
    assertThat(store().create(experiment("e4", "sdr.copilot", 40))).isTrue();
  }

  @Test
  void a_transition_happens_once_and_promotion_activates_the_candidate() {
    backends.prompts().seedPrompt("sdr.copilot", "v1", 1);
    backends.prompts().addPrompt("sdr.copilot", "v2", 2);
    Experiment e = experiment("e1", "sdr.copilot", 10);
    store().create(e);
    Experiment promoted = e.withStatus(Status.PROMOTED, 99L, "better");
    assertThat(store().transition("e1", Status.RUNNING, promoted)).isTrue();
    assertThat(store().transition("e1", Status.RUNNING, e.withStatus(Status.ROLLED_BACK, 99L, "worse"))).isFalse();
    assertThat(store().find("e1").orElseThrow().status()).isEqualTo(Status.PROMOTED);
    assertThat(backends.prompts().activePrompt("sdr.copilot").orElseThrow().version()).isEqualTo(2);
    assertThat(store().transition("nope", Status.RUNNING, promoted)).isFalse();
  }

  @Test
  void observations_join_exposures_with_their_interactions_and_apply_maturity() {
    Experiment e = experiment("e1", "sdr.copilot", 0);
    store().create(e);
    record(rowOf("i1", "s1", 100).latencyMs(40).costUsd(0.002).build(),
        rowOf("i2", "s2", 200).valid(false).build(),
        rowOf("i3", "s3", 300).build(),
        row("other", "s4", 100));
    backends.scores().saveScores(List.of(new com.clickeen.sf.store.Scores.Scored("i1", 0.8),
        new com.clickeen.sf.store.Scores.Scored("i2", 0.1)), 500);
    store().recordExposures(List.of(new Exposure("i1", "e1", Arm.CONTROL, 100), new Exposure("i2", "e1", Arm.CANDIDATE, 200),
        new Exposure("i3", "e1", Arm.CANDIDATE, 300)));
    store().recordExposures(List.of(new Exposure("i1", "e1", Arm.CANDIDATE, 100))); // a repeat changes nothing
    store().recordExposures(List.of());
    List<Observation> obs = store().observations(e, 250).stream()
        .sorted(java.util.Comparator.comparingLong(Observation::createdAtMs)).toList();
    assertThat(obs).containsExactly(
        new Observation(Arm.CONTROL, 100, true, false, 0.8, 40, 0.002),
        new Observation(Arm.CANDIDATE, 200, false, false, 0.1, 5, 0.001),
        // i3 is younger than the maturity cut-off (and not scored): exposed, not measured.
        new Observation(Arm.CANDIDATE, 300, true, false, null, 5, 0.001));
  }

  @Test
  void the_decision_log_keeps_every_look_in_order() {
    store().create(experiment("e1", "sdr.copilot", 0));
    store().log(new DecisionRecord("e1", 1, "continue", false, "waiting", "{}"));
    store().log(new DecisionRecord("e1", 2, "promote", true, "better", "{\"verdict\":\"promote\"}"));
    assertThat(store().decisions("e1", 10)).containsExactly(new DecisionRecord("e1", 1, "continue", false, "waiting", "{}"),
        new DecisionRecord("e1", 2, "promote", true, "better", "{\"verdict\":\"promote\"}"));
    assertThat(store().decisions("e1", 1)).hasSize(1);
    assertThat(store().decisions("nope", 10)).isEmpty();
  }
}
