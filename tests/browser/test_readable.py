"""Readable on a phone and without conflicting controls: chart titles fit, one year control on the
timeline, the state × state matrix's region follows the region filter, the headline sits on top."""

from __future__ import annotations

from playwright.sync_api import Page, expect

#: Chart and x-axis titles that run past their chart's drawn width (or the screen) or above its top.
CUT_TITLES = """() => {
  const cut = [];
  document.querySelectorAll('.js-plotly-plot').forEach(plot => {
    const svg = plot.querySelector('svg.main-svg').getBoundingClientRect();
    plot.querySelectorAll('.gtitle, .xtitle').forEach(t => {
      const r = t.getBoundingClientRect();
      if (r.left < Math.max(svg.left, 0) - 1 || r.right > Math.min(svg.right, window.innerWidth) + 1 ||
          r.top < svg.top - 1) {
        cut.push(t.textContent);
      }
    });
  });
  return cut;
}"""


def test_on_a_phone_chart_titles_wrap_instead_of_being_cut(app_page: Page):
    """The centrality chart has the longest title (682 px on one line; 12 of 16 chart titles were cut
    at 390 px before they wrapped). Wrapped, it fits, and nothing is lost from its words."""
    page = app_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/?view=centrality")
    title = page.locator(".js-plotly-plot .gtitle").first
    expect(title).to_be_visible()
    # Wrapped: plotly draws each line of a title as its own tspan.line once titles.js has run.
    expect(title.locator(".line")).to_have_count(3)
    assert page.evaluate(CUT_TITLES) == []
    assert title.locator(".line").first.text_content() == "Top 15 states by weighted degree"


def test_the_timeline_has_one_year_control_and_says_so(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=timeline")
    expect(page.locator("#year-filter-note")).to_have_text(
        "Year: on the timeline, the slider under the filters sets it."
    )
    page.locator(".filter-panel-summary").click()  # unfold the filters: the note stands in the year's place
    expect(page.locator("#year-filter-note")).to_be_visible()
    expect(page.locator("#year-filter-wrapper")).to_be_hidden()
    # No number box beside the slider (it read 2006 for "All"), and a screen reader hears "All" too.
    expect(page.locator("#year-slider-wrapper input")).to_have_count(0)
    expect(page.get_by_role("slider", name="Year")).to_have_attribute("aria-valuetext", "All")
    expect(page.locator("#view-headline")).to_have_text(
        "The 2000s added the most processes: 29 of the 82 standing in 2005."
    )
    # On another view the year filter is back and the note gone.
    page.locator("#view-link-map").click()
    expect(page.locator("#year-filter-wrapper")).to_be_visible()
    expect(page.locator("#year-filter-note")).to_be_hidden()


def test_the_state_matrix_follows_the_region_filter(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=overlaps&regions=africa&cregion=europe_central_asia")
    expect(page.locator("#matrix-region-note")).to_contain_text("so the state × state matrix shows Africa")
    expect(page.locator("#cregion-select")).to_contain_text("Africa")
