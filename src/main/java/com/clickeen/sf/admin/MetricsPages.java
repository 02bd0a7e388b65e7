package com.clickeen.sf.admin;

import com.clickeen.sf.store.DayStats;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** {@code /admin/metrics}: one agent per day over a date range, as plots (and tables without JavaScript). */
final class MetricsPages {
  private static final long DAY = Duration.ofDays(1).toMillis();
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  private final AdminUi.Services s;
  private final Renderer renderer;

  MetricsPages(AdminUi.Services s, Renderer renderer) {
    this.s = s;
    this.renderer = renderer;
  }

  void register(JavalinConfig config) {
    config.routes.get("/admin/metrics", Form.page(renderer, this::page));
  }

  private void page(Context ctx) {
    List<String> agents = s.agents().all().stream().map(a -> a.id()).toList();
    String chosen = Form.oneOf(ctx, "agent", agents);
    String agent = chosen != null ? chosen : agents.getFirst();
    Long toDay = Form.day(ctx, "to");
    Long fromDay = Form.day(ctx, "from");
    long to = toDay != null ? toDay : Math.floorDiv(s.clock().millis(), DAY) * DAY;
    long from = fromDay != null ? fromDay : to - (DEFAULT_DAYS - 1) * DAY;
    if (from > to) {
      throw new Form.BadInput("from must not be after to");
    }
    if ((to - from) / DAY + 1 > MAX_DAYS) {
      throw new Form.BadInput("the range must be at most " + MAX_DAYS + " days");
    }
    List<DayStats> days = s.backends().interactions().dailyStats(agent, from, to + DAY);
    renderer.page(ctx, 200, "metrics.jte", new Views.MetricsPage(Renderer.chrome(ctx, "Metrics", "metrics", true),
        Views.options(agents, agent), Views.day(from), Views.day(to),
        days.stream().mapToLong(DayStats::interactions).sum(),
        plots(days).stream().map(p -> p.spanning(from / 1000, to / 1000)).toList()));
  }

  static List<Plot> plots(List<DayStats> days) {
    List<Long> x = days.stream().map(d -> d.dayStartMs() / 1000).toList();
    TreeSet<String> versions = new TreeSet<>();
    days.forEach(d -> versions.addAll(d.meanScoreByPrompt().keySet()));
    List<Plot.Series> scores = new ArrayList<>();
    for (String v : versions) {
      scores.add(new Plot.Series(v, days.stream().map(d -> d.meanScoreByPrompt().get(v)).toList()));
    }
    return List.of(
        new Plot("plot-volume", "Volume", "interactions per day", x,
            List.of(series("interactions", days, d -> d.interactions()))),
        new Plot("plot-score", "Mean score by prompt version", "", x, scores),
        new Plot("plot-rates", "Conversion, validity and undo rates", "share of interactions", x, List.of(
            series("conversion", days, d -> (double) d.converted() / d.interactions()),
            series("validity", days, d -> (double) d.valid() / d.interactions()),
            series("undo", days, d -> (double) d.undone() / d.interactions()))),
        new Plot("plot-cost", "Cost", "USD per day", x, List.of(series("cost", days, DayStats::costUsd))),
        new Plot("plot-latency", "Latency", "ms", x, List.of(
            series("p50", days, d -> d.latencyP50Ms()), series("p95", days, d -> d.latencyP95Ms()))));
  }

  private static Plot.Series series(String label, List<DayStats> days, ToDoubleFunction<DayStats> f) {
    return new Plot.Series(label, days.stream().map(d -> f.applyAsDouble(d)).toList());
  }
}
