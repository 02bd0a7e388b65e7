package com.clickeen.sf.learning.evolution;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.evolution.PromptProposer.Evidence;
import com.clickeen.sf.learning.evolution.PromptProposer.FailureGroup;
import com.clickeen.sf.learning.evolution.PromptProposer.Proposal;
import com.clickeen.sf.learning.evolution.PromptProposer.ProposalException;
import com.clickeen.sf.learning.evolution.PromptProposer.Sample;
import com.clickeen.sf.store.ExampleBanks;
import com.clickeen.sf.store.FailureReports;
import com.clickeen.sf.store.FailureReports.Report;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.Interactions;
import com.clickeen.sf.store.PromptVersions;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The second half of {@code analyze-and-improve}: from an agent's latest failure report on its active
 * version, a proposer writes a candidate version, which is stored only when it keeps what it must
 * ({@link CandidateRules}). The candidate is never active until an experiment (or a person) promotes it.
 */
public final class PromptEvolution {
  static final Duration WINDOW = Duration.ofDays(7);
  static final int FAILURE_SAMPLES = 8;
  static final int BEST_SAMPLES = 5;

  /** What a proposal run did for one agent: the stored candidate, or why there is none. */
  public record Proposed(String agentId, PromptVersion candidate, String proposer, String rationale, String skipped) {
    public boolean stored() {
      return candidate != null;
    }
  }

  private final Interactions interactions;
  private final FailureReports reports;
  private final ExampleBanks banks;
  private final PromptVersions prompts;
  private final PromptProposer proposer;
  private final Function<String, JsonNode> resultSchemas;
  private final int minInteractions;
  private final Clock clock;

  public PromptEvolution(Interactions interactions, FailureReports reports, ExampleBanks banks, PromptVersions prompts,
      PromptProposer proposer, Function<String, JsonNode> resultSchemas, int minInteractions, Clock clock) {
    this.interactions = interactions;
    this.reports = reports;
    this.banks = banks;
    this.prompts = prompts;
    this.proposer = proposer;
    this.resultSchemas = resultSchemas;
    this.minInteractions = minInteractions;
    this.clock = clock;
  }

  public String proposerId() {
    return proposer.id();
  }

  /**
   * Proposes a candidate for {@code agentId} from its latest report on the active version. With
   * {@code force}, the minimum number of interactions is not required (the on-demand command).
   */
  public Proposed propose(String agentId, boolean force) {
    PromptVersion active = prompts.activePrompt(agentId).orElse(null);
    if (active == null) {
      return skip(agentId, "it has no active prompt version");
    }
    long now = clock.millis();
    long seen = interactions.countInteractionsSince(agentId, now - WINDOW.toMillis());
    if (!force && seen < minInteractions) {
      return skip(agentId, "only " + seen + " interactions in the last 7 days (at least " + minInteractions
          + " needed, SF_PROPOSE_MIN_INTERACTIONS)");
    }
    Report report = reports.reports(agentId, 50).stream().filter(r -> active.id().equals(r.promptId())).findFirst()
        .orElse(null);
    if (report == null) {
      return skip(agentId, "there is no failure report on its active version v" + active.version()
          + " (run ./sf jobs run analyze-and-improve)");
    }
    Evidence evidence;
    try {
      evidence = evidence(agentId, active, report, (int) seen);
    } catch (IOException e) {
      return skip(agentId, "its report " + report.id() + " cannot be read: " + e.getMessage());
    }
    Proposal p;
    try {
      p = proposer.propose(evidence);
    } catch (ProposalException e) {
      return skip(agentId, proposer.id() + " proposed nothing: " + e.getMessage());
    }
    List<String> problems = CandidateRules.problems(active.text(), p.text(), resultSchemas.apply(agentId));
    if (!problems.isEmpty()) {
      return new Proposed(agentId, null, proposer.id(), p.rationale(), "the candidate was rejected: "
          + String.join("; ", problems));
    }
    if (p.text().strip().equals(active.text().strip())) {
      return skip(agentId, proposer.id() + " returned the active prompt unchanged");
    }
    PromptVersion v = prompts.addCandidate(agentId, p.text(), PromptVersions.Provenance.candidate(active.version(),
        report.id(), proposer.id(), p.rationale()), now);
    return new Proposed(agentId, v, proposer.id(), p.rationale(), null);
  }

  private Proposed skip(String agentId, String why) {
    return new Proposed(agentId, null, proposer.id(), null, why);
  }

  Evidence evidence(String agentId, PromptVersion active, Report report, int seen) throws IOException {
    JsonNode r = Json.parse(report.json());
    List<FailureGroup> groups = new ArrayList<>();
    Set<String> sampleIds = new LinkedHashSet<>();
    for (String[] part : new String[][] {{"byInvalidRule", "rule"}, {"byOutcome", "outcome"}, {"byIntent", "intent"}}) {
      for (JsonNode g : r.path(part[0])) {
        groups.add(new FailureGroup(part[1], g.path("key").asText(), g.path("count").asInt()));
        g.path("sampleIds").forEach(id -> sampleIds.add(id.asText()));
      }
    }
    groups.sort(Comparator.comparingInt(FailureGroup::count).reversed());
    List<Sample> failures = new ArrayList<>();
    for (String id : sampleIds) {
      if (failures.size() == FAILURE_SAMPLES) {
        break;
      }
      interactions.interaction(id).ifPresent(row -> failures.add(sample(row)));
    }
    List<Sample> best = banks.exampleCandidates(agentId, 0.7, BEST_SAMPLES).stream()
        .map(c -> new Sample(c.interactionId(), c.inputText(), c.outputText(), "score " + c.score(), null, c.score()))
        .toList();
    return new Evidence(agentId, active.version(), active.text(), report.id(), seen, r.path("failures").asInt(), groups,
        failures, best);
  }

  private static Sample sample(InteractionRow row) {
    String outcome = !row.valid() ? "invalid result"
        : "bad".equals(row.outcomes().humanReview()) ? "reviewed bad"
        : Boolean.TRUE.equals(row.outcomes().abandoned()) ? "undone by the user" : "low score";
    return new Sample(row.id(), row.inputText(), row.outputText(), outcome, row.valid() ? null : row.error(), row.score());
  }
}
