package com.clickeen.sf.learning.simulation;

import java.util.List;
import java.util.Locale;

/**
 * Writes {@code summary.json} and the SVG plot by hand, with fixed number formats, so that one seed gives the
 * same bytes every time ({@code wallSeconds} aside, the one measured figure).
 */
public final class Report {
  private Report() {}

  public static String summaryJson(Simulation.Run run, List<Simulation.Result> results, Calibration.Rates aa,
      Calibration.Rates power, Calibration.Rates harm, Double wallSeconds) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"seed\": ").append(run.seed()).append(",\n  \"days\": ").append(run.days())
        .append(",\n  \"perDay\": ").append(run.perDay()).append(",\n  \"agent\": \"").append(run.agentId())
        .append("\",\n  \"policies\": {");
    for (int i = 0; i < results.size(); i++) {
      Simulation.Result r = results.get(i);
      List<Policy.Decision> d = r.log().decisions();
      b.append(i == 0 ? "\n" : ",\n").append("    \"").append(r.policy()).append("\": {\"day1\": ").append(f(r.day1()))
          .append(", \"dayN\": ").append(f(r.dayN())).append(", \"promotions\": ").append(count(d, "PROMOTE", false))
          .append(", \"harmfulPromotions\": ").append(count(d, "PROMOTE", true)).append(", \"rollbacks\": ")
          .append(count(d, "ROLLBACK", false)).append(", \"inconclusive\": ").append(count(d, "INCONCLUSIVE", false))
          .append(", \"finalVersion\": ").append(r.log().version()).append(", \"bankSize\": ")
          .append(r.log().bankSize()).append('}');
    }
    b.append(results.isEmpty() ? "},\n" : "\n  },\n");
    b.append("  \"aa\": ").append(aa == null ? "null" : "{\"runs\": " + aa.runs() + ", \"falsePromotions\": "
        + aa.promoted() + ", \"rollbacks\": " + aa.rolledBack() + "}").append(",\n");
    b.append("  \"power\": ").append(power == null ? "null" : "{\"effect\": " + f(power.effect()) + ", \"sigma\": "
        + f(power.sigma()) + ", \"runs\": " + power.runs() + ", \"detected\": " + power.promoted()
        + ", \"medianExposuresPerArm\": " + power.medianPromoted() + "}").append(",\n");
    b.append("  \"harm\": ").append(harm == null ? "null" : "{\"effect\": " + f(harm.effect()) + ", \"runs\": "
        + harm.runs() + ", \"rolledBack\": " + harm.rolledBack() + ", \"promoted\": " + harm.promoted()
        + ", \"medianExposuresToRollback\": " + harm.medianRolledBack() + "}").append(",\n");
    b.append("  \"wallSeconds\": ").append(wallSeconds == null ? "null" : f(wallSeconds)).append("\n}\n");
    return b.toString();
  }

  /** A promotion is harmful when the candidate's true effect was negative (it made the agent worse). */
  static int count(List<Policy.Decision> d, String kind, boolean harmfulOnly) {
    return (int) d.stream().filter(x -> x.kind().equals(kind) && (!harmfulOnly || x.effect() < 0)).count();
  }

  private static final String[] COLORS = {"#888888", "#d95f02", "#1b9e77", "#7570b3", "#e7298a"};

  /** True quality (solid) and measured score (dotted) per day and policy; promotions ▲ and rollbacks ▼. */
  public static String svg(List<Simulation.Result> results) {
    int w = 900;
    int h = 500;
    int left = 60;
    int top = 30;
    int pw = w - left - 160;
    int ph = h - top - 50;
    double lo = 0.2;
    double hi = 0.6;
    int days = results.isEmpty() ? 1 : results.getFirst().trueQuality().length;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append("<text x=\"").append(left).append("\" y=\"18\">True quality (solid) and measured score (dotted) per day;"
            + " ▲ promotion, ▼ rollback</text>\n");
    for (double y = lo; y <= hi + 1e-9; y += 0.1) {
      double py = top + ph * (hi - y) / (hi - lo);
      b.append("<line x1=\"").append(left).append("\" x2=\"").append(left + pw).append("\" y1=\"").append(f1(py))
          .append("\" y2=\"").append(f1(py)).append("\" stroke=\"#eee\"/><text x=\"").append(left - 35).append("\" y=\"")
          .append(f1(py + 4)).append("\">").append(String.format(Locale.ROOT, "%.1f", y)).append("</text>\n");
    }
    b.append("<text x=\"").append(left + pw / 2).append("\" y=\"").append(h - 10).append("\">day (1–").append(days)
        .append(")</text>\n");
    for (int i = 0; i < results.size(); i++) {
      Simulation.Result r = results.get(i);
      String c = COLORS[i % COLORS.length];
      b.append(polyline(r.trueQuality(), left, top, pw, ph, lo, hi, c, "")).append(polyline(r.measured(), left, top, pw,
          ph, lo, hi, c, " stroke-dasharray=\"2,3\" stroke-opacity=\"0.6\""));
      for (Policy.Decision d : r.log().decisions()) {
        boolean up = d.kind().equals("PROMOTE");
        if (!up && !d.kind().equals("ROLLBACK")) {
          continue;
        }
        int day = (int) ((d.atMs() - Simulation.START.toEpochMilli()) / 86_400_000L);
        double px = x(day, days, left, pw);
        double py = y(r.trueQuality()[Math.min(day, days - 1)], top, ph, lo, hi);
        b.append("<text x=\"").append(f1(px - 5)).append("\" y=\"").append(f1(up ? py - 6 : py + 14))
            .append("\" fill=\"").append(c).append("\">").append(up ? "▲" : "▼").append("</text>\n");
      }
      b.append("<text x=\"").append(left + pw + 10).append("\" y=\"").append(top + 20 * i + 10).append("\" fill=\"")
          .append(c).append("\">").append(r.policy()).append(String.format(Locale.ROOT, " %.3f → %.3f", r.day1(),
              r.dayN())).append("</text>\n");
    }
    return b.append("</svg>\n").toString();
  }

  private static String polyline(double[] v, int left, int top, int pw, int ph, double lo, double hi, String c,
      String extra) {
    StringBuilder b = new StringBuilder("<polyline fill=\"none\" stroke=\"").append(c).append("\"").append(extra)
        .append(" points=\"");
    for (int d = 0; d < v.length; d++) {
      b.append(d == 0 ? "" : " ").append(f1(x(d, v.length, left, pw))).append(',').append(f1(y(v[d], top, ph, lo, hi)));
    }
    return b.append("\"/>\n").toString();
  }

  private static double x(int day, int days, int left, int pw) {
    return left + (days <= 1 ? 0 : pw * day / (double) (days - 1));
  }

  private static double y(double v, int top, int ph, double lo, double hi) {
    return top + ph * (hi - Math.max(lo, Math.min(hi, v))) / (hi - lo);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
