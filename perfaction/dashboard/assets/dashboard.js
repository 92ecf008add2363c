// perf-action dashboard: the filter box. Loaded from the site itself (CSP script-src 'self').
"use strict";

(function () {
  const box = document.getElementById("filter");
  const count = document.getElementById("shown");
  if (!box) {
    return;
  }
  const charts = Array.from(document.querySelectorAll("figure.chart"));

  function apply() {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const chart of charts) {
      const name = chart.dataset.name || "";
      const visible = words.every((word) => name.includes(word));
      chart.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    if (count) {
      count.textContent = shown + " of " + charts.length + " charts";
    }
  }

  // Typing fires "input"; the search box's clear button and programmatic clearing fire the others.
  for (const event of ["input", "change", "search"]) {
    box.addEventListener(event, apply);
  }
  apply();
})();
