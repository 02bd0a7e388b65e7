package com.clickeen.sf.admin;

import com.clickeen.sf.store.ExampleBanks.Example;
import com.clickeen.sf.store.FailureReports.Report;
import com.clickeen.sf.store.JobRuns.JobRun;
import java.util.List;

/** The examples, jobs and reports pages. */
public final class OpsViews {
  private OpsViews() {}

  public record ExamplesPage(Views.Chrome chrome, List<Views.Option> agents, String agent, List<Example> examples) {
    public String href(Example e) {
      return "/admin/interactions/" + Views.url(e.interactionId());
    }
  }

  /** A job, its schedule and its newest runs. */
  public record Job(String name, String description, String cron, List<JobRun> runs, JobRun lastFailure) {}

  public record JobsPage(Views.Chrome chrome, List<Job> jobs) {
    public String duration(JobRun r) {
      return r.finishedAtMs() == null ? "running" : (r.finishedAtMs() - r.startedAtMs()) + " ms";
    }
  }

  /** A failure report with its JSON indented for reading. */
  public record ReportView(Report report, String pretty) {}

  public record ReportsPage(Views.Chrome chrome, List<Views.Option> agents, List<ReportView> reports) {}
}
