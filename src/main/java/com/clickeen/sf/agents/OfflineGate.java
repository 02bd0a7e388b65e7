package com.clickeen.sf.agents;

import com.clickeen.sf.errors.SfException;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.AgentInteraction;
import com.clickeen.sf.learning.evolution.CandidateRules;
import com.clickeen.sf.store.BlobStore;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The offline gate a candidate passes before any live traffic: the candidate must keep what its parent must
 * keep ({@link CandidateRules}), then it replays the agent's golden cases and a held-out sample of recent
 * scored interactions through the real execute path (grant, contract, model route, validation) next to the
 * active version, and must not be worse on golden passes nor on the validity rate. Nothing it runs is
 * logged as an interaction.
 */
public final class OfflineGate {
  /** What the gate saw; {@code passed} is the verdict and {@code reason} says why in one sentence. */
  public record Result(boolean passed, String reason, List<String> problems, int goldenCases, int goldenPassedActive,
      int goldenPassedCandidate, int replayed, int validActive, int validCandidate, int activeVersion,
      int candidateVersion, long atMs) {
    public String json() {
      return Json.text(this);
    }
  }

  private static final Duration WINDOW = Duration.ofDays(7);

  private final ExecuteService execute;
  private final GrantCodec codec;
  private final Clock clock;
  private final AgentRegistry agents;
  private final Interactions interactions;
  private final ExampleBanks banks;
  private final BlobStore blobs;
  private final Path goldenDir;
  private final int replaySample;

  public OfflineGate(ExecuteService execute, GrantCodec codec, Clock clock, AgentRegistry agents,
      Interactions interactions, ExampleBanks banks, BlobStore blobs, Path goldenDir, int replaySample) {
    this.execute = execute;
    this.codec = codec;
    this.clock = clock;
    this.agents = agents;
    this.interactions = interactions;
    this.banks = banks;
    this.blobs = blobs;
    this.goldenDir = goldenDir;
    this.replaySample = replaySample;
  }

  public Result run(String agentId, PromptVersion active, PromptVersion candidate) {
    Agent agent = agents.find(agentId).orElseThrow(() -> new IllegalArgumentException("unknown agent '" + agentId + "'"));
    List<String> problems = CandidateRules.problems(active.text(), candidate.text(), agent.resultSchema());
    long now = clock.millis();
    if (!problems.isEmpty()) {
      return new Result(false, "the candidate breaks its contract: " + String.join("; ", problems), problems, 0, 0, 0, 0,
          0, 0, active.version(), candidate.version(), now);
    }
    GoldenEval eval = new GoldenEval(execute, codec, clock, agents);
    int[] golden = {0, 0, 0};
    for (Path dir : goldenFolders()) {
      List<GoldenEval.CaseResult> a = golden(eval.withPrompt(active), dir, agent.id());
      List<GoldenEval.CaseResult> c = golden(eval.withPrompt(candidate), dir, agent.id());
      golden[0] += a.size();
      golden[1] += (int) a.stream().filter(GoldenEval.CaseResult::passed).count();
      golden[2] += (int) c.stream().filter(GoldenEval.CaseResult::passed).count();
    }
    List<JsonNode> inputs = heldOut(agent.id(), now);
    int validActive = replay(agent.id(), inputs, active);
    int validCandidate = replay(agent.id(), inputs, candidate);
    boolean passed = golden[2] >= golden[1] && validCandidate >= validActive;
    String reason = (passed ? "passed: " : "failed: ") + "golden " + golden[2] + "/" + golden[0] + " (active "
        + golden[1] + "/" + golden[0] + "), valid on " + inputs.size() + " replayed interactions " + validCandidate
        + " (active " + validActive + ")" + (golden[0] == 0 ? "; no golden case for " + agent.id() : "");
    return new Result(passed, reason, List.of(), golden[0], golden[1], golden[2], inputs.size(), validActive,
        validCandidate, active.version(), candidate.version(), now);
  }

  private List<Path> goldenFolders() {
    if (!Files.isDirectory(goldenDir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(goldenDir)) {
      s.filter(p -> Files.exists(p.resolve("cases.jsonl")) || Files.exists(p.resolve("prompts.jsonl"))).sorted()
          .forEach(out::add);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list the golden folder " + goldenDir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static List<GoldenEval.CaseResult> golden(GoldenEval eval, Path dir, String agentId) {
    try {
      return eval.run(dir, agentId, new PrintStream(new ByteArrayOutputStream()));
    } catch (GoldenEval.GoldenFormatException e) {
      throw new IllegalStateException("golden set " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inputs of the agent's most recent scored interactions of the last week, held out from its example bank
   * (an example would replay its own answer), read whole from their raw payloads.
   */
  private List<JsonNode> heldOut(String agentId, long now) {
    if (replaySample == 0) {
      return List.of();
    }
    Set<String> examples = new HashSet<>();
    banks.examples(agentId).forEach(e -> examples.add(e.interactionId()));
    List<InteractionRow> recent = new ArrayList<>();
    String after = null;
    while (true) {
      List<InteractionRow> page = interactions.interactionsSince(agentId, now - WINDOW.toMillis(), after, 1_000);
      if (page.isEmpty()) {
        break;
      }
      page.stream().filter(r -> r.score() != null && !examples.contains(r.id())).forEach(recent::add);
      after = page.getLast().id();
      if (recent.size() > 20 * replaySample) {
        recent = new ArrayList<>(recent.subList(recent.size() - replaySample, recent.size()));
      }
    }
    List<JsonNode> inputs = new ArrayList<>();
    for (InteractionRow r : recent.reversed()) {
      if (inputs.size() == replaySample) {
        break;
      }
      blobs.get(r.r2Key()).ifPresent(bytes -> {
        AgentInteraction i = Json.read(bytes, AgentInteraction.class);
        if (i.input() != null && i.input().context() != null && i.input().context().isObject()) {
          inputs.add(i.input().context());
        }
      });
    }
    return inputs;
  }

  /** How many of the inputs {@code version} answers validly (a refused or failed call counts as not valid). */
  private int replay(String agentId, List<JsonNode> inputs, PromptVersion version) {
    String prefix = "gate-" + UUID.randomUUID() + "-";
    int valid = 0;
    for (JsonNode input : inputs) {
      ObjectNode in = input.deepCopy();
      if (in.path("sessionId").isTextual()) {
        in.put("sessionId", prefix + in.path("sessionId").asText());
      }
      long t = clock.instant().getEpochSecond();
      String grant = codec.mint(GrantCodec.payload("offline-gate", List.of("agent:" + agentId), t, t + 300,
          UUID.randomUUID().toString(), 4000, 5L, null, null));
      try {
        valid += execute.replay(ExecuteRequest.of(grant, agentId, in), version).valid() ? 1 : 0;
      } catch (SfException e) {
        // Counted as not valid: the candidate is compared with the active version on the same inputs.
      }
    }
    return valid;
  }
}
