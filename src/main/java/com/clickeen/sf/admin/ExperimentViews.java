package com.clickeen.sf.admin;

import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.ExperimentEvaluator;
import com.clickeen.sf.learning.experiments.ExperimentStore.DecisionRecord;
import java.util.List;

/** The experiments list and one experiment's page. */
public final class ExperimentViews {
  private ExperimentViews() {}

  public record Row(Experiment e) {
    public String href() {
      return "/admin/experiments/" + Views.url(e.id());
    }

    public String traffic() {
      return Views.pct(e.traffic());
    }
  }

  /** The start form's choices, pre-filled from {@code ?agent=&candidate=}. */
  public record ListPage(Views.Chrome chrome, List<Row> running, List<Row> finished, List<Views.Option> agents,
      Integer candidate) {}

  public record Arm(String name, ExperimentEvaluator.ArmStats stats) {
    public String interval() {
      return stats.measured() == 0 ? "" : Views.num(stats.lower(), 4) + " … " + Views.num(stats.upper(), 4);
    }

    public String mean() {
      return stats.measured() == 0 ? "" : Views.num(stats.mean(), 4);
    }
  }

  /**
   * One experiment: its figures now ({@code evaluation}), the metric over time from the decision log, and the
   * log itself.
   */
  public record DetailPage(Views.Chrome chrome, Experiment e, ExperimentEvaluator.Evaluation evaluation, List<Arm> arms,
      Plot metricPlot, List<DecisionRecord> decisions) {
    public String srm() {
      return evaluation.srmPValue() < 0.001 ? "mismatch (p = " + Views.num(evaluation.srmPValue(), 5) + ")"
          : "ok (p = " + Views.num(evaluation.srmPValue(), 3) + ")";
    }

    public String difference() {
      var m = evaluation.metric();
      return Views.num(m.difference(), 4) + " [" + Views.num(m.lower(), 4) + ", " + Views.num(m.upper(), 4) + "], p = "
          + Views.num(m.pValue(), 4);
    }
  }
}
