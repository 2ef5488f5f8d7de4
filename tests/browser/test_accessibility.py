"""Accessibility in headless Chromium: axe-core on every view and its main interactive states, an
equivalent table for every chart, and the keyboard (visible focus, filters operated without a mouse).

axe-core is vendored in tests/browser/vendor/axe-core (see the README there) and injected by these
tests only: the app never serves or fetches it.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from rcpdash.urlstate import VIEWS

from .test_dashboard import _query, open_filters

#: The big views (the timeline draws two networks) take seconds to draw on a busy 2-core machine.
RENDER_MS = 30_000
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")

#: Every view (rcpdash.urlstate.VIEWS) with text that shows it has rendered, and per chart (in page
#: order) its accessible name and the caption of the table it points at.
VIEW_CASES = [
    (
        "?view=map",
        "Processes each state belongs to",
        [("Processes each state belongs to · members only · all years", "Processes per state")],
    ),
    (
        "?view=overlaps",
        "State × state co-membership",
        [
            (
                "Process × process overlap: Jaccard index · members only · all years",
                "Process pairs by Jaccard index, largest first",
            ),
            (
                "State × state co-membership in Europe & Central Asia processes",
                "Pairs of states by processes shared in Europe & Central Asia, most first",
            ),
        ],
    ),
    (
        "?view=centrality",
        "Top 15 states",
        [
            (
                "Top 15 states by weighted degree (partner meetings) · members only · all years",
                "Top 15 states: every metric",
            )
        ],
    ),
    (
        "?view=network",
        "States and processes",
        [("States and processes · members only · all years", "Memberships in this network")],
    ),
    (
        "?view=regions",
        "The regions side by side",
        [("The regions side by side · members only · all years", "The measures per region")],
    ),
    (
        "?view=timeline",
        "The network in all years",
        [
            ("Growth of cooperation since 1942", "Processes (memberships) per year and region"),
            (
                "The network in all years (move the slider or press Play) · members only · all years",
                "Memberships in the network, all years",
            ),
        ],
    ),
    (
        "?view=themes",
        "Who works on what",
        [("Who works on what · members only · all years", "Every theme with the report's words")],
    ),
    (
        "?view=state&state=THA",
        "Who Thailand meets",
        [
            ("Thailand: its processes and their members", "Processes, with each row's source"),
            ("Who Thailand meets, by shared processes", "Co-members ranked by shared processes"),
        ],
    ),
    (
        "?view=process&process=rcm",
        "Where the states of RCM are",
        [("Where the states of RCM are", "Members and observers, with each row's source")],
    ),
]

#: The main interactive states, reached through the link that carries them, and what shows they are on.
STATE_CASES = [
    ("?view=overlaps&pair=apc~bali_process", "#pair-panel", "States in both APC and Bali Process"),
    ("?view=network&focus=state:THA", ".focus-panel", "Thailand:"),
    ("?view=timeline&year=1995", ".gtitle", "The network in 1995"),
    ("?view=state&state=KEN&edits=%2BKEN:midsa", "#whatif-panel", "centrality, real and what-if"),
]


def settle(page: Page) -> None:
    """Wait until no callback has been in flight for 300 ms: a link followed while the previous
    view's callbacks are still answering can race them (a person does not click that fast)."""
    if not hasattr(page, "in_flight"):
        page.in_flight = set()
        page.on("request", lambda r: page.in_flight.add(r) if "_dash-update-component" in r.url else None)
        page.on("requestfinished", lambda r: page.in_flight.discard(r))
        page.on("requestfailed", lambda r: page.in_flight.discard(r))
    quiet = 0
    while quiet < 3:
        page.wait_for_timeout(100)
        quiet = 0 if page.in_flight else quiet + 1


