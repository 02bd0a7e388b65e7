package com.clickeen.sf.store;

import java.util.List;

/**
 * What the failure analysis reads and writes ({@code sf_reports}). What counts as a failure is
 * {@code FailureCriteria}'s rule; the store only narrows the read.
 */
public interface FailureReports {

  /**
   * Interactions of an agent created since {@code sinceMs}, newest first, at most {@code limit}, pre-filtered
   * to those that may be failures under {@code belowScore} (invalid, scored below it, reviewed bad, undone).
   */
  List<InteractionRow> failuresSince(String agentId, long sinceMs, double belowScore, int limit);

  void saveReport(Report report);

  /** Reports of an agent (all agents when null), newest first. */
  List<Report> reports(String agentId, int limit);

  record Report(String id, String agentId, String promptId, long createdAtMs, String json) {}
}
