// Data tables. The server sends each table as escaped markup in the data-html attribute of one
// .table-markup element (rcpdash/ui/views/common.py: one component instead of one per cell, which
// made the Dash renderer freeze the page for seconds); this puts the markup in place whenever the
// element appears or its attribute changes. React renders that element without children, so it
// never touches what is put inside it.
//
// Paging: a table of more than 50 rows shows 50 at a time, with Previous/Next (words from the
// element's data-pager, in the page's language).
//
// Sorting: every column header holds a button; a click sorts the rows by that column, a second click
// reverses, and the header's aria-sort tells screen readers the order. Numbers sort as numbers, text
// in the page's language with accents ignored; empty cells go last. A new render replaces the whole
// table, in the server's order.
(function () {
  "use strict";

  var PAGE_SIZE = 50;

  function fill(element) {
    var markup = element.getAttribute("data-html");
    if (markup !== null && element.__rcpdashMarkup !== markup) {
      element.__rcpdashMarkup = markup;
      element.innerHTML = markup;
      paginate(element);
    }
  }

  // Long tables show PAGE_SIZE rows at a time (the rest are kept here, out of the page: a table of
  // 600 rows was half of a view's elements). Sorting orders all rows, then shows the first page.
  function paginate(element) {
    var body = element.querySelector("table.data-table > tbody");
    element.__rows = body ? Array.prototype.slice.call(body.rows) : [];
    element.__page = 0;
    if (element.__rows.length <= PAGE_SIZE) { return; }
    var words = {};
    try { words = JSON.parse(element.getAttribute("data-pager") || "{}"); } catch (e) { words = {}; }
    var pager = document.createElement("div");
    pager.className = "table-pager";
    pager.innerHTML = '<button type="button" class="pager-previous"></button>' +
      '<span class="pager-range" aria-live="polite"></span>' +
      '<button type="button" class="pager-next"></button>';
    pager.querySelector(".pager-previous").textContent = words.previous || "‹";
    pager.querySelector(".pager-next").textContent = words.next || "›";
    element.__rangeText = words.range || "{first}–{last} / {total}";
    element.appendChild(pager);
    showPage(element, 0);
  }

  function showPage(element, page) {
    var rows = element.__rows || [];
    var body = element.querySelector("table.data-table > tbody");
    if (!body) { return; }
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    page = Math.min(Math.max(page, 0), pages - 1);
    element.__page = page;
    var shown = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (row) { fragment.appendChild(row); });
    body.replaceChildren(fragment);
    var pager = element.querySelector(".table-pager");
    if (!pager) { return; }
    pager.querySelector(".pager-range").textContent = element.__rangeText
      .replace("{first}", String(page * PAGE_SIZE + 1))
      .replace("{last}", String(page * PAGE_SIZE + shown.length))
      .replace("{total}", String(rows.length));
    pager.querySelector(".pager-previous").disabled = page === 0;
    pager.querySelector(".pager-next").disabled = page === pages - 1;
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
    var element = header.closest(".table-markup");
    var table = header.closest("table");
    if (!element || !table || !table.tBodies[0]) { return; }
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = (element.__rows || Array.prototype.slice.call(table.tBodies[0].rows)).map(function (row, i) {
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
    element.__rows = rows.map(function (r) { return r.row; });
    showPage(element, 0);
    Array.prototype.forEach.call(header.parentNode.children, function (th) {
      th.setAttribute("aria-sort", th === header ? (ascending ? "ascending" : "descending") : "none");
    });
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) { return; }
    var button = event.target.closest(".data-table thead .sort-button");
    if (button) { sortBy(button.closest("th")); return; }
    var step = event.target.closest(".table-pager button");
    if (step) {
      var element = step.closest(".table-markup");
      showPage(element, element.__page + (step.classList.contains("pager-next") ? 1 : -1));
    }
  });
})();