def visit(page: Page, query: str) -> None:
    """Open `query` inside the running app, as a dcc.Link does (no reload: plotly.js and axe stay)."""
    settle(page)
    page.evaluate(
        "q => { history.pushState({}, '', q); window.dispatchEvent(new CustomEvent('_dashprivate_pushstate')); }",
        "/" + query,
    )


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands, one line per node."""
    # The app's Content-Security-Policy refuses inline scripts, so page.add_script_tag(content=...)
    # would be blocked (and loosening the CSP for a test would test another app). page.evaluate runs
    # the source through the DevTools protocol, outside the page's CSP, for this check only.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    page.wait_for_timeout(100)  # assets/a11y.js fixes Dash's markup one animation frame after a render
    return page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .flatMap(v => v.nodes.map(n => `${v.impact} ${v.id}: ${n.target.join(' ')} (${v.help})`)))"""
    )


def chart_tables(page: Page) -> list[dict]:
    """Every chart on the page: its role and name, and the table its aria-details points at."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.figure-card')].map(card => {
            const table = document.getElementById(card.getAttribute('aria-details'));
            return {
                role: card.getAttribute('role'),
                name: card.getAttribute('aria-label'),
                tag: table && table.tagName,
                caption: table && table.caption ? table.caption.textContent : null,
                column_headers: table ? table.querySelectorAll('thead th[scope=col]').length : 0,
                rows: table && table.tBodies.length ? table.tBodies[0].rows.length : 0,
            };
        })"""
    )


