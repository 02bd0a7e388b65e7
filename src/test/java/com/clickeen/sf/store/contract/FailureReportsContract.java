package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.learning.FailureCriteria;
import com.clickeen.sf.store.FailureReports;
import com.clickeen.sf.store.FailureReports.Report;
import com.clickeen.sf.store.InteractionRow;
import com.clickeen.sf.store.OutcomeFlags;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FailureReports} on every SQL backend. */
abstract class FailureReportsContract extends SqlPortContract {

  @Test
  void failures_since_are_exactly_what_FailureCriteria_calls_failures_newest_first() {
    FailureCriteria criteria = new FailureCriteria(0.3);
    List<InteractionRow> rows = List.of(
        rowOf("f-invalid", "s", 100).valid(false).error("boom").build(),
        rowOf("f-low", "s", 101).score(0.1).build(),
        rowOf("f-bad", "s", 102).score(0.9).outcomes(new OutcomeFlags(null, null, null, null, null, null, "bad", null)).build(),
        rowOf("f-undone", "s", 103).outcomes(new OutcomeFlags(null, true, null, null, null, null, null, null)).build(),
        rowOf("ok-good", "s", 104).score(0.9).build(),
        rowOf("ok-at-threshold", "s", 105).score(0.3).build(),
        rowOf("ok-unscored", "s", 106).build(),
        rowOf("ok-kept", "s", 107).score(0.5).outcomes(new OutcomeFlags(true, false, null, null, null, null, "good", null)).build(),
        rowOf("f-old", "s", 10).valid(false).build(),
        rowOf("f-other-agent", "s", 108).valid(false).agentId("ops.monitor").build());
    interactions().importInteractions(rows);
    List<InteractionRow> expected = rows.stream()
        .filter(r -> r.agentId().equals("sdr.copilot") && r.createdAtMs() >= 100 && criteria.isFailure(r))
        .sorted(Comparator.comparingLong(InteractionRow::createdAtMs).reversed()).toList();
    assertThat(expected).extracting(InteractionRow::id).containsExactly("f-undone", "f-bad", "f-low", "f-invalid");
    FailureReports reports = backends.failureReports();
    assertThat(reports.failuresSince("sdr.copilot", 100, criteria.belowScore(), 100)).isEqualTo(expected);
    assertThat(reports.failuresSince("sdr.copilot", 100, criteria.belowScore(), 2)).isEqualTo(expected.subList(0, 2));
  }

  @Test
  void reports_are_kept_and_read_newest_first() {
    FailureReports reports = backends.failureReports();
    Report a1 = new Report("a:p:1", "a", "a@v1", 1, "{\"n\":1}");
    Report a2 = new Report("a:p:2", "a", null, 3, "{\"n\":2}");
    Report b1 = new Report("b:p:1", "b", "b@v1", 2, "{}");
    reports.saveReport(a1);
    reports.saveReport(b1);
    reports.saveReport(a2);
    assertThat(reports.reports("a", 10)).containsExactly(a2, a1);
    assertThat(reports.reports(null, 10)).containsExactly(a2, b1, a1);
    assertThat(reports.reports(null, 2)).containsExactly(a2, b1);
    assertThat(reports.reports("c", 10)).isEmpty();
  }
}
