"""The tour taken away as one HTML file, opened from file:// with every request refused: it steps
with the presenter's keys and draws every step's figures from what the file holds."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rcpdash import tours
from rcpdash.tours.deck import render_deck
from rcpdash.ui.tour_export import build_deck

STEPS = tours.default_tour().steps


@pytest.fixture(scope="module")
def deck_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("deck") / "tour.html"
    path.write_bytes(render_deck(build_deck(tours.default_tour(), "en", shipped=True), "html"))
    return path


def test_html_deck_steps_offline(page, deck_file):
    requests, errors = [], []
    # Only the file itself (and data: URLs inside it) may load: anything else is refused and recorded.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:"))
            else (requests.append(route.request.url), route.abort())
        ),
    )
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(deck_file.as_uri())
    counter = page.locator("#deck-counter")
    expect(counter).to_have_text("Step 1 of 9")
    # The world map draws its countries from the embedded shapes.
    expect(page.locator("#step-1 path.choroplethlocation").nth(99)).to_be_attached()
    expect(page.locator("[data-action=previous]")).to_be_disabled()

    keys = ["ArrowRight", "PageDown", " ", "ArrowRight", "PageDown", " ", "ArrowRight", "ArrowRight"]
    for number, key in enumerate(keys, start=2):
        page.keyboard.press(key)
        expect(counter).to_have_text(f"Step {number} of 9")
        step = page.locator(f"#step-{number}")
        expect(step.locator("h2")).to_have_text(STEPS[number - 1].title)
        # Each of the step's figures is drawn (plotly's SVG inside every plot box).
        plots = step.locator(".plot")
        for index in range(plots.count()):
            expect(plots.nth(index).locator(".main-svg").first).to_be_visible()
        expect(page.locator(f"#step-{number - 1}")).to_be_hidden()
    expect(page.locator("[data-action=next]")).to_be_disabled()
    expect(page.locator("#step-9 blockquote")).to_have_count(4)
    page.keyboard.press("PageUp")
    expect(counter).to_have_text("Step 8 of 9")
    page.keyboard.press("Home")
    expect(counter).to_have_text("Step 1 of 9")
    page.keyboard.press("End")
    expect(counter).to_have_text("Step 9 of 9")
    page.locator("[data-action=previous]").click()
    expect(counter).to_have_text("Step 8 of 9")
    assert page.evaluate("() => location.hash") == "#8"
    assert requests == []
    assert errors == []


def test_tour_panel_downloads_the_shipped_tour_in_the_page_language(app_page, tmp_path):
    page = app_page
    page.goto(page.base + "/?lang=fr")
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.locator(".tour-panel-summary").click()
    page.locator(".tour-export-summary").click()
    expect(page.get_by_role("radio", name="La visite fournie")).to_be_checked()
    with page.expect_download() as download:
        page.get_by_role("button", name="Page hors ligne (.html)").click()
    assert download.value.suggested_filename == "rcpdash-tour-fr.html"
    path = tmp_path / "tour.html"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and text.count('<section class="step"') == 9
    expect(page.locator("#tour-export-message")).to_have_text(
        "Prêt : « Une promenade à travers le rapport », 9 étapes."
    )
    # Your tour is empty here: nothing to take away, and the panel says why.
    page.get_by_role("radio", name="Votre propre visite").check()
    page.get_by_role("button", name="PDF").click()
    expect(page.locator("#tour-export-message")).to_have_text(
        "Votre visite n’a pas encore d’étape : ajoutez d’abord une vue."
    )
