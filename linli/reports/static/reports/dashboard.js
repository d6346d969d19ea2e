/* The dashboards' charts: Apache ECharts (vendored) draws what the page's json_script #chart-data
   holds; every chart's numbers are also in a table on the page (and its Excel export). */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var wall = document.body.hasAttribute("data-wall");
    var text = wall ? "#f1f5f9" : "#212529";
    var base = { textStyle: { fontSize: wall ? 16 : 12, color: text }, animation: !wall, grid: { left: 56, right: 16, top: 24, bottom: 40 } };
    var axisLabel = { color: text, fontSize: wall ? 15 : 11 };
    var options = {
      trend: data.trend && {
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.trend.x, axisLabel: axisLabel },
        yAxis: { type: "value", axisLabel: axisLabel },
        series: [{ type: "line", name: data.trend.title, data: data.trend.y, connectNulls: false, symbolSize: 8, lineStyle: { width: 3 }, color: wall ? "#7dd3fc" : "#0d6efd" }]
      },
      ranking: data.ranking && {
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.ranking.x, axisLabel: Object.assign({ interval: 0, rotate: data.ranking.x.length > 6 ? 30 : 0 }, axisLabel) },
        yAxis: { type: "value", axisLabel: axisLabel },
        series: [{ type: "bar", name: data.ranking.title, data: data.ranking.y, color: wall ? "#fbbf24" : "#198754" }]
      },
      pyramid: data.pyramid && {
        grid: { left: 56, right: 16, top: 32, bottom: 32 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return Math.abs(v); } },
        legend: { data: data.pyramid.labels, top: 0, right: 0, textStyle: { color: text } },
        xAxis: { type: "value", axisLabel: Object.assign({ formatter: function (v) { return Math.abs(v); } }, axisLabel) },
        yAxis: { type: "category", data: data.pyramid.bands, axisLabel: axisLabel },
        series: [
          { type: "bar", stack: "p", name: data.pyramid.labels[0], data: data.pyramid.male, color: "#3b82f6" },
          { type: "bar", stack: "p", name: data.pyramid.labels[1], data: data.pyramid.female, color: "#ec4899" }
        ]
      },
      categories: data.categories && {
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "70%"], name: data.categories.title, data: data.categories.items, label: { color: text, fontSize: wall ? 15 : 11 } }]
      }
    };
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var option = options[el.getAttribute("data-chart")];
      if (!option) return;
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(Object.assign({}, base, option));
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  // The wall reloads itself (the figures' job runs every few minutes); a meta refresh would do the
  // same but is refused by axe (WCAG 2.2.1) for pages read by a person, which the wall is not.
  var every = document.body && document.body.getAttribute("data-refresh-seconds");
  if (every) setTimeout(function () { window.location.reload(); }, parseInt(every, 10) * 1000);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
