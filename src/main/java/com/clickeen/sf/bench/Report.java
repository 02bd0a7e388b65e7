package com.clickeen.sf.bench;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns load results (direct to the mock, through San Francisco, through Portkey) into the added-latency
 * table, the headline and an SVG plot of added latency against concurrency.
 */
public final class Report {
  public record Row(int concurrency, double directP50, double directP99, double sfP50, double sfP99, double sfRps,
      double pkP50, double pkP99, double pkRps, long sfErrors, long pkErrors) {
    double sfAdded50() {
      return Math.max(0, sfP50 - directP50);
    }

    double sfAdded99() {
      return Math.max(0, sfP99 - directP99);
    }

    double pkAdded50() {
      return Math.max(0, pkP50 - directP50);
    }

    double pkAdded99() {
      return Math.max(0, pkP99 - directP99);
    }
  }

  public static List<Row> rows(Path dir) throws IOException {
    Map<Integer, JsonNode> direct = load(dir.resolve("direct.json"));
    Map<Integer, JsonNode> sf = load(dir.resolve("sanfrancisco.json"));
    Map<Integer, JsonNode> pk = load(dir.resolve("portkey.json"));
    List<Row> rows = new ArrayList<>();
    for (int c : direct.keySet()) {
      JsonNode d = direct.get(c);
      JsonNode s = sf.get(c);
      JsonNode p = pk.get(c);
      rows.add(new Row(c, d.path("p50Ms").asDouble(), d.path("p99Ms").asDouble(),
          s == null ? Double.NaN : s.path("p50Ms").asDouble(), s == null ? Double.NaN : s.path("p99Ms").asDouble(),
          s == null ? Double.NaN : s.path("throughput").asDouble(),
          p == null ? Double.NaN : p.path("p50Ms").asDouble(), p == null ? Double.NaN : p.path("p99Ms").asDouble(),
          p == null ? Double.NaN : p.path("throughput").asDouble(), s == null ? -1 : s.path("errors").asLong(),
          p == null ? -1 : p.path("errors").asLong()));
    }
    return rows;
  }

  private static Map<Integer, JsonNode> load(Path f) throws IOException {
    Map<Integer, JsonNode> out = new TreeMap<>();
    if (!Files.exists(f)) {
      return out;
    }
    for (JsonNode n : Json.parse(Files.readAllBytes(f))) {
      out.put(n.path("concurrency").asInt(), n);
    }
    return out;
  }

