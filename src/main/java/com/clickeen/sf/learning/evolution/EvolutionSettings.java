package com.clickeen.sf.learning.evolution;

import com.clickeen.sf.EnvValues;
import com.clickeen.sf.SfConfig.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the loop evolves prompts by itself.
 *
 * @param minInteractions interactions an agent needs in the analysis window before a candidate is proposed
 *     ({@code SF_PROPOSE_MIN_INTERACTIONS}, default 200)
 * @param autoAgents agents whose loop runs by itself: the weekly job goes candidate → gate → experiment, and a
 *     promote verdict is applied without a person ({@code SF_AUTO_PROMOTE}: {@code all} (default), {@code none}
 *     or a comma-separated list of agent ids); for the others a candidate waits for a person and a promote
 *     verdict for {@code ./sf experiments promote}
 * @param goldenDir the golden sets the offline gate replays ({@code SF_GOLDEN_DIR}, default {@code golden})
 * @param gateReplay how many recent scored interactions the gate replays besides the golden set
 *     ({@code SF_GATE_REPLAY}, default 50)
 * @param maxExperimentDuration when an experiment ends inconclusive ({@code SF_EXPERIMENT_MAX_DAYS}, default 14)
 */
public record EvolutionSettings(int minInteractions, Set<String> autoAgents, boolean autoAll, Path goldenDir,
    int gateReplay, Duration maxExperimentDuration) {

  public EvolutionSettings {
    if (minInteractions < 1) {
      throw new ConfigException("SF_PROPOSE_MIN_INTERACTIONS", String.valueOf(minInteractions), "must be at least 1");
    }
    if (gateReplay < 0 || gateReplay > 1_000) {
      throw new ConfigException("SF_GATE_REPLAY", String.valueOf(gateReplay), "must be 0..1000");
    }
    if (maxExperimentDuration.toDays() < 1) {
      throw new ConfigException("SF_EXPERIMENT_MAX_DAYS", String.valueOf(maxExperimentDuration.toDays()),
          "must be at least 1");
    }
    autoAgents = Set.copyOf(autoAgents);
  }

  public static EvolutionSettings defaults() {
    return fromEnv(Map.of());
  }

  public static EvolutionSettings fromEnv(Map<String, String> env) {
    String auto = env.getOrDefault("SF_AUTO_PROMOTE", "all").strip();
    boolean all = auto.equalsIgnoreCase("all");
    Set<String> agents = all || auto.equalsIgnoreCase("none") ? Set.of()
        : Arrays.stream(auto.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    if (!all && !auto.equalsIgnoreCase("none") && agents.isEmpty()) {
      throw new ConfigException("SF_AUTO_PROMOTE", auto, "must be all, none or a comma-separated list of agent ids");
    }
    for (String a : agents) {
      if (!a.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
        throw new ConfigException("SF_AUTO_PROMOTE", auto, "must be all, none or a comma-separated list of agent ids ('"
            + a + "' is not an agent id)");
      }
    }
    String golden = env.get("SF_GOLDEN_DIR");
    return new EvolutionSettings(EnvValues.integer(env, "SF_PROPOSE_MIN_INTERACTIONS", 200), agents, all,
        Path.of(golden == null || golden.isBlank() ? "golden" : golden.strip()), EnvValues.integer(env, "SF_GATE_REPLAY", 50),
        Duration.ofDays(EnvValues.integer(env, "SF_EXPERIMENT_MAX_DAYS", 14)));
  }

  /** Whether the agent's loop runs by itself (see {@code autoAgents}). */
  public boolean auto(String agentId) {
    return autoAll || autoAgents.contains(agentId);
  }

  public String describe() {
    return "autoPromote=" + (autoAll ? "all" : autoAgents.isEmpty() ? "none" : String.join(",", autoAgents.stream()
        .sorted().toList())) + " proposeMin=" + minInteractions + " golden=" + goldenDir + " gateReplay=" + gateReplay
        + " experimentMax=" + maxExperimentDuration.toDays() + "d";
  }
}
