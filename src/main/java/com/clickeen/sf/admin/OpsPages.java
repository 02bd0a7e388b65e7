package com.clickeen.sf.admin;

import com.clickeen.sf.jobs.Job;
import com.clickeen.sf.learning.Progress;
import com.clickeen.sf.store.JobRuns.JobRun;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /admin/examples}, {@code /admin/jobs} (schedule, last runs and failures, run now) and {@code /admin/reports}. */
final class OpsPages {
  private static final Logger LOG = LoggerFactory.getLogger(OpsPages.class);
  private static final int RUNS_SHOWN = 5;

  private final AdminUi.Services s;
  private final Renderer renderer;

  OpsPages(AdminUi.Services s, Renderer renderer) {
    this.s = s;
    this.renderer = renderer;
  }

  void register(JavalinConfig config) {
    config.routes.get("/admin/examples", Form.page(renderer, this::examples));
    config.routes.get("/admin/jobs", Form.page(renderer, this::jobs));
    config.routes.post("/admin/jobs/{name}/run", Form.page(renderer, this::runNow));
    config.routes.get("/admin/reports", Form.page(renderer, this::reports));
  }

  private List<String> agents() {
    return s.agents().all().stream().map(a -> a.id()).toList();
  }

  private void examples(Context ctx) {
    String chosen = Form.oneOf(ctx, "agent", agents());
    String agent = chosen != null ? chosen : agents().getFirst();
    renderer.page(ctx, 200, "examples.jte", new OpsViews.ExamplesPage(Renderer.chrome(ctx, "Examples", "examples", false),
        Views.options(agents(), agent), agent, s.backends().exampleBanks().examples(agent)));
  }

  private void jobs(Context ctx) {
    List<OpsViews.Job> jobs = new ArrayList<>();
    for (Job j : s.jobs().all()) {
      List<JobRun> runs = s.backends().jobRuns().jobRuns(j.name(), 50);
      JobRun failure = runs.stream().filter(r -> "failed".equals(r.status())).findFirst().orElse(null);
      jobs.add(new OpsViews.Job(j.name(), j.description(), j.cron(), runs.subList(0, Math.min(RUNS_SHOWN, runs.size())),
          failure));
    }
    renderer.page(ctx, 200, "jobs.jte", new OpsViews.JobsPage(Renderer.chrome(ctx, "Jobs", "jobs", false), jobs));
  }

  /** Starts the job in the background (it may take minutes); its run appears on the page as {@code running}. */
  private void runNow(Context ctx) {
    String name = ctx.pathParam("name");
    Job job = s.jobs().find(name).orElse(null);
    if (job == null) {
      renderer.message(ctx, 404, "Not found", "There is no job " + name + ".");
      return;
    }
    String who = AdminUi.session(ctx).reviewer();
    Thread.ofVirtual().name("admin-job-" + job.name()).start(() -> {
      try {
        s.runner().run(job, "admin:" + who, Progress.NONE);
      } catch (Exception e) {
        LOG.warn("job {} started from the admin UI failed: {}", job.name(), e.toString());
      }
    });
    renderer.flash(ctx, "Started " + job.name() + "; its run is listed below (reload to follow it).");
    ctx.redirect("/admin/jobs", HttpStatus.SEE_OTHER);
  }

  private void reports(Context ctx) {
    String agent = Form.oneOf(ctx, "agent", agents());
    List<OpsViews.ReportView> reports = s.backends().failureReports().reports(agent, 50).stream()
        .map(r -> new OpsViews.ReportView(r, ReviewPages.pretty(r.json()))).toList();
    renderer.page(ctx, 200, "reports.jte", new OpsViews.ReportsPage(Renderer.chrome(ctx, "Reports", "reports", false),
        Views.options(agents(), agent), reports));
  }
}
