"""The compare view in the browser: a compare link draws its bars, a bar click lists its states, and
picking a state in the multi-select rewrites the sentence that reads the difference."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from .actions import choose_option

UPSET = '[id*=\'"name":"compare-upset"\'] .js-plotly-plot'


def _query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_a_compare_link_draws_the_intersections_and_a_bar_click_lists_its_states(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=compare&processes=ecowas,uemoa,midwa")
    expect(page.locator(".gtitle", has_text="Which states sit in which of these processes")).to_be_visible()
    # Four bars, largest first, each a combination the dots below name.
    bars = page.locator(UPSET).evaluate("gd => [gd.data[0].y, gd.data[0].customdata.map(c => c[1])]")
    assert bars == [[7, 6, 2, 1], ["ECOWAS + UEMOA + MIDWA", "ECOWAS + MIDWA", "ECOWAS", "ECOWAS + UEMOA"]]
    expect(page.locator("#compare-intersections-table tbody tr")).to_have_count(4)
    # A screen reader reads the chart as that real table: the figure points at it.
    card = page.locator("[role=figure]", has=page.locator(UPSET))
    expect(card).to_have_attribute("aria-details", "compare-intersections-table")
    expect(page.locator("#compare-intersections-table thead th")).to_have_count(4)
    # Click the second bar (ECOWAS + MIDWA) where plotly drew it.
    box = page.locator(UPSET).evaluate(
        """gd => {
            const L = gd._fullLayout, drag = gd.querySelector('.xy .nsewdrag').getBoundingClientRect();
            return {x: drag.left + L.xaxis.l2p(1), y: drag.top + L.yaxis.l2p(3)};
        }"""
    )
    page.mouse.click(box["x"], box["y"])
    panel = page.locator("#compare-combination-panel")
    expect(panel).to_contain_text("In ECOWAS + MIDWA and no other process compared: 6 states")
    assert _query(page)["combination"] == "ecowas~midwa"
    # Each of the six states in each of the two processes, with its role and the report's words.
    expect(panel.locator("tbody tr")).to_have_count(12)
    expect(panel.locator("tbody tr").first).to_contain_text("Cabo Verde")
    expect(panel.locator("tbody tr").first).to_contain_text("Report, line")
    # The picked bar stands out in the chart.
    colours = page.locator(UPSET).evaluate("gd => gd.data[0].marker.color")
    assert colours[1] != colours[0] and colours[0] == colours[2]


def test_states_side_by_side_read_the_difference_and_follow_the_multi_select(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=compare&states=KEN,UGA")
    sentence = page.locator("#compare-states-sentence")
    expect(sentence).to_contain_text("Kenya sits in 1 process Uganda does not: OUA.")
    expect(sentence).to_contain_text("Uganda sits in no process Kenya does not.")
    choose_option(page, page.locator("#compare-states"), "Tanzania", typed="Tanza")
    expect(sentence).to_contain_text(
        "Tanzania sits in 3 processes none of the others does: MIDSA, SADC, SADCC."
    )
    assert _query(page)["states"] == "KEN,UGA,TZA"
    expect(page.locator("#compare-states-table thead th")).to_have_count(4)  # the process and three states
