// SVG download for every figure: the modebar gives PNG; this button beside each figure gives SVG.
// Served from /assets (no CDN), attached once to the document so it works for figures added later.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".svg-download");
  if (!button || !window.Plotly) { return; }
  var card = button.closest(".figure-card");
  var plot = card && card.querySelector(".js-plotly-plot");
  if (!plot) { return; }
  window.Plotly.downloadImage(plot, {
    format: "svg",
    filename: button.getAttribute("data-filename") || "rcpdash-figure",
  });
});

// "Download CSV" under a table: ask the server for that table (callbacks.download_csv), through
// one store rather than one Dash input per button.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".csv-download[data-table]");
  if (!button || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
  window.dash_clientside.set_props("csv-request", {
    data: { table: button.getAttribute("data-table"), at: Date.now() },
  });
});

// "Print a one-page brief": the browser's print dialog (save as PDF there); assets/style.css
// holds the print layout.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest(".print-brief")) { window.print(); }
});

// The page's language (and the tab's title) follow the interface language, so screen readers
// pronounce French and Spanish as such. Called by a clientside callback (rcpdash/ui/callbacks.py).
window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.rcpdash = Object.assign({}, window.dash_clientside.rcpdash, {
  set_document_language: function (meta) {
    if (meta && meta.lang) { document.documentElement.lang = meta.lang; }
    if (meta && meta.title) { document.title = meta.title; }
    return window.dash_clientside.no_update;
  },
});
