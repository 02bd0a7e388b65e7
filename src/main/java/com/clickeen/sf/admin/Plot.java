package com.clickeen.sf.admin;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One plot's data: x values (epoch seconds) and named series, handed to {@code admin.js} as JSON in a
 * {@code data-plot} attribute (escaped by the template) and drawn with uPlot; the same data is a table for a
 * browser without JavaScript.
 *
 * @param id the element id (tests and links find the plot by it)
 * @param x epoch seconds
 * @param series values per x; null is a gap
 * @param xMin with {@code xMax}: the x axis' range (epoch seconds), else null to fit the data
 */
public record Plot(String id, String title, String unit, List<Long> x, List<Series> series, Long xMin, Long xMax) {

  /** A plot whose x axis fits its data. */
  public Plot(String id, String title, String unit, List<Long> x, List<Series> series) {
    this(id, title, unit, x, series, null, null);
  }

  /** The same plot with its x axis spanning [{@code min}, {@code max}] (epoch seconds) whatever the data. */
  public Plot spanning(long min, long max) {
    return new Plot(id, title, unit, x, series, min, max);
  }

  public record Series(String label, List<Double> values) {}

  public String json() {
    ObjectNode n = Json.object();
    n.put("title", title);
    n.put("unit", unit);
    if (xMin != null && xMax != null) {
      n.putArray("xRange").add(xMin).add(xMax);
    }
    ArrayNode xs = n.putArray("x");
    x.forEach(xs::add);
    ArrayNode ss = n.putArray("series");
    for (Series s : series) {
      ObjectNode o = ss.addObject();
      o.put("label", s.label());
      ArrayNode vs = o.putArray("values");
      for (Double v : s.values()) {
        if (v == null || !Double.isFinite(v)) {
          vs.addNull();
        } else {
          vs.add(v);
        }
      }
    }
    return Json.text(n);
  }

  /** The x value of row {@code i} as a day or a time. */
  public String xLabel(int i, boolean days) {
    return days ? Views.day(x.get(i) * 1000) : Views.time(x.get(i) * 1000);
  }

  public String value(Series s, int i) {
    Double v = s.values().get(i);
    return v == null ? "" : Views.num(v, Math.abs(v) >= 100 ? 0 : 4);
  }
}
