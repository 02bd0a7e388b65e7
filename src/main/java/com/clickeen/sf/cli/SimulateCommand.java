package com.clickeen.sf.cli;

import com.clickeen.sf.learning.simulation.Calibration;
import com.clickeen.sf.learning.simulation.Policies;
import com.clickeen.sf.learning.simulation.Report;
import com.clickeen.sf.learning.simulation.Simulation;
import com.clickeen.sf.learning.simulation.WorldSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sf simulate}: the loop simulator (see LEARNING.md). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs the learning loop's decision machinery against a seeded synthetic world (see LEARNING.md).")
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--days", defaultValue = "100", description = "simulated days (default ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--per-day", defaultValue = "1000", description = "interactions per day (default ${DEFAULT-VALUE})")
  int perDay;

  @Option(names = "--seed", defaultValue = "1", description = "the world's seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--agent", defaultValue = "sdr.copilot", description = "whose scoring formula (default ${DEFAULT-VALUE})")
  String agent;

  @Option(names = "--policy", description = "one of none, naive, loop, oracle (default: all four side by side)")
  String policy;

  @Option(names = "--out", defaultValue = "target/simulation", description = "output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--aa", defaultValue = "0", description = "run N A/A experiments instead of the days")
  int aa;

  @Option(names = "--power", defaultValue = "0", description = "run N experiments with a true lift of --effect")
  int power;

  @Option(names = "--effect", defaultValue = "0.05", description = "the true lift of --power runs (default ${DEFAULT-VALUE})")
  double effect;

  @Option(names = "--harm", defaultValue = "0", description = "run N experiments with a harmful candidate (-0.05)")
  int harm;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    WorldSettings w = WorldSettings.defaults();
    Simulation.Run run = new Simulation.Run(days, perDay, seed, agent);
    boolean calibration = aa > 0 || power > 0 || harm > 0;
    List<Simulation.Result> results = List.of();
    if (!calibration) {
      List<String> names = policy == null ? Policies.names() : List.of(policy);
      results = Simulation.runAll(w, run, names);
      for (Simulation.Result r : results) {
        System.out.printf(Locale.ROOT, "%-7s day 1 %.4f  day %d %.4f  (x%.2f)  promotions %d (harmful %d), rollbacks %d%n",
            r.policy(), r.day1(), days, r.dayN(), r.dayN() / r.day1(), r.promotions(), r.harmfulPromotions(), r.rollbacks());
      }
    }
    Calibration.Rates a = aa > 0 ? Calibration.run(w, run, 0, aa) : null;
    Calibration.Rates p = power > 0 ? Calibration.run(w, run, effect, power) : null;
    Calibration.Rates h = harm > 0 ? Calibration.run(w, run, -0.05, harm) : null;
    if (a != null) {
      System.out.printf(Locale.ROOT, "A/A: %d of %d promoted (%.1f %%)%n", a.promoted(), a.runs(), 100.0 * a.promoted() / a.runs());
    }
    if (p != null) {
      System.out.printf(Locale.ROOT, "power: %+.3f (sigma %.3f) detected in %d of %d (%.1f %%), median %d exposures per arm%n",
          p.effect(), p.sigma(), p.promoted(), p.runs(), 100.0 * p.promoted() / p.runs(), p.medianPromoted());
    }
    if (h != null) {
      System.out.printf(Locale.ROOT, "harm: %+.3f rolled back in %d of %d (%.1f %%), promoted %d, median %d exposures per arm%n",
          h.effect(), h.rolledBack(), h.runs(), 100.0 * h.rolledBack() / h.runs(), h.promoted(), h.medianRolledBack());
    }
    double wall = (System.nanoTime() - started) / 1e9;
    Files.createDirectories(out);
    Files.writeString(out.resolve("summary.json"), Report.summaryJson(run, results, a, p, h, wall), StandardCharsets.UTF_8);
    if (!results.isEmpty()) {
      Files.writeString(out.resolve("quality.svg"), Report.svg(results), StandardCharsets.UTF_8);
    }
    System.out.printf(Locale.ROOT, "wrote %s (%.1f s)%n", out.resolve(results.isEmpty() ? "summary.json" : "summary.json, quality.svg"), wall);
    return 0;
  }
}
