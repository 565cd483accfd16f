// The precedent statistics page's charts, drawn with the vendored uPlot (static/uplot). The data is the JSON
// block beside each chart; the same numbers are in the table next to it (read by screen readers and printed).
(function () {
  "use strict";
  function draw(el) {
    var data = JSON.parse(document.getElementById("chart-" + el.dataset.chart).textContent);
    var pairs = JSON.parse(el.dataset.labels);  // [[key, label], ...] in the table's order
    var keys = pairs.map(function (p) { return p[0]; });
    var colours = ["#1b7f3b", "#b3261e", "#1f4e99"];
    var series = [{ label: el.dataset.x || "", value: function (u, v) { return v == null ? "" : String(v); } }];
    keys.forEach(function (k, i) {
      var isRate = k === "rate";
      series.push({ label: pairs[i][1], stroke: colours[i % colours.length], width: 2, scale: isRate ? "%" : "n",
                    dash: isRate ? [6, 4] : undefined, spanGaps: false,
                    points: { show: true, size: 7 } });
    });
    var width = Math.max(280, Math.min(el.clientWidth || 640, 720));
    var opts = {
      width: width, height: 300, series: series,
      scales: { x: { time: false }, n: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } },
                "%": { range: function (u, lo, hi) { return [0, Math.min(100, Math.max(5, Math.ceil((hi || 0) * 1.2)))]; } } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) ? String(t) : ""; }); } },
        { scale: "n", size: 64 },
        { scale: "%", side: 1, size: 56, grid: { show: false }, values: function (u, ticks) { return ticks.map(function (t) { return t + "%"; }); } }
      ],
      cursor: { drag: { x: false, y: false } }
    };
    var cols = [data.x].concat(keys.map(function (k) { return data[k]; }));
    new uPlot(opts, cols, el);
  }
  function init() {
    if (typeof uPlot === "undefined") { return; }
    document.querySelectorAll(".chart-canvas[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
