"""One-page briefs: a profile printed (or saved as PDF) from the browser."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/?view=state&state=THA",
            ["Thailand", "rcpdash brief: Thailand", "five original members, Indonesia"],
        ),
        (
            "/?view=process&process=rcm&roles=all",
            [
                "Regional Conference on Migration",
                "rcpdash brief: RCM · members and observers",
                "Its member countries are",
            ],
        ),
    ],
)
def test_a_profile_prints_as_a_one_page_brief(app_page: Page, path, expected):
    page = app_page
    page.goto(page.base + path)
    expect(page.get_by_role("button", name="Print a one-page brief")).to_be_visible()
    page.wait_for_selector(".js-plotly-plot")
    # Print what a person would print: the page settled (a late answer can still redraw the view;
    # seen once on CI, a PDF with the header and footer only) and the profile's name on it.
    page.wait_for_load_state("networkidle")
    expect(page.locator("#view-headline, .lead").first).to_be_visible()
    expect(page.locator("body")).to_contain_text(expected[0])
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(p.extract_text() for p in pdf.pages).replace("\n", " ")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")  # the PDF's typographic ligatures
    assert len(pdf.pages) == 1
    for phrase in [*expected, "Source: IOM (2005)"]:
        assert phrase in text, phrase
    for screen_only in ("Download CSV", "Download SVG", "Print a one-page brief", "What if", "Where could"):
        assert screen_only not in text, screen_only
