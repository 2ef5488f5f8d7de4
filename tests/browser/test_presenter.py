"""Presenter mode and guided tours in headless Chromium: keys, a clicker's PageUp/PageDown, and a
presenter's own tour saved to a file and loaded back."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from rcpdash import tours

from .test_dashboard import _query, _wait_for_graph, open_filters

STEPS = tours.default_tour().steps


def _expect_step(page: Page, number: int, **query: str) -> None:
    """The tour bar shows step `number` of the default tour, and the URL holds its view."""
    step = STEPS[number - 1]
    expect(page.locator("#tour-counter")).to_have_text(f"Step {number} of {len(STEPS)}")
    expect(page.locator("#tour-title")).to_have_text(step.title)
    expect(page.locator("#tour-caption")).to_have_text(step.caption)
    page.wait_for_function("n => new URLSearchParams(location.search).get('step') === n", arg=str(number))
    got = _query(page)
    assert {k: got.get(k) for k in query} == query, got


def _open_tours(page: Page) -> None:
    if not page.locator(".tour-panel").evaluate("el => el.open"):
        page.locator(".tour-panel-summary").click()


def _font_size(page: Page, selector: str) -> float:
    return page.locator(selector).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def test_default_tour_steps_with_keys_and_presenter_mode_declutters(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=themes")
    _wait_for_graph(page, "themes")
    assert _font_size(page, "#app-root") == 16
    expect(page.locator(".filter-row")).to_be_visible()

    _open_tours(page)
    page.locator("#tour-start-default").click()
    _expect_step(page, 1, present="1", tour="default", view=None)
    _wait_for_graph(page, "map")
    # Presenter mode: no filter bar, options, footer or toolbars; large type; a way out.
    for clutter in (".filter-row", ".view-options", ".app-footer", ".app-header", ".modebar-container"):
        expect(page.locator(clutter).first).to_be_hidden()
    assert _font_size(page, "#app-root") == 24
    assert _font_size(page, "#tour-title") == 38.4  # 2.4rem
    expect(page.locator("#present-exit")).to_be_visible()
    assert page.locator(".js-plotly-plot").first.evaluate("gd => gd._fullLayout.font.size") == 22

    page.keyboard.press("ArrowRight")
    _expect_step(page, 2, regions="europe_central_asia", process="budapest_process")
    page.keyboard.press("PageDown")  # a clicker's "next"
    _expect_step(page, 3, view="centrality", regions="asia_pacific", process=None)
    _wait_for_graph(page, "centrality")
    expect(page.locator(".gtitle")).to_contain_text("Top 15 states by weighted degree")
    page.keyboard.press("PageUp")  # a clicker's "previous"
    _expect_step(page, 2, view=None, process="budapest_process")
    page.keyboard.press("ArrowLeft")
    _expect_step(page, 1, process=None, regions=None)
    page.keyboard.press("End")
    _expect_step(page, 9, view="network", focus="state:CAN")
    page.keyboard.press("PageDown")  # past the end: stays
    page.wait_for_timeout(300)
    _expect_step(page, 9)
    page.keyboard.press("Home")
    _expect_step(page, 1)
    page.go_back()  # every step is a history entry
    _expect_step(page, 9, view="network")

    # The visible buttons do the same.
    page.get_by_role("button", name="Previous step (Left arrow or Page Up)").click()
    _expect_step(page, 8, view="centrality", metric="betweenness")

    # Escape leaves presenter mode; the tour goes on, and the filter bar is back.
    page.keyboard.press("Escape")
    expect(page.locator(".filter-row")).to_be_visible()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('present')")
    assert _font_size(page, "#app-root") == 16

    # Keys in a dropdown or a text field belong to it, not to the tour.
    # (The theme filter: a list of checkboxes, where arrows and Page Down change nothing themselves. In
    # the year filter's radio list ArrowRight picks the next year and closes the list.)
    open_filters(page)
    page.locator("#theme-filter").click()
    expect(page.locator(".dash-dropdown-option").first).to_be_visible()
    for key in ("ArrowRight", "PageDown", "ArrowRight", "End"):
        page.keyboard.press(key)
        assert page.evaluate(
            "() => !!document.activeElement.closest('.dash-dropdown, .dash-dropdown-content')"
        )
    page.wait_for_timeout(500)
    _expect_step(page, 8, metric="betweenness", themes=None)
    page.keyboard.press("Escape")
    expect(page.locator(".filter-bar")).to_be_visible()  # Escape closed the dropdown, nothing else
    _open_tours(page)
    page.locator("#tour-step-title").fill("Bridges")
    page.locator("#tour-step-title").press("ArrowLeft")
    page.locator("#tour-step-title").press("Home")
    page.wait_for_timeout(500)
    _expect_step(page, 8, metric="betweenness")

    page.get_by_role("button", name="End the tour").click()
    expect(page.locator("#tour-bar")).to_be_hidden()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('tour')")


def test_own_tour_is_built_saved_and_loaded_back(app_page: Page, tmp_path):
    page = app_page
    page.goto(page.base + "/?view=regions")
    _wait_for_graph(page, "regions")
    _open_tours(page)
    page.locator("#tour-step-title").fill("Regions")
    page.locator("#tour-step-caption").fill("Four regions side by side.")
    page.get_by_role("button", name="Add this view").click()
    expect(page.locator("#tour-message")).to_have_text("Added step 1: Regions.")
    page.goto(page.base + "/?view=centrality&metric=betweenness")  # the panel is still there after a reload
    _wait_for_graph(page, "centrality")
    _open_tours(page)
    expect(page.locator(".own-tour-step")).to_have_count(1)
    page.locator("#tour-step-title").fill("Bridges")
    page.get_by_role("button", name="Add this view").click()
    expect(page.locator(".own-tour-step")).to_have_count(2)
    page.get_by_role("button", name="Move step 2 up").click()
    expect(page.locator(".own-tour-step").first).to_contain_text("Bridges")

    with page.expect_download() as saved:
        page.get_by_role("button", name="Save as a file").click()
    path = tmp_path / "tour.json"
    saved.value.save_as(path)
    assert saved.value.suggested_filename == "rcpdash-tour.json"
    assert json.loads(path.read_text("utf-8")) == {
        "format": "rcpdash-tour",
        "version": 1,
        "title": "My tour",
        "steps": [
            {"title": "Bridges", "caption": "", "query": "?view=centrality&metric=betweenness"},
            {"title": "Regions", "caption": "Four regions side by side.", "query": "?view=regions"},
        ],
    }

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#tour-clear button").click()
    expect(page.locator(".own-tour-step")).to_have_count(0)
    expect(page.locator(".own-tour-empty")).to_be_visible()

    upload = page.locator("#tour-upload input[type=file]")
    upload.set_input_files(str(path))
    expect(page.locator("#tour-message")).to_have_text("Loaded “My tour”: 2 steps.")
    expect(page.locator(".own-tour-step")).to_have_count(2)

    broken = tmp_path / "broken.json"
    broken.write_text('{"steps": [{"title": "x", "query": "?view=map"}', "utf-8")
    upload.set_input_files(str(broken))
    expect(page.locator("#tour-message")).to_contain_text(
        "broken.json was not loaded; your tour is unchanged."
    )
    expect(page.locator("#tour-message")).to_contain_text("The file is not valid JSON (line 1, column 48).")
    expect(page.locator(".own-tour-step")).to_have_count(2)  # the tour is kept

    page.get_by_role("button", name="Present your tour").click()
    expect(page.locator("#tour-counter")).to_have_text("Step 1 of 2")
    expect(page.locator("#tour-title")).to_have_text("Bridges")
    page.keyboard.press("PageDown")
    expect(page.locator("#tour-title")).to_have_text("Regions")
    expect(page.locator("#tour-caption")).to_have_text("Four regions side by side.")
    _wait_for_graph(page, "regions")
    assert _query(page) == {"view": "regions", "present": "1", "tour": "own", "step": "2"}


def test_every_default_tour_step_fits_a_1920_by_1080_screen(app_page: Page):
    """A projector shows one screen: no step may need scrolling, and its words are large enough."""
    page = app_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    heights = {}
    for step in range(1, len(tours.default_tour().steps) + 1):
        page.goto(page.base + f"/?tour=default&step={step}&present=1")
        expect(page.locator("#tour-counter")).to_have_text(f"Step {step} of 9")
        expect(page.locator("#view-content .js-plotly-plot .main-svg").first).to_be_visible()
        page.wait_for_timeout(300)  # the figure's own layout pass
        heights[step] = page.evaluate("() => document.documentElement.scrollHeight")
        assert _font_size(page, "#tour-caption") >= 18
    assert heights == {step: 1080 for step in heights}
