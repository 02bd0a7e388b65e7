package com.clickeen.sf.store;

import java.util.List;

/**
 * Versioned example banks per agent ({@code sf_example_banks}, {@code sf_examples}) and the candidates they
 * are chosen from. Which candidate is eligible is {@code ExampleSelector}'s rule; the store only narrows
 * the read.
 */
public interface ExampleBanks {

  /**
   * Candidates for an agent's bank, best first (golden reviews, then by score), at most {@code limit}: a
   * pre-filter (valid results scored at least {@code minScore}, or reviewed golden), not the eligibility rule.
   */
  List<ExampleCandidate> exampleCandidates(String agentId, double minScore, int limit);

  /** Stores a new version of an agent's example bank and drops versions older than {@code keepVersions}; returns the version. */
  int saveExampleBank(String agentId, List<Example> examples, int candidates, long nowMs, int keepVersions);

  /** The examples of the agent's newest bank (empty when it has none). */
  List<Example> examples(String agentId);

  record ExampleCandidate(String interactionId, String agentId, boolean valid, double score, String humanReview,
      String intent, String locale, String inputText, String outputText, String r2Key, long createdAtMs) {}

  record Example(String id, String agentId, int bankVersion, String interactionId, double score, String intent,
      String locale, String inputText, String outputText, String r2Key) {}
}
