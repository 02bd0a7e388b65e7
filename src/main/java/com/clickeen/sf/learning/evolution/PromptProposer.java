package com.clickeen.sf.learning.evolution;

import java.util.List;

/**
 * Writes a candidate prompt version from what went wrong with the active one. Implementations are
 * registered explicitly ({@link ReflectiveProposer} on a real analysis model, {@link RuleProposer} on the
 * offline model) and compared offline in the loop simulator.
 */
public interface PromptProposer {
  /** Names the proposer in the candidate's record ({@code offline-rules}, {@code reflective:anthropic:claude-…}). */
  String id();

  /** A revised prompt and why; never null. A proposer that has nothing to change says so in an exception. */
  Proposal propose(Evidence evidence) throws ProposalException;

  /**
   * What the proposer is given: the active prompt, the failure groups of the report with sample
   * interactions, and the best-scored interactions.
   *
   * @param groups the report's groups, largest first (kind: error, rule, intent or outcome)
   */
  record Evidence(String agentId, int activeVersion, String activePrompt, String reportId, int interactions,
      int failures, List<FailureGroup> groups, List<Sample> failureSamples, List<Sample> bestSamples) {}

  record FailureGroup(String kind, String key, int count) {}

  /** One interaction as the proposer sees it: compact input and output, outcomes, and the rule it broke. */
  record Sample(String id, String input, String output, String outcome, String rule, Double score) {}

  record Proposal(String text, String rationale) {}

  final class ProposalException extends Exception {
    public ProposalException(String message) {
      super(message);
    }

    public ProposalException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
