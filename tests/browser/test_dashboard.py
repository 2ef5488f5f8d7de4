"""Click through the dashboard like a person, in headless Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from .actions import choose_option

GRAPH = ".js-plotly-plot"


def _query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()}


def _wait_for_graph(page: Page, name: str):
    # A pickable figure has a pattern-matching id, the others "<name>-graph".
    locator = page.locator(f'[id*=\'"name":"{name}"\'] {GRAPH}, #{name}-graph {GRAPH}')
    expect(locator).to_be_visible()
    return locator


def _trace_names(page: Page, name: str) -> list[str]:
    graph = _wait_for_graph(page, name)
    return graph.evaluate("gd => gd.data.map(t => t.name)")


def test_deep_link_restores_the_view_and_survives_reload(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality&metric=betweenness&side=process&top=10")
    graph = _wait_for_graph(page, "centrality")
    expect(page.locator(".gtitle")).to_contain_text("Top 10 processes by betweenness")
    assert graph.evaluate("gd => gd.data.reduce((n, t) => n + t.y.length, 0)") == 10
    expect(page.locator("#metric-select-wrapper")).to_contain_text("Betweenness")
    expect(page.locator(".view-link--active")).to_have_text("Centrality")
    page.reload()
    _wait_for_graph(page, "centrality")
    expect(page.locator(".gtitle")).to_contain_text("Top 10 processes by betweenness")
    assert _query(page) == {"view": "centrality", "metric": "betweenness", "side": "process", "top": "10"}


def test_world_map_is_drawn_from_local_shapes(app_page: Page):
    page = app_page
    page.goto(page.base + "/")
    graph = _wait_for_graph(page, "map")
    # Country shapes drawn (from /assets/topojson), plus dots for states too small for the map.
    expect(graph.locator("path.choroplethlocation").first).to_be_attached()
    assert graph.locator("path.choroplethlocation").count() > 100
    assert graph.evaluate("gd => gd.data[1].customdata.map(c => c[0])").count("MLT") == 1
    assert graph.evaluate("gd => gd._fullLayout.geo.fitbounds") is False


def test_picking_a_process_highlights_its_members_and_observers(app_page: Page):
    page = app_page
    page.goto(page.base + "/?roles=all")
    _wait_for_graph(page, "map")
    choose_option(page, page.locator("#process-select"), "Regional Conference on Migration", typed="RCM")
    expect(page).to_have_url(page.base + "/?roles=all&process=rcm")
    graph = _wait_for_graph(page, "map")
    expect(page.locator(".gtitle")).to_contain_text("Regional Conference on Migration")
    locations = graph.evaluate("gd => Object.fromEntries(gd.data.map(t => [t.name, t.locations || t.lat]))")
    assert len(locations["Members"]) == 11
    assert sorted(locations["Observers"]) == ["ARG", "COL", "JAM", "PER"]


def test_clicking_a_heatmap_cell_lists_the_shared_members(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=overlaps")
    graph = _wait_for_graph(page, "overlap")
    box = graph.evaluate(
        """gd => {
            const xs = gd.data[0].x, L = gd._fullLayout;
            const i = xs.indexOf('apc'), j = xs.indexOf('bali_process');
            const drag = gd.querySelector('.nsewdrag');
            // Scroll the cell to the middle of the window (it may lie below the fold).
            const top = drag.getBoundingClientRect().top + L.yaxis.l2p(i);
            window.scrollBy(0, top - window.innerHeight / 2);
            const r = drag.getBoundingClientRect();
            return {x: r.left + L.xaxis.l2p(j), y: r.top + L.yaxis.l2p(i)};
        }"""
    )
    page.mouse.click(box["x"], box["y"])
    panel = page.locator("#pair-panel")
    expect(panel).to_contain_text("States in both APC and Bali Process")
    for name in ("Australia", "Indonesia", "Thailand", "New Zealand"):
        expect(panel).to_contain_text(name)
    assert _query(page)["pair"] == "apc~bali_process"
    # The cell's pair starts a comparison, where more processes can join it.
    start = panel.locator("#compare-pair")
    expect(start).to_contain_text("Compare APC and Bali Process")
    expect(start).to_have_attribute("href", "?view=compare&pair=apc~bali_process&processes=apc,bali_process")
    start.click()
    expect(page.locator(".gtitle", has_text="Which states sit in which of these processes")).to_be_visible()
    assert _query(page)["processes"] == "apc,bali_process" and _query(page)["view"] == "compare"


def test_switching_the_metric_updates_chart_and_url_and_back_restores(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality")
    _wait_for_graph(page, "centrality")
    expect(page.locator(".gtitle")).to_contain_text("weighted degree")
    choose_option(page, page.locator("#metric-select"), "Eigenvector")
    expect(page.locator(".gtitle")).to_contain_text("eigenvector")
    assert _query(page) == {"view": "centrality", "metric": "eigenvector"}
    expect(page.locator(".explanation")).to_contain_text("partners are themselves well connected")
    page.go_back()
    expect(page.locator(".gtitle")).to_contain_text("weighted degree")
    assert _query(page) == {"view": "centrality"}
    page.go_forward()
    expect(page.locator(".gtitle")).to_contain_text("eigenvector")


def test_clicking_a_bar_opens_the_profile_with_quotes(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality&top=10")
    graph = _wait_for_graph(page, "centrality")
    first = graph.evaluate("gd => gd.data[0].y[0]")
    bar = graph.locator(".bars .point path").first.bounding_box()
    page.mouse.click(
        bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2
    )  # plotly listens on its drag layer
    expect(page.locator(".profile-header h2")).to_have_text(first)
    assert _query(page)["view"] == "state"
    expect(page.locator(".data-table").first).to_contain_text("Report, line")


def test_a_bad_link_shows_a_message_and_a_working_page(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=state&state=<script>&year=3000")
    expect(page.locator("#notice")).to_contain_text("Ignored the year '3000'")
    expect(page.locator("#notice")).to_contain_text("Ignored the unknown state '<script>'")
    expect(page.locator(".empty-message")).to_contain_text("Pick a state")


def open_filters(page: Page) -> None:
    """Unfold the filter panel (folded to one line when a page opens), as a person would."""
    if not page.locator("#filter-panel").evaluate("d => d.open"):
        # From the keyboard: an open popover (the tours panel) may cover the line.
        page.locator("#filter-panel > summary").focus()
        page.keyboard.press("Enter")
    expect(page.locator(".filter-bar")).to_be_visible()


def test_filters_fold_to_a_line_that_says_what_is_active_and_resets(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality&regions=africa")
    expect(page.locator(".gtitle", has_text="Africa")).to_be_visible()
    expect(page.locator(".filter-bar")).to_be_hidden()
    expect(page.locator("#filter-summary")).to_have_text("Africa · members only · all years")
    page.get_by_role("link", name="Reset filters").click()
    page.wait_for_function("() => location.search === '?view=centrality'")
    expect(page.locator("#filter-summary")).to_have_text("members only · all years")
    expect(page.get_by_role("link", name="Reset filters")).to_be_hidden()
    open_filters(page)
    page.get_by_role("checkbox", name="Americas", exact=True).uncheck()
    expect(page.locator("#filter-summary")).to_contain_text("Europe & Central Asia, Asia-Pacific, Africa")
    expect(page.locator(".filter-bar")).to_be_visible()  # the panel stays open while filtering


def test_filters_that_leave_nothing_say_so(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=network")
    _wait_for_graph(page, "network")
    open_filters(page)
    labels = {
        "europe_central_asia": "Europe & Central Asia",
        "asia_pacific": "Asia-Pacific",
        "americas": "Americas",
        "africa": "Africa",
        "other": "Interregional / global",
    }
    for key, label in labels.items():
        page.get_by_role("checkbox", name=label, exact=True).uncheck()
        # One change at a time, as a person would: wait for the address bar to follow.
        page.wait_for_function(
            "key => new URLSearchParams(location.search).has('regions') && "
            "!new URLSearchParams(location.search).get('regions').split(',').includes(key)",
            arg=key,
        )
    expect(page.locator(".empty-message")).to_contain_text("No membership matches these filters")
    assert _query(page)["regions"] == ""


def test_figures_download_as_svg_and_png_and_tables_as_csv(app_page: Page, tmp_path):
    page = app_page
    page.goto(page.base + "/?view=centrality&top=10")
    _wait_for_graph(page, "centrality")
    with page.expect_download() as svg:
        page.locator("button.svg-download").first.click()
    assert svg.value.suggested_filename == "rcpdash-centrality-state-weighted_degree.svg"
    svg_path = tmp_path / "chart.svg"
    svg.value.save_as(svg_path)
    assert svg_path.read_text().startswith("<svg") and "Top 10 states" in svg_path.read_text()
    with page.expect_download() as png:
        page.locator(".modebar-btn[data-title='Download plot as a PNG']").first.click()
    assert png.value.suggested_filename == "rcpdash-centrality-state-weighted_degree.png"
    with page.expect_download() as csv_file:
        page.locator("button.csv-download").first.click()
    assert csv_file.value.suggested_filename == "rcpdash-centrality.csv"
    csv_path = tmp_path / "table.csv"
    csv_file.value.save_as(csv_path)
    lines = csv_path.read_text().splitlines()
    assert lines[0].startswith("id,name,group,degree,weighted_degree") and len(lines) == 11


def test_toolbar_offers_no_way_to_send_a_chart_online(app_page: Page):
    page = app_page
    page.goto(page.base + "/")
    graph = _wait_for_graph(page, "map")
    titles = graph.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
    assert "Download plot as a PNG" in titles
    assert not [t for t in titles if "Share" in t or "Chart Studio" in t or "Edit" in t]
