package com.clickeen.sf.learning.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clickeen.sf.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {
  /** The defaults, with a candidate every day and one-day experiments, so that a 3-day world decides things. */
  static WorldSettings tinyWorld() {
    WorldSettings d = WorldSettings.defaults();
    return new WorldSettings(d.segments(), 500, d.v1Latent(), d.answerNoise(), d.contractBreakRate(), d.exampleLift(),
        d.exampleSaturation(), 1, d.effects(), Duration.ofDays(1), 50, Duration.ofHours(12));
  }

  static final Simulation.Run TINY = new Simulation.Run(3, 480, 7, "sdr.copilot");

  private static String render(WorldSettings w, Simulation.Run run) {
    List<Simulation.Result> results = Simulation.runAll(w, run, Policies.names());
    return Report.summaryJson(run, results, null, null, null, null) + Report.svg(results);
  }

  @Test
  void seeded_runs_are_reproducible_to_the_byte() {
    String first = render(tinyWorld(), TINY);
    assertEquals(first, render(tinyWorld(), TINY));
    Simulation.Run other = new Simulation.Run(3, 480, 8, "sdr.copilot");
    assertTrue(!first.equals(render(tinyWorld(), other)), "another seed gives another run");
  }

  @Test
  void a_tiny_world_runs_all_four_policies_and_day_1_is_version_1_for_all() {
    List<Simulation.Result> results = Simulation.runAll(tinyWorld(), TINY, Policies.names());
    assertEquals(List.of("none", "naive", "loop", "oracle"), results.stream().map(Simulation.Result::policy).toList());
    for (Simulation.Result r : results) {
      assertEquals(3, r.trueQuality().length);
      assertEquals(results.getFirst().day1(), r.day1(), 1e-12, r.policy() + " day 1");
      assertTrue(r.day1() > 0.2 && r.day1() < 0.6, r.policy() + " day 1 = " + r.day1());
    }
  }

  @Test
  void none_never_changes_version_and_rejects_every_candidate() {
    Simulation.Result none = Simulation.run(tinyWorld(), TINY, "none");
    assertEquals(1, none.log().version());
    assertEquals(0, none.log().bankSize());
    assertEquals(2, none.log().decisions().size());
    assertTrue(none.log().decisions().stream().allMatch(d -> d.kind().equals("REJECT")));
  }

  @Test
  void oracle_promotes_exactly_the_better_candidates() {
    for (long seed = 1; seed <= 5; seed++) {
      Simulation.Result oracle = Simulation.run(tinyWorld(), new Simulation.Run(3, 240, seed, "sdr.copilot"), "oracle");
      for (Policy.Decision d : oracle.log().decisions()) {
        assertEquals(d.effect() > 0 ? "PROMOTE" : "REJECT", d.kind(), "seed " + seed + ": " + d);
      }
      assertEquals(1 + oracle.promotions(), oracle.log().version());
      assertEquals(0, oracle.harmfulPromotions());
    }
  }

  @Test
  void loop_decides_only_by_the_evaluators_verdicts() {
    Simulation.Result loop = Simulation.run(tinyWorld(), TINY, "loop");
    for (Policy.Decision d : loop.log().decisions()) {
      assertTrue(List.of("PROMOTE", "ROLLBACK", "INCONCLUSIVE").contains(d.kind()), d.toString());
      assertTrue(!d.reason().isBlank());
    }
    assertEquals(1 + loop.promotions(), loop.log().version());
  }

  @Test
  void a_few_calibration_runs_account_for_every_run() {
    Calibration.Rates harm = Calibration.run(tinyWorld(), TINY, -0.05, 4);
    assertEquals(4, harm.runs());
    assertTrue(harm.promoted() + harm.rolledBack() <= 4);
    assertTrue(harm.sigma() > 0.1 && harm.sigma() < 0.5, "sigma " + harm.sigma());
  }

  @Test
  void a_conversion_counts_in_the_experiment_only_once_it_has_arrived() {
    ExperimentRun e = new ExperimentRun("x", 0, Duration.ofDays(7));
    e.record(com.clickeen.sf.learning.experiments.Arm.CONTROL,
        new SyntheticModel.Answer(0.5, true, 1.0, 0.4, 3_600_000L, 0.4), 0);
    assertEquals(0.4, e.mean(com.clickeen.sf.learning.experiments.Arm.CONTROL, 3_599_999L), 1e-12);
    assertEquals(1.0, e.mean(com.clickeen.sf.learning.experiments.Arm.CONTROL, 3_600_000L), 1e-12);
  }

  @Test
  void bad_world_settings_fail_naming_the_key_and_the_value() {
    WorldSettings d = WorldSettings.defaults();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorldSettings(d.segments(), 0,
        d.v1Latent(), d.answerNoise(), d.contractBreakRate(), d.exampleLift(), d.exampleSaturation(), 7, d.effects(),
        Duration.ofDays(7), 200, Duration.ofDays(7)));
    assertEquals("simulation: visitors must be >= 1, got 0.0", e.getMessage());
  }

  @Test
  void sf_simulate_writes_the_summary_and_the_plot(@TempDir Path dir) throws Exception {
    int code = Main.commandLine().execute("simulate", "--days", "2", "--per-day", "48", "--out", dir.toString());
    assertEquals(0, code);
    String summary = Files.readString(dir.resolve("summary.json"));
    for (String key : List.of("\"none\"", "\"naive\"", "\"loop\"", "\"oracle\"", "\"day1\"", "\"dayN\"",
        "\"harmfulPromotions\"", "\"aa\": null", "\"wallSeconds\"")) {
      assertTrue(summary.contains(key), key + " in " + summary);
    }
    assertTrue(Files.readString(dir.resolve("quality.svg")).startsWith("<svg"));
  }

  @Test
  void sf_simulate_twice_on_one_seed_writes_the_same_bytes_but_the_wall_time(@TempDir Path dir) throws Exception {
    for (String run : List.of("a", "b")) {
      assertEquals(0, Main.commandLine().execute("simulate", "--days", "3", "--per-day", "96", "--seed", "3", "--out",
          dir.resolve(run).toString()));
    }
    assertEquals(Files.readString(dir.resolve("a/quality.svg")), Files.readString(dir.resolve("b/quality.svg")));
    String wall = "(?m)^  \"wallSeconds\": .*$";
    assertEquals(Files.readString(dir.resolve("a/summary.json")).replaceAll(wall, ""),
        Files.readString(dir.resolve("b/summary.json")).replaceAll(wall, ""));
  }

  @Test
  void an_unknown_policy_is_refused_with_the_known_ones() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Policies.create("greedy", WorldSettings.defaults(), 1));
    assertEquals("simulation: unknown policy 'greedy' (one of [none, naive, loop, oracle])", e.getMessage());
  }
}
