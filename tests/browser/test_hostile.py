"""Hostile names in the data render as plain text everywhere, and CSV exports are formula-safe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rcpdash import datasets
from rcpdash.data import read_dataset

from ..hostile import FORMULA, LINK, RTL, SCRIPT, hostile_tables


@pytest.fixture(scope="module", autouse=True)
def hostile_data():
    with datasets.serving(read_dataset(hostile_tables())):
        yield


ACRONYM = "<b>P1</b>"
# Each view and a hostile name it shows as text (None: names appear only inside the charts).
VIEWS = [
    ("/", FORMULA),
    ("/?roles=all&process=p1", RTL),
    ("/?view=overlaps&pair=p2~p3", None),
    ("/?view=centrality&side=process", SCRIPT),
    ("/?view=network&focus=process:p1", ACRONYM),
    ("/?view=regions", None),
    ("/?view=timeline", None),
    ("/?view=themes&process=p1", ACRONYM),
    ("/?view=state&state=AAA&edits=%2BAAA:p3", FORMULA),
    ("/?view=process&process=p1", SCRIPT),
]


@pytest.mark.parametrize(("path", "shown"), VIEWS)
def test_hostile_names_stay_text(app_page: Page, path, shown):
    page = app_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page.base + path)
    page.wait_for_selector(".js-plotly-plot, .empty-message")
    page.wait_for_timeout(600)
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
    inline = page.evaluate(
        "() => [...document.scripts].filter(s => !s.src && s.type !== 'application/json').length"
    )
    assert inline == 1  # only Dash's own bootstrap script
    if shown is not None:
        assert shown in page.evaluate("() => document.body.innerText"), path


@pytest.mark.parametrize(
    "path", ["/?view=state&state=DDD", "/?view=overlaps&cregion=africa", "/?view=network&focus=state:DDD"]
)
def test_a_name_written_as_a_link_is_drawn_as_its_text(app_page: Page, path):
    """plotly would draw <a href> in a figure's text as a live link (rcpdash.figures.plotly_text)."""
    page = app_page
    page.goto(page.base + path)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    texts = page.locator(".js-plotly-plot svg text")
    expect(texts.filter(has_text='<a href="https://')).not_to_have_count(0)
    assert page.locator(".js-plotly-plot svg a").count() == 0
    if "network" not in path:  # network labels are cut short
        expect(texts.filter(has_text=LINK).first).to_be_visible()


def test_csv_export_neutralises_formulas(app_page: Page, tmp_path):
    page = app_page
    page.goto(page.base + "/")
    page.wait_for_selector(".js-plotly-plot")
    with page.expect_download() as download:
        page.locator("button.csv-download").first.click()
    path = tmp_path / "map.csv"
    download.value.save_as(path)
    content = path.read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0" in content and "\n=cmd" not in content and ",=cmd" not in content
    expect(page.locator(".data-table").first).to_contain_text(FORMULA)  # shown as it is on screen
