"""Timeline, themes and what-if, driven in headless Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from .actions import choose_option
from .test_dashboard import _query, _wait_for_graph, open_filters


def _year(page: Page) -> str | None:
    return _query(page).get("year")


def test_year_slider_moves_the_network_through_time(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=timeline")
    _wait_for_graph(page, "network")
    expect(page.locator("#year-slider-wrapper")).to_be_visible()
    handle = page.get_by_role("slider").first
    handle.focus()
    # One key at a time, as a person would, each waiting for the address bar to follow.
    for year in range(2005, 1994, -1):  # from "All" to 2005, then back to 1995
        handle.press("ArrowLeft")
        page.wait_for_function("y => new URLSearchParams(location.search).get('year') === y", arg=str(year))
    expect(page.locator(".gtitle", has_text="The network in 1995")).to_be_visible()
    assert _year(page) == "1995"
    expect(page.locator("#year-filter")).to_contain_text("1995")  # the filter bar follows


def test_play_advances_the_year_and_pause_stops_it(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=timeline&year=1990")
    _wait_for_graph(page, "network")
    page.get_by_role("button", name="▶ Play").click()
    expect(page.get_by_role("button", name="❚❚ Pause")).to_be_visible()
    page.wait_for_function(
        "() => Number(new URLSearchParams(location.search).get('year')) >= 1992", timeout=20_000
    )
    page.get_by_role("button", name="❚❚ Pause").click()
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible()
    # A frame requested just before the pause may still be on its way (the timeline's network and
    # its data table take a while to draw): wait until Dash has nothing pending, then watch five
    # timer intervals, in which a running timer would move the year.
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=20_000)
    page.wait_for_timeout(300)
    stopped = _year(page)
    page.wait_for_timeout(1500)
    assert _year(page) == stopped and int(stopped) > 1990


def test_theme_filter_narrows_every_view(app_page: Page):
    page = app_page
    page.goto(page.base + "/")
    graph = _wait_for_graph(page, "map")
    before = graph.evaluate("gd => gd.data[0].locations.length")
    open_filters(page)
    choose_option(page, page.locator("#theme-filter"), "Trafficking and smuggling")
    page.keyboard.press("Escape")
    expect(page.locator(".gtitle")).to_contain_text("themes: trafficking and smuggling")
    assert _query(page)["themes"] == "trafficking_smuggling"
    after = graph.evaluate("gd => gd.data[0].locations.length")
    assert 0 < after < before
    page.get_by_role("link", name="Themes", exact=True).click()
    expect(page.locator(".gtitle")).to_contain_text("Who works on what")
    assert _query(page) == {"view": "themes", "themes": "trafficking_smuggling"}


def test_whatif_edit_compares_and_undo_restores(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=state&state=KEN")
    panel = page.locator("#whatif-panel")
    expect(panel).to_contain_text("What if")
    choose_option(
        page, panel.locator("button.dash-dropdown").first, "MIDSA", typed="MIDSA"
    )  # "Add Kenya to…"
    expect(panel).to_contain_text("Adds Kenya to MIDSA")
    expect(panel).to_contain_text("centrality, real and what-if")
    query = parse_qs(urlparse(page.url).query)
    assert query["edits"] == ["+KEN:midsa"]
    # The real profile is unchanged: MIDSA is not among Kenya's processes.
    expect(page.locator(".data-table").first).not_to_contain_text("Migration Dialogue for Southern Africa")
    page.reload()
    expect(panel).to_contain_text("Adds Kenya to MIDSA")  # the link carries the hypothetical
    panel.get_by_role("button", name="Undo every change").click()
    expect(panel).not_to_contain_text("Adds Kenya")
    assert "edits" not in _query(page)
