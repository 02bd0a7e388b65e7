package com.clickeen.sf.admin;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.learning.experiments.Experiment;
import com.clickeen.sf.learning.experiments.ExperimentService;
import com.clickeen.sf.learning.experiments.ExperimentStore.DecisionRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/** {@code /admin/experiments}: running and finished experiments, one in detail; start, stop, promote. */
final class ExperimentPages {
  private final AdminUi.Services s;
  private final Renderer renderer;

  ExperimentPages(AdminUi.Services s, Renderer renderer) {
    this.s = s;
    this.renderer = renderer;
  }

  void register(JavalinConfig config) {
    config.routes.get("/admin/experiments", Form.page(renderer, this::list));
    config.routes.get("/admin/experiments/{id}", Form.page(renderer, this::detail));
    config.routes.post("/admin/experiments/start", Form.page(renderer, this::start));
    config.routes.post("/admin/experiments/{id}/stop", Form.page(renderer, ctx -> decide(ctx, false)));
    config.routes.post("/admin/experiments/{id}/promote", Form.page(renderer, ctx -> decide(ctx, true)));
  }

  private ExperimentService service() {
    return s.jobs().experiments();
  }

  private List<String> agents() {
    return s.agents().all().stream().map(a -> a.id()).toList();
  }

  private void list(Context ctx) {
    List<ExperimentViews.Row> running = new ArrayList<>();
    List<ExperimentViews.Row> finished = new ArrayList<>();
    for (Experiment e : service().list(null, 200)) {
      (e.status().open() ? running : finished).add(new ExperimentViews.Row(e));
    }
    String agent = Form.oneOf(ctx, "agent", agents());
    renderer.page(ctx, 200, "experiments.jte", new ExperimentViews.ListPage(
        Renderer.chrome(ctx, "Experiments", "experiments", false), running, finished, Views.options(agents(), agent),
        Form.integer(ctx, "candidate", 1, Integer.MAX_VALUE)));
  }

  private void detail(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Form.ID.matcher(id).matches()) {
      throw new Form.BadInput("an experiment id is 1..128 characters of [A-Za-z0-9._:-]");
    }
    Experiment e = service().find(id).orElse(null);
    if (e == null) {
      renderer.message(ctx, 404, "Not found", "There is no experiment " + id + ".");
      return;
    }
    var ev = service().evaluate(e);
    List<ExperimentViews.Arm> arms = new ArrayList<>();
    ev.arms().forEach((arm, stats) -> arms.add(new ExperimentViews.Arm(arm.label(), stats)));
    List<DecisionRecord> log = service().decisions(id);
    renderer.page(ctx, 200, "experiment.jte", new ExperimentViews.DetailPage(
        Renderer.chrome(ctx, "Experiment " + id, "experiments", true), e, ev, arms, plot(e, log), log.reversed()));
  }

  /** The metric's mean and always-valid interval per arm at each look of the decision log. */
  private static Plot plot(Experiment e, List<DecisionRecord> log) {
    List<Long> x = new ArrayList<>();
    String[] arms = {"control", "candidate"};
    String[] fields = {"mean", "lower", "upper"};
    List<List<Double>> values = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      values.add(new ArrayList<>());
    }
    for (DecisionRecord d : log) {
      JsonNode stats;
      try {
        stats = Json.parse(d.statsJson()).path("arms");
      } catch (java.io.IOException ex) {
        continue;
      }
      if (stats.isMissingNode()) {
        continue;
      }
      x.add(d.atMs() / 1000);
      for (int a = 0; a < 2; a++) {
        for (int f = 0; f < 3; f++) {
          JsonNode v = stats.path(arms[a]).path(fields[f]);
          values.get(a * 3 + f).add(v.isNumber() ? v.asDouble() : null);
        }
      }
    }
    List<Plot.Series> series = new ArrayList<>();
    for (int a = 0; a < 2; a++) {
      for (int f = 0; f < 3; f++) {
        String version = a == 0 ? "v" + e.controlVersion() : "v" + e.candidateVersion();
        series.add(new Plot.Series(arms[a] + " " + version + " " + fields[f], values.get(a * 3 + f)));
      }
    }
    return new Plot("plot-metric", e.metric().label() + " per arm with its always-valid interval", "", x, series);
  }

  private void start(Context ctx) {
    String agent = Form.oneOf(ctx, "agent", agents());
    Integer candidate = Form.integer(ctx, "candidate", 1, Integer.MAX_VALUE);
    if (agent == null || candidate == null) {
      throw new Form.BadInput("agent and candidate version are required");
    }
    Double traffic = Form.number(ctx, "traffic", 0.01, 0.99);
    String metric = Form.oneOf(ctx, "metric", List.of("score", "converted"));
    Experiment e = service().start(new ExperimentService.StartRequest(agent, candidate, traffic,
        metric == null ? null : Experiment.Metric.parse(metric), null, null, null));
    renderer.flash(ctx, "Started " + e.id() + ": " + agent + " v" + e.controlVersion() + " against v" + candidate + ".");
    ctx.redirect("/admin/experiments/" + Views.url(e.id()), HttpStatus.SEE_OTHER);
  }

  private void decide(Context ctx, boolean promote) {
    String id = ctx.pathParam("id");
    if (!Form.ID.matcher(id).matches()) {
      throw new Form.BadInput("an experiment id is 1..128 characters of [A-Za-z0-9._:-]");
    }
    Experiment e = promote ? service().promote(id) : service().stop(id);
    renderer.flash(ctx, (promote ? "Promoted " : "Stopped ") + id + ": " + e.decision());
    ctx.redirect("/admin/experiments/" + Views.url(id), HttpStatus.SEE_OTHER);
  }
}
