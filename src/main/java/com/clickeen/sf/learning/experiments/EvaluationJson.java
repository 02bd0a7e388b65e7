package com.clickeen.sf.learning.experiments;

import com.clickeen.sf.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An evaluation as the JSON stored in the decision log and shown by {@code experiments show}. */
public final class EvaluationJson {
  private EvaluationJson() {}

  public static String text(ExperimentEvaluator.Evaluation ev) {
    return Json.text(node(ev));
  }

  public static ObjectNode node(ExperimentEvaluator.Evaluation ev) {
    ObjectNode n = Json.object();
    n.put("verdict", ev.verdict().name().toLowerCase(java.util.Locale.ROOT));
    n.put("reason", ev.reason());
    ObjectNode arms = n.putObject("arms");
    ev.arms().forEach((arm, s) -> {
      ObjectNode a = arms.putObject(arm.label());
      a.put("exposures", s.exposures());
      a.put("measured", s.measured());
      put(a, "mean", s.measured() == 0 ? Double.NaN : s.mean());
      put(a, "lower", s.lower());
      put(a, "upper", s.upper());
      put(a, "validityRate", s.validityRate());
      put(a, "undoRate", s.undoRate());
      put(a, "p95LatencyMs", s.p95LatencyMs());
      put(a, "costPerInteraction", s.costPerInteraction());
    });
    put(n, "srmPValue", ev.srmPValue());
    n.set("difference", result(ev.metric()));
    ArrayNode guards = n.putArray("guardrails");
    for (ExperimentEvaluator.GuardrailResult g : ev.guardrails()) {
      ObjectNode x = guards.addObject();
      x.put("name", g.name());
      put(x, "control", g.control());
      put(x, "candidate", g.candidate());
      put(x, "margin", g.margin());
      x.put("breached", g.breached());
      x.set("difference", result(g.difference()));
    }
    return n;
  }

  private static ObjectNode result(SequentialTest.Result r) {
    ObjectNode d = Json.object();
    put(d, "estimate", r.difference());
    put(d, "lower", r.lower());
    put(d, "upper", r.upper());
    put(d, "pValue", r.pValue());
    return d;
  }

  /** Finite numbers as numbers, rounded to 6 significant digits; anything else as null (unbounded, unknown). */
  private static void put(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v)));
    } else {
      n.putNull(field);
    }
  }
}
