// Draws the dashboards' line charts from the JSON that each page embeds with json_script.
// Every chart has the same data in a table beside it; this file only adds the picture.
(function () {
  "use strict";

  // Distinct dash patterns and point shapes, so lines differ without colour too. The n-th line's colour is the
  // stylesheet's --chart-n (static/css/silta.css), so each colour is written in one place.
  var STYLES = [
    { dash: [], point: "circle" },
    { dash: [6, 4], point: "triangle" },
    { dash: [2, 3], point: "rect" },
    { dash: [10, 4, 2, 4], point: "rectRot" },
    { dash: [4, 2], point: "star" },
    { dash: [12, 3], point: "crossRot" },
    { dash: [1, 2], point: "cross" }
  ];

  function colour(index) {
    return getComputedStyle(document.documentElement).getPropertyValue("--chart-" + (index + 1)).trim();
  }

  function formatter(unit) {
    var lang = document.documentElement.lang || "en";
    var options = unit === "share" ? { style: "percent", maximumFractionDigits: 1 } :
      { maximumFractionDigits: unit === "index" ? 2 : 1 };
    var format = new Intl.NumberFormat(lang, options);
    return function (value) { return value === null || value === undefined ? "–" : format.format(value); };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var format = formatter(spec.unit);
    var datasets = spec.datasets.map(function (dataset, index) {
      if (dataset.reference) {
        // The whole city behind a small chart: thin, dashed and grey, under the series it is compared with.
        return {
          label: dataset.label,
          data: dataset.data,
          borderColor: colour(6),
          backgroundColor: colour(6),
          borderDash: [4, 4],
          borderWidth: 1.5,
          pointRadius: 0,
          spanGaps: true
        };
      }
      var style = STYLES[index % STYLES.length];
      var color = colour(index % STYLES.length);
      return {
        label: dataset.label,
        data: dataset.data,
        borderColor: color,
        backgroundColor: color,
        borderDash: style.dash,
        pointStyle: style.point,
        pointRadius: 4,
        borderWidth: index === 0 ? 3 : 2,
        spanGaps: true
      };
    });
    new Chart(canvas, {
      type: "line",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + format(ctx.parsed.y); } } }
        },
        // Small multiples share one scale (spec.max), so their heights compare.
        scales: { y: { beginAtZero: true, max: spec.max === undefined || spec.max === null ? undefined : spec.max,
                       ticks: { callback: function (value) { return format(value); } } } }
      }
    });
  }

  function drawAll() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
