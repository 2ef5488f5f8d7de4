"""The edition filter (issue 17): a person picks "Both, 2005 to 2013" and the timeline reaches 2013."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .test_dashboard import open_filters


def test_choosing_both_editions_runs_the_timeline_to_2013_and_names_the_overview(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=timeline")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    open_filters(page)
    page.get_by_label("Both, 2005 to 2013").check()
    expect(page).to_have_url(re.compile(r"edition=both"))
    # The slider's last position ("All") is one past 2013; the footer cites the 2013 overview's page.
    expect(page.locator("#year-slider [aria-valuemax]").first).to_have_attribute("aria-valuemax", "2014")
    expect(page.locator("footer a[href^='https://www.yumpu.com/']")).to_be_visible()
    expect(page.locator(".explanation")).to_contain_text("only what both confirm is counted")
    # Back to the report: the link drops the field and the slider ends after 2005 again.
    page.get_by_label("2005 report").check()
    expect(page).not_to_have_url(re.compile(r"edition="))
    expect(page.locator("#year-slider [aria-valuemax]").first).to_have_attribute("aria-valuemax", "2006")
