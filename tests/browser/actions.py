"""What a person does on the page, written once so every browser test does it the same, patient way."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect


def choose_option(page: Page, opener: Locator, option: str, *, typed: str | None = None) -> None:
    """Open a Dash dropdown, optionally type to search, and click the option showing `option`.

    The page's first callbacks may re-render a panel just after it appears, which closes a list
    opened too early (seen once on CI: the typed search went nowhere). So wait for the page to be
    quiet, and open the list again until it shows before typing.
    """
    page.wait_for_load_state("networkidle")
    content = page.locator(".dash-dropdown-content")
    for _ in range(3):
        opener.click()
        try:
            expect(content).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            continue
    expect(content).to_be_visible()
    if typed:
        page.keyboard.type(typed)
    page.locator(".dash-dropdown-option", has_text=option).first.click()
