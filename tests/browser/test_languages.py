"""Every view in French and in Spanish shows no untranslated interface text; the header switches the
language and keeps the view and the filters. One page session: views change inside the app."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from rcpdash import i18n
from rcpdash.urlstate import VIEWS

#: A view's link with what it needs to show everything (a state, a process, a selected pair).
VIEW_QUERIES = {
    "map": "view=map&process=rcm",
    "overlaps": "view=overlaps&pair=apc~bali_process",
    "centrality": "view=centrality",
    "network": "view=network&focus=state:THA",
    "regions": "view=regions",
    "timeline": "view=timeline&year=2000",
    "themes": "view=themes&process=bali_process",
    "compare": "view=compare&processes=ecowas,uemoa,midwa&combination=ecowas~midwa&states=KEN,UGA",
    "state": "view=state&state=THA",
    "process": "view=process&process=rcm",
}

#: Every text node on the page that a reader sees, except the report's own words (lang="en").
VISIBLE_TEXTS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest('script, style, [lang="en"], [hidden]')) continue;
    const text = node.textContent.trim();
    if (text) texts.push(text);
  }
  return texts;
}"""

#: Dash has finished: nothing is loading, the page's language is set, the view is drawn.
SETTLED = """([lang, view]) =>
  document.documentElement.lang === lang
  && !document.querySelector('[data-dash-is-loading="true"]')
  && document.querySelector('.view-link--active')?.id === 'view-link-' + view
  && !document.querySelector('.dash-graph--pending')
  && document.querySelector('#view-content')?.children.length > 0"""


def _go(page: Page, query: str) -> None:
    """Change the address inside the app (as back/forward does): no page reload."""
    page.evaluate(
        "q => { history.pushState({}, '', '?' + q); window.dispatchEvent(new PopStateEvent('popstate')); }",
        query,
    )


def _settle(page: Page, lang: str, view: str) -> None:
    page.wait_for_function(SETTLED, arg=[lang, view], timeout=30_000)
    page.wait_for_timeout(250)  # a callback chained on the last one may still be on its way
    page.wait_for_function(SETTLED, arg=[lang, view], timeout=30_000)


def _query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_every_view_in_french_and_spanish_has_no_untranslated_text(app_page: Page):
    page = app_page
    page.goto(page.base + "/?" + VIEW_QUERIES["map"] + "&lang=fr")
    for lang in ("fr", "es"):
        catalog = i18n.load_catalog(lang)
        # English texts whose translation differs: seeing one on the page means it escaped translation.
        english = {text for text, translated in catalog.items() if translated != text}
        for view in VIEWS:
            _go(page, f"{VIEW_QUERIES[view]}&lang={lang}")
            _settle(page, lang, view)
            untranslated = sorted(set(page.evaluate(VISIBLE_TEXTS)) & english)
            assert untranslated == [], f"{lang} {view}: {json.dumps(untranslated, ensure_ascii=False)}"
        expect(page.locator("#view-link-overlaps")).to_have_text(catalog["Overlaps"])
    # State names in the language: Germany's profile and the state picker say "Alemania" (es).
    _go(page, "view=state&state=DEU&lang=es")
    _settle(page, "es", "state")
    expect(page.locator(".profile-header h2")).to_have_text("Alemania")
    expect(page.locator("#state-select-wrapper")).to_contain_text("Alemania")
    _go(page, "view=state&state=DEU&lang=fr")
    _settle(page, "fr", "state")
    expect(page.locator(".profile-header h2")).to_have_text("Allemagne")
    # Numbers of the upload limits and the like are no concern here; the shell's own words are.
    expect(page.get_by_role("group", name="Langue")).to_be_visible()


def test_the_header_switches_language_and_keeps_the_view_and_filters(app_page: Page):
    page = app_page
    page.goto(page.base + "/?view=centrality&metric=betweenness&year=2000&roles=all&lang=fr")
    _settle(page, "fr", "centrality")
    expect(page.locator("button[lang=fr]")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Español").click()
    _settle(page, "es", "centrality")
    assert _query(page) == {
        "view": "centrality",
        "metric": "betweenness",
        "year": "2000",
        "roles": "all",
        "lang": "es",
    }
    expect(page.locator("#view-link-overlaps")).to_have_text("Superposiciones")
    expect(page.locator(".gtitle").first).to_contain_text("Los 15 primeros Estados")
    expect(page.locator("button[lang=es]")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="English").focus()
    page.keyboard.press("Enter")  # keyboard-operable
    _settle(page, "en", "centrality")
    assert _query(page) == {"view": "centrality", "metric": "betweenness", "year": "2000", "roles": "all"}
    expect(page.locator("#view-link-overlaps")).to_have_text("Overlaps")
    page.go_back()  # back restores the language with the rest
    _settle(page, "es", "centrality")
    expect(page.locator("#view-link-overlaps")).to_have_text("Superposiciones")
