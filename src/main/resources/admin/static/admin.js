// San Francisco admin: keyboard review and plots. Loaded from /admin/static (the CSP allows no inline script).
(function () {
  "use strict";

  // Review queue: g good, b bad, o golden, s skip, h helpful, n not helpful.
  function keyboard() {
    var form = document.getElementById("review-form");
    if (!form) { return; }
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var t = ev.target;
      if (t && (t.tagName === "INPUT" && t.type !== "radio" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) { return; }
      var el = form.querySelector('[data-key="' + ev.key.toLowerCase() + '"]');
      if (!el) { return; }
      ev.preventDefault();
      if (el.type === "radio") {
        el.checked = true;
      } else {
        el.click();
      }
    });
  }

  var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

  function plots() {
    if (typeof uPlot === "undefined") { return; }
    var boxes = document.querySelectorAll("[data-plot]");
    for (var i = 0; i < boxes.length; i++) {
      draw(boxes[i], JSON.parse(boxes[i].getAttribute("data-plot")));
    }
  }

  function draw(el, p) {
    var data = [p.x];
    var series = [{}];
    for (var i = 0; i < p.series.length; i++) {
      data.push(p.series[i].values);
      var label = p.series[i].label;
      var bound = / (lower|upper)$/.test(label);
      series.push({
        label: label,
        stroke: COLORS[(bound ? Math.floor(i / 3) * 3 : i) % COLORS.length],
        width: bound ? 1 : 2,
        dash: bound ? [4, 4] : undefined,
        spanGaps: true
      });
    }
    var width = Math.max(300, el.clientWidth || 600);
    // eslint-disable-next-line no-new
    var axes = [{}, { label: p.unit || "", values: function (u, vals) { return vals.map(function (v) { return v == null ? "" : +v.toPrecision(3); }); } }];
    var scales = p.xRange ? { x: { time: true, range: [p.xRange[0] - 43200, p.xRange[1] + 43200] } } : {};
    new uPlot({ width: width, height: 220, series: series, axes: axes, scales: scales }, data, el);
    el.classList.add("drawn");
  }

  document.addEventListener("DOMContentLoaded", function () {
    keyboard();
    plots();
  });
})();