def test_every_view_has_chart_tables_and_no_serious_axe_violation(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=regions")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    failures: dict[str, list[str]] = {}
    for query, ready, charts in VIEW_CASES:
        visit(page, query)
        expect(page.locator(".gtitle", has_text=ready).first).to_be_visible(timeout=RENDER_MS)
        expect(page.locator(".figure-card")).to_have_count(len(charts))
        found = chart_tables(page)
        assert [(c["name"], c["caption"]) for c in found] == charts, query
        for chart in found:  # a real table a screen reader can walk: headers and rows
            assert chart["role"] == "figure" and chart["tag"] == "TABLE", (query, chart)
            assert chart["column_headers"] >= 2 and chart["rows"] >= 1, (query, chart)
        if violations := serious_violations(page):
            failures[query] = violations
    assert failures == {}


def test_interactive_states_have_no_serious_axe_violation(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=regions")
    expect(page.locator(".gtitle", has_text="The regions side by side")).to_be_visible()
    failures: dict[str, list[str]] = {}
    for query, where, ready in STATE_CASES:
        visit(page, query)
        expect(page.locator(where, has_text=ready).first).to_be_visible(timeout=RENDER_MS)
        if query.startswith("?view=timeline"):  # a chart's data table opened
            page.locator("#network-edges-details > summary").click()
            expect(page.locator("#network-edges-table")).to_be_visible()
        elif query.startswith("?view=state"):  # a dropdown opened from the keyboard
            page.locator("#whatif-panel button.dash-dropdown").first.press("Enter")
            expect(page.locator(".dash-dropdown-content")).to_be_visible()
        if violations := serious_violations(page):
            failures[query] = violations
    assert failures == {}
    # The check can fail: without <html lang> axe reports a serious violation.
    page.evaluate("() => document.documentElement.removeAttribute('lang')")
    assert [v for v in serious_violations(page) if v.startswith("serious html-has-lang")]


def _focus_report(page: Page) -> dict:
    """The focused element: what it is, whether it can be seen, and how its focus ring is drawn."""
    return page.evaluate(
        """() => {
            const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
            let shown = r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
            for (let a = e; a; a = a.parentElement) {
                if (Number(getComputedStyle(a).opacity) === 0) { shown = false; }
            }
            return {
                what: e.getAttribute('aria-label') || e.id || (e.labels && e.labels.length ? e.labels[0] : e)
                    .textContent.trim().slice(0, 40) || e.tagName,
                tag: e.tagName, shown,
                ring: (s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0),
                shadow: s.boxShadow !== 'none',
            };
        }"""
    )


def test_tabbing_reaches_every_control_in_order_with_a_visible_ring(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality")
    expect(page.locator(".gtitle", has_text="Top 15 states")).to_be_visible()
    open_filters(page)
    # Start again from the top of the page, as after a reload (the open panel stays open).
    page.locator(".skip-link").focus()
    seen = [_focus_report(page)["what"]]
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = _focus_report(page)
        if focus["tag"] == "BODY":
            break
        seen.append(focus["what"])
        assert focus["shown"], focus
        assert focus["ring"] >= 3 or focus["shadow"], focus
    # Skip link first, then the view tabs, the filters, the view's options, the chart and its table.
    assert seen[: 1 + len(VIEWS)] == ["Skip to main content", *[f"view-link-{v}" for v in VIEWS]]
    order = [
        "Europe & Central Asia",
        "theme-filter",
        "year-filter",
        "metric-select",
        "top-select",
        "Download SVG: Top 15 states by weighted degree (partner meetings) · members only · all years",
        "Download CSV: Top 15 states: every metric",
    ]
    assert [w for w in seen if w in order] == order
    assert seen.index("Download plot as a PNG") < seen.index(order[5])  # the chart's toolbar, shown


def test_keyboard_alone_skips_to_content_switches_view_and_filters(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality")
    expect(page.locator(".gtitle", has_text="Top 15 states")).to_be_visible()
    # Keys only once the page's first callbacks are answered (a key pressed earlier can land nowhere).
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")  # "Skip to main content"
    expect(page.locator("#view-content")).to_be_focused()
    page.keyboard.press("Tab")
    assert _focus_report(page)["what"] == "Download plot as a PNG"

    # A view tab with Enter.
    page.locator("#view-link-regions").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".gtitle", has_text="The regions side by side")).to_be_visible()
    assert _query(page) == {"view": "regions"}

    # The folded filters open with Enter; a checkbox filter with Space.
    page.locator("#filter-panel > summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".filter-bar")).to_be_visible()
    page.get_by_role("checkbox", name="Africa", exact=True).focus()
    page.keyboard.press("Space")
    expect(page.locator(".gtitle", has_text="Europe & Central Asia, Asia-Pacific, Americas")).to_be_visible()
    assert _query(page)["regions"] == "europe_central_asia,asia_pacific,americas,other"

    # The "as of" dropdown: open with ArrowDown, move with ArrowDown, choose with Enter.
    page.locator("#year-filter").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".dash-dropdown-content input[value=all]")).to_be_focused()  # the chosen one
    page.keyboard.press("ArrowRight")  # a native radio would choose the next option; a list does not
    expect(page.locator(".dash-dropdown-content input[value=all]")).to_be_focused()
    for year in ("2005", "2004", "2003"):
        page.keyboard.press("ArrowDown")
        expect(page.locator(f".dash-dropdown-content input[value='{year}']")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".gtitle", has_text="as of 2003")).to_be_visible()
    assert _query(page)["year"] == "2003"
    expect(page.locator("#year-filter")).to_be_focused()  # focus returns to the dropdown

    # Space opens it too; Escape closes it without changing anything.
    page.keyboard.press("Space")
    expect(page.locator(".dash-dropdown-content")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".dash-dropdown-content")).to_have_count(0)
    assert _query(page)["year"] == "2003"


def test_the_year_slider_is_named_and_moves_with_the_keyboard(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=timeline&year=1990")
    expect(page.locator(".gtitle", has_text="The network in 1990")).to_be_visible()
    settle(page)
    handle = page.get_by_role("slider", name="Year")
    expect(handle).to_be_visible()
    handle.focus()
    assert _focus_report(page)["ring"] >= 3
    handle.press("ArrowRight")
    expect(page.locator(".gtitle", has_text="The network in 1991")).to_be_visible()
    assert _query(page)["year"] == "1991"
