"""Bring your own data in the browser: a broken upload lists its problems, a valid one changes the
map and survives a reload (even after the server forgot it), reset goes back to the report."""

from __future__ import annotations

import zipfile

from playwright.sync_api import Page, expect

from rcpdash import datasets
from rcpdash.data import SCHEMAS

from ..fixtures import tiny_tables
from ..test_cow import COW_FILE
from .test_dashboard import _wait_for_graph

UPLOAD_INPUT = "#dataset-upload input[type=file]"
MAP_CODES = "gd => gd.data.flatMap(t => t.locations || []).concat(gd.data.flatMap(t => t.customdata || []).map(c => Array.isArray(c) ? c[0] : c)).filter((c, i, all) => typeof c === 'string' && all.indexOf(c) === i).sort()"


def _files(tables: dict[str, bytes]) -> list[dict]:
    return [{"name": n, "mimeType": "text/csv", "buffer": b} for n, b in sorted(tables.items())]


def test_upload_errors_then_data_then_reload_then_reset(app_page: Page):
    page = app_page
    page.goto(page.base + "/")
    graph = _wait_for_graph(page, "map")
    report_codes = graph.evaluate(MAP_CODES)
    assert len(report_codes) > 100
    badge = page.locator("#dataset-badge")
    expect(badge).to_contain_text("Data: the report")
    page.get_by_text("Use your own data").click()

    # A broken upload: every problem listed with file, row and column; the map stays.
    broken = tiny_tables()
    broken["memberships.csv"] = broken["memberships.csv"].replace(b"p1,AAA,member", b"p1,AAA,boss")
    broken["states.csv"] = broken["states.csv"].replace(b"60,20", b"600,20")
    page.set_input_files(UPLOAD_INPUT, _files(broken))
    problems = page.locator(".dataset-problems tbody tr")
    expect(problems).to_have_count(2)
    assert problems.nth(0).locator("td").all_inner_texts()[:3] == ["memberships.csv", "2", "role"]
    assert problems.nth(1).locator("td").all_inner_texts() == [
        "states.csv",
        "2",
        "lat",
        "expected a value between -90 and 90, got '600'",
    ]
    expect(page.locator("#dataset-messages")).to_contain_text("You still see the data you had")
    expect(badge).to_contain_text("Data: the report")
    assert graph.evaluate(MAP_CODES) == report_codes

    # A valid Correlates of War file: the map shows its member states only.
    page.set_input_files(
        UPLOAD_INPUT, [{"name": "state_year_formatv3.csv", "mimeType": "text/csv", "buffer": COW_FILE}]
    )
    expect(badge).to_have_text("Data: uploaded: state_year_formatv3.csv, 4 states, 2 arrangements")
    page.wait_for_function(
        f"() => ({MAP_CODES})(document.querySelector('[id*=\"map\"] .js-plotly-plot')).length < 10"
    )
    assert graph.evaluate(MAP_CODES) == ["CAN", "USA"]  # observers (RUS, SUN) are not members
    expect(page.locator("#dataset-summary")).to_contain_text("2 arrangements")

    # Reload, after the server forgot the upload (a restart, or the other worker): still there.
    datasets.forget_kept()
    page.reload()
    graph = _wait_for_graph(page, "map")
    expect(badge).to_have_text("Data: uploaded: state_year_formatv3.csv, 4 states, 2 arrangements")
    page.wait_for_function(
        f"() => ({MAP_CODES})(document.querySelector('[id*=\"map\"] .js-plotly-plot')).length < 10"
    )
    assert graph.evaluate(MAP_CODES) == ["CAN", "USA"]

    # Download it: the converted tables as a zip of CSV files, with the schema (datapackage.json).
    page.get_by_text("Use your own data").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this dataset (zip of CSV files)").click()
    assert download.value.suggested_filename == "rcpdash-uploaded-dataset.zip"
    with zipfile.ZipFile(download.value.path()) as z:
        assert sorted(z.namelist()) == sorted([*(s.file for s in SCHEMAS.values()), "datapackage.json"])
        memberships = z.read("memberships.csv").decode()
    assert 'aaa,USA,member,1998,2000,"state_year_formatv3.csv, rows 2-4, column AAA = 1' in memberships

    # The state dropdown follows the data; a profile of an uploaded state works.
    page.goto(page.base + "/?view=state&state=CAN")
    expect(page.locator("#view-content")).to_contain_text("Canada")
    expect(page.locator("#view-content")).to_contain_text("AAA")

    # Back to the report (a new page: the panel is closed again).
    page.get_by_text("Use your own data").click()
    page.get_by_role("button", name="Back to the report's data").click()
    expect(badge).to_contain_text("Data: the report")
    page.goto(page.base + "/")
    graph = _wait_for_graph(page, "map")
    page.wait_for_function(
        f"() => ({MAP_CODES})(document.querySelector('[id*=\"map\"] .js-plotly-plot')).length > 100"
    )
    assert graph.evaluate(MAP_CODES) == report_codes


def test_a_file_over_the_upload_limit_is_refused_with_the_limit_named(app_page: Page):
    page = app_page
    page.goto(page.base + "/")
    _wait_for_graph(page, "map")
    page.get_by_text("Use your own data").click()
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "_dash-update-component" in r.url else None)
    page.set_input_files(
        UPLOAD_INPUT, [{"name": "big.csv", "mimeType": "text/csv", "buffer": b"x" * (6 * 1024 * 1024)}]
    )
    expect(page.locator("#dataset-limit-notice")).to_be_visible()
    expect(page.locator("#dataset-limit-notice")).to_have_text(
        "The files are larger than 5 MB, the limit for an upload: zip them first."
    )
    page.wait_for_timeout(500)
    assert sent == []  # nothing was sent to the server
