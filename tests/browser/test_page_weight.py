"""What the browser has to carry: a cap on every view's DOM, and tables that sort in place.

A view's cost in the browser grows with the elements it builds (a table of 300 rows once made of
Dash components froze the page for seconds). The cap is deterministic: the same data and the same
view build the same number of elements, so a view that grows past it fails here, not in a timing.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .test_dashboard import _wait_for_graph, open_filters

#: Elements in the whole document, plotly's SVG included.
MAX_ELEMENTS = 3_000

#: Every view with a selection where it has one (the biggest form of the view).
VIEW_LINKS = {
    "map": "/",
    "overlaps": "/?view=overlaps&pair=apc~bali_process",
    "centrality": "/?view=centrality&top=50",
    "network": "/?view=network&focus=state:THA",
    "regions": "/?view=regions",
    "timeline": "/?view=timeline",
    "themes": "/?view=themes",
    "state": "/?view=state&state=THA",
    "process": "/?view=process&process=budapest_process",
    "compare": "/?view=compare&processes=rcm,sacm,ocam,ca4,casa,mercosur,andean_community,nafta"
    "&combination=rcm~ocam~ca4&states=KEN,UGA,TZA",
    "process map": "/?process=budapest_process&roles=all",
}


def _settled(page: Page) -> None:
    """Wait until Dash has no callback in flight and plotly has drawn."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    page.wait_for_timeout(300)


def test_every_view_stays_under_the_element_cap(app_page: Page):
    page = app_page
    counts = {}
    for name, link in VIEW_LINKS.items():
        page.goto(page.base + link)
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        _settled(page)
        counts[name] = page.evaluate("() => document.getElementsByTagName('*').length")
    over = {name: n for name, n in counts.items() if n > MAX_ELEMENTS}
    assert not over, f"views over {MAX_ELEMENTS} elements: {over} (all: {counts})"


def _column(table, header: str) -> list[str]:
    """The cells of the column headed `header`, top to bottom."""
    headers = table.locator("thead th").all_inner_texts()
    index = headers.index(header)
    return table.locator(f"tbody tr > :nth-child({index + 1})").all_inner_texts()


def _sort(table, header: str, order: str) -> None:
    th = table.locator("thead th").filter(has_text=re.compile(f"^{re.escape(header)}$"))
    th.get_by_role("button").click()
    expect(th).to_have_attribute("aria-sort", order)


def test_a_table_sorts_by_a_column_and_back(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality&top=10")
    graph = _wait_for_graph(page, "centrality")
    ranked = graph.evaluate("gd => gd.data.flatMap(t => t.y)")
    table = page.locator("#centrality-table")
    assert sorted(_column(table, "Name")) == sorted(ranked)
    _sort(table, "Name", "ascending")
    ascending = _column(table, "Name")
    assert ascending == sorted(ascending, key=str.casefold)
    _sort(table, "Name", "descending")
    assert _column(table, "Name") == ascending[::-1]
    _sort(table, "Betweenness (brokerage)", "ascending")
    values = [float(v) for v in _column(table, "Betweenness (brokerage)")]
    assert values == sorted(values) and values[0] < values[-1]
    expect(table.locator("thead th").filter(has_text=re.compile("^Name$"))).to_have_attribute(
        "aria-sort", "none"
    )


def test_a_long_table_shows_fifty_rows_a_page_and_sorts_them_all(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=network")
    _wait_for_graph(page, "network")
    card = page.locator(".table-markup").filter(has=page.locator("#network-edges-table"))
    rows = card.locator("tbody tr")
    expect(rows).to_have_count(50)
    pager = card.locator(".table-pager")
    expect(pager.locator(".pager-range")).to_have_text(re.compile(r"^Rows 1–50 of \d+$"))
    total = int(pager.locator(".pager-range").inner_text().split(" of ")[1])
    expect(pager.locator(".pager-range")).to_have_text(f"Rows 1–50 of {total}")
    expect(pager.get_by_role("button", name="‹ Previous")).to_be_disabled()
    first_page = rows.all_inner_texts()
    pager.get_by_role("button", name="Next ›").click()
    expect(pager.locator(".pager-range")).to_have_text(f"Rows 51–100 of {total}")
    assert rows.all_inner_texts() != first_page
    # Sorting orders every row, not only the page on screen, and goes back to the first page.
    table = page.locator("#network-edges-table")
    _sort(table, "ISO code", "ascending")
    _sort(table, "ISO code", "descending")
    expect(pager.locator(".pager-range")).to_have_text(f"Rows 1–50 of {total}")
    codes = []
    for start in range(1, total + 1, 50):
        expect(pager.locator(".pager-range")).to_contain_text(f"Rows {start}–")
        codes += _column(table, "ISO code")
        if start + 50 <= total:
            pager.get_by_role("button", name="Next ›").click()
    assert len(codes) == total and codes == sorted(codes, reverse=True)
    expect(pager.get_by_role("button", name="Next ›")).to_be_disabled()


BUSY = """() => getComputedStyle(document.querySelector('.app'), '::before').content !== 'none'"""

#: Records when Dash first marks something as loading after a click, and whether the busy bar
#: shows at that moment (as the next frame will paint it).
WATCH_BUSY = """() => {
  window.__busy = null;
  const busy = () => getComputedStyle(document.querySelector('.app'), '::before').content !== 'none';
  new MutationObserver((changes, observer) => {
    if (changes.some(c => c.target.getAttribute('data-dash-is-loading') === 'true')) {
      window.__busy = {at: performance.now(), shown: busy()};
      observer.disconnect();
    }
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['data-dash-is-loading']});
  document.addEventListener('click', () => { window.__clicked = performance.now(); }, {capture: true, once: true});
}"""


def test_the_page_shows_it_is_busy_from_the_click_until_the_answer(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=overlaps")
    _wait_for_graph(page, "overlap")
    open_filters(page)
    _settled(page)
    assert page.evaluate(BUSY) is False
    page.evaluate(WATCH_BUSY)
    page.get_by_role("checkbox", name="Africa", exact=True).uncheck()
    page.wait_for_function("() => window.__busy !== null")
    busy, clicked = page.evaluate("() => [window.__busy, window.__clicked]")
    assert busy["shown"] is True
    assert busy["at"] - clicked < 100, busy["at"] - clicked
    _settled(page)
    assert page.evaluate(BUSY) is False
