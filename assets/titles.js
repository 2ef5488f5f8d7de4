/* A chart's title wider than its chart (on a phone) wraps onto more lines instead of being cut off.

   plotly.js draws a title on one line, whatever the chart's width: on a 390-pixel screen "Top 15 states
   by weighted degree (partner meetings) · members only · all years" ran 330 pixels past the chart's
   edge. After each draw, a title that overflows is broken between words into lines that fit (using the
   drawn title's own width per character), and the title pushes the plot down to make room. The
   figure the server sent is unchanged: a wide screen keeps the one-line title. */
(function () {
  "use strict";

  var SIDE_MARGIN = 24; // pixels kept free beside a wrapped title

  function wrapped(text, maxChars) {
    var lines = [];
    var line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > maxChars) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  // The chart title, and the x axis's title (centred under a plot that labels may have narrowed).
  function fit(gd) {
    if (!window.Plotly || !gd.layout || !gd._fullLayout) { return; }
    var svg = gd.querySelector("svg.main-svg");
    if (!svg) { return; }
    var box = svg.getBoundingClientRect();
    // Not laid out (drawn while hidden): nothing to measure yet; the next draw will fit it.
    if (box.width < 1) { return; }
    var right = Math.min(box.right, window.innerWidth);
    var left = Math.max(box.left, 0);
    var update = {};
    var title = gd.querySelector(".gtitle");
    var text = gd.layout.title && gd.layout.title.text;
    var lines = fitted(title, text, right - left);
    if (lines) {
      var size = gd._fullLayout.title.font.size || 17;
      update["title.text"] = lines.join("<br>");
      // The extra lines go into the top margin, under the first: the plot moves down, never under it.
      update["title.yref"] = "container";
      update["title.yanchor"] = "top";
      update["title.y"] = 1;
      update["title.pad.t"] = Math.round(size * 1.1); // plotly sets a wrapped title's top too high
      update["margin.t"] = Math.ceil(gd._fullLayout.margin.t + (lines.length - 1) * size * 1.3);
    }
    var axis = gd.querySelector(".xtitle");
    var axisText = gd.layout.xaxis && gd.layout.xaxis.title && gd.layout.xaxis.title.text;
    if (axis && axis.getBoundingClientRect().width >= 1) {
      var a = axis.getBoundingClientRect();
      var centre = (a.left + a.right) / 2;
      var axisLines = fitted(axis, axisText, 2 * Math.min(centre - left, right - centre));
      if (axisLines) { update["xaxis.title.text"] = axisLines.join("<br>"); }
    }
    if (Object.keys(update).length) { window.Plotly.relayout(gd, update); }
  }

  // The lines `text` breaks into to fit `room` pixels, as `element` draws it; null when it fits, or
  // when it is what this script wrapped already.
  function fitted(element, text, room) {
    if (!element || typeof text !== "string" || !element.textContent || /<br/i.test(text)) { return null; }
    var drawn = element.getBoundingClientRect().width;
    if (drawn < 1 || room < 4 * SIDE_MARGIN || drawn <= room - SIDE_MARGIN) { return null; }
    var plain = text.replace(/\s+/g, " ").trim();
    var perChar = drawn / element.textContent.length;
    var lines = wrapped(plain, Math.max(10, Math.floor((room - SIDE_MARGIN) / perChar)));
    return lines.length > 1 ? lines : null;
  }

  function watch(gd) {
    if (gd.dataset.titleWatch || typeof gd.on !== "function") { return; }
    gd.dataset.titleWatch = "1";
    gd.on("plotly_afterplot", function () { fit(gd); });
    fit(gd);
  }

  var scheduled = false;
  function scan() {
    scheduled = false;
    document.querySelectorAll(".js-plotly-plot").forEach(watch);
  }
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(scan);
  }

  function start() {
    scan();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
