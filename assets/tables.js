// Data tables. The server sends each table as escaped markup in the data-html attribute of one
// .table-markup element (rcpdash/ui/views/common.py: one component instead of one per cell, which
// made the Dash renderer freeze the page for seconds); this puts the markup in place whenever the
// element appears or its attribute changes. React renders that element without children, so it
// never touches what is put inside it.
//
// Sorting: every column header holds a button; a click sorts the rows by that column, a second click
// reverses, and the header's aria-sort tells screen readers the order. Numbers sort as numbers, text
// in the page's language with accents ignored; empty cells go last. A new render replaces the whole
// table, in the server's order.
(function () {
  "use strict";

  function fill(element) {
    var markup = element.getAttribute("data-html");
    if (markup !== null && element.__rcpdashMarkup !== markup) {
      element.__rcpdashMarkup = markup;
      element.innerHTML = markup;
    }
  }

  function fillWithin(node) {
    if (node.nodeType !== 1) { return; }
    if (node.matches(".table-markup[data-html]")) { fill(node); }
    node.querySelectorAll(".table-markup[data-html]").forEach(fill);
  }

  function start() {
    fillWithin(document.body);
    // Runs before the browser paints the change, so a table never shows empty.
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) {
        if (m.type === "attributes") { fill(m.target); } else { m.addedNodes.forEach(fillWithin); }
      });
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-html"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(numeric, collator) {
    return function (a, b) {
      if (a.key === "" || b.key === "") { return (a.key === "") - (b.key === "") || a.index - b.index; }
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return order || a.index - b.index;  // stable: equal keys keep the server's order
    };
  }

  function sortBy(header) {
    var table = header.closest("table");
    var body = table && table.tBodies[0];
    if (!body) { return; }
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.map.call(body.rows, function (row, i) {
      return { row: row, key: cellText(row, index), index: i };
    });
    var numeric = rows.every(function (r) { return r.key === "" || !isNaN(Number(r.key)); });
    if (numeric) { rows.forEach(function (r) { if (r.key !== "") { r.key = Number(r.key); } }); }
    var collator = new Intl.Collator(document.documentElement.lang || "en", { sensitivity: "base", numeric: true });
    rows.sort(compare(numeric, collator));
    if (!ascending) {
      // Descending, empty cells still last.
      var filled = rows.filter(function (r) { return r.key !== ""; }).reverse();
      rows = filled.concat(rows.filter(function (r) { return r.key === ""; }));
    }
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(header.parentNode.children, function (th) {
      th.setAttribute("aria-sort", th === header ? (ascending ? "ascending" : "descending") : "none");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".data-table thead .sort-button");
    if (button) { sortBy(button.closest("th")); }
  });
})();
