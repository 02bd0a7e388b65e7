package com.clickeen.sf.learning.evolution;

/** The offline gate as the loop sees it: a candidate version of an agent passes or fails, with its record. */
@FunctionalInterface
public interface CandidateGate {
  /** @param json the full result, stored on the candidate */
  record Verdict(boolean passed, String reason, String json) {}

  Verdict check(String agentId, int candidateVersion);
}