  public static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| concurrency | direct p50 / p99 ms | San Francisco added p50 / p99 ms | SF req/s | Portkey added p50 / p99 ms | Portkey req/s | SF ÷ Portkey added p50 / p99 |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %d | %.3f / %.3f | %.3f / %.3f | %.0f | %.3f / %.3f | %.0f | %s / %s |%n",
          r.concurrency(), r.directP50(), r.directP99(), r.sfAdded50(), r.sfAdded99(), r.sfRps(), r.pkAdded50(),
          r.pkAdded99(), r.pkRps(), ratio(r.sfAdded50(), r.pkAdded50()), ratio(r.sfAdded99(), r.pkAdded99())));
    }
    return sb.toString();
  }

  /**
   * The fixed-rate run (bench load --rate), when the folder has one: direct-rate.json, sanfrancisco-rate.json,
   * portkey-rate.json. Empty when there is no direct-rate.json.
   */
  public static String rateTable(Path dir) throws IOException {
    Path d = dir.resolve("direct-rate.json");
    if (!Files.exists(d)) {
      return "";
    }
    JsonNode direct = Json.parse(Files.readAllBytes(d));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%nAt a fixed %,d requests/s (64 connections; latency from each request's due time)%n%n",
        direct.path("ratePerSecond").asInt()));
    sb.append("| target | answered req/s | p50 / p99 / p99.9 ms | added p50 / p99 / p99.9 ms | errors |\n");
    sb.append("|---|---|---|---|---|\n");
    for (String[] t : new String[][] {{"direct", "direct to the mock"}, {"sanfrancisco", "San Francisco"},
        {"portkey", "Portkey"}}) {
      Path f = dir.resolve(t[0] + "-rate.json");
      if (!Files.exists(f)) {
        continue;
      }
      JsonNode r = Json.parse(Files.readAllBytes(f));
      boolean isDirect = "direct".equals(t[0]);
      sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f / %.3f / %.3f | %s | %d |%n", t[1],
          r.path("throughput").asDouble(), r.path("p50Ms").asDouble(), r.path("p99Ms").asDouble(),
          r.path("p999Ms").asDouble(), isDirect ? "-" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f",
              added(r, direct, "p50Ms"), added(r, direct, "p99Ms"), added(r, direct, "p999Ms")),
          r.path("errors").asLong()));
    }
    return sb.toString();
  }

  private static double added(JsonNode through, JsonNode direct, String field) {
    return Math.max(0, through.path(field).asDouble() - direct.path(field).asDouble());
  }

  static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b <= 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", a / b);
  }

  /** A line chart: added p50 and p99 against concurrency (log scale), both gateways. */
  public static String svg(List<Row> rows) {
    int w = 720;
    int h = 420;
    int left = 70;
    int right = 180;
    int top = 40;
    int bottom = 60;
    double maxY = 0;
    for (Row r : rows) {
      for (double v : new double[] {r.sfAdded50(), r.sfAdded99(), r.pkAdded50(), r.pkAdded99()}) {
        if (!Double.isNaN(v)) {
          maxY = Math.max(maxY, v);
        }
      }
    }
    maxY = niceCeil(maxY);
    double minC = Math.log(rows.getFirst().concurrency());
    double maxC = Math.log(rows.getLast().concurrency());
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n", w, h));
    s.append("<rect width='100%' height='100%' fill='white'/>\n");
    s.append(String.format(Locale.ROOT, "<text x='%d' y='22' font-size='15'>Added latency of the gateway (through it minus direct to the mock)</text>%n", left));
    int plotW = w - left - right;
    int plotH = h - top - bottom;
    for (int i = 0; i <= 5; i++) {
      double v = maxY * i / 5;
      double y = top + plotH - plotH * i / 5.0;
      s.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n", left, y, left + plotW, y));
      s.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end'>%.2f</text>%n", left - 6, y + 4, v));
    }
    s.append(String.format(Locale.ROOT, "<text x='16' y='%d' transform='rotate(-90 16 %d)'>added latency (ms)</text>%n", top + plotH / 2, top + plotH / 2));
    for (Row r : rows) {
      double x = left + (maxC == minC ? plotW / 2.0 : plotW * (Math.log(r.concurrency()) - minC) / (maxC - minC));
      s.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%d</text>%n", x, top + plotH + 18, r.concurrency()));
    }
    s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>concurrency (log scale)</text>%n", left + plotW / 2, h - 14));
    String[][] series = {{"San Francisco p50", "#1f77b4", "0"}, {"San Francisco p99", "#1f77b4", "6,4"},
        {"Portkey p50", "#d62728", "0"}, {"Portkey p99", "#d62728", "6,4"}};
    for (int k = 0; k < series.length; k++) {
      StringBuilder pts = new StringBuilder();
      for (Row r : rows) {
        double v = switch (k) {
          case 0 -> r.sfAdded50();
          case 1 -> r.sfAdded99();
          case 2 -> r.pkAdded50();
          default -> r.pkAdded99();
        };
        if (Double.isNaN(v)) {
          continue;
        }
        double x = left + (maxC == minC ? plotW / 2.0 : plotW * (Math.log(r.concurrency()) - minC) / (maxC - minC));
        double y = top + plotH - plotH * (v / maxY);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        s.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>%n", x, y, series[k][1]));
      }
      s.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2' stroke-dasharray='%s'/>%n",
          pts.toString().trim(), series[k][1], series[k][2]));
      int ly = top + 20 + k * 20;
      s.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='%s' stroke-width='2' stroke-dasharray='%s'/>%n",
          left + plotW + 15, ly, left + plotW + 45, ly, series[k][1], series[k][2]));
      s.append(String.format(Locale.ROOT, "<text x='%d' y='%d'>%s</text>%n", left + plotW + 50, ly + 4, series[k][0]));
    }
    s.append("</svg>\n");
    return s.toString();
  }

  static double niceCeil(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
