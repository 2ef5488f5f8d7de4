"""Interface language: English, French and Spanish.

The English text is the message key (gettext style), so code reads naturally::

    from rcpdash.i18n import _
    html.H2(_("Overlaps"))

``_`` translates into the language of the current request, set by the callbacks with
:func:`using`. Call it when a component is built, never at import time: a module-level constant
holds the English text (mark it with :func:`N_` so the catalog check finds it) and is translated
where it is shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

#: The interface languages, English first (the default).
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("rcpdash_language", default=DEFAULT_LANGUAGE)

#: The catalogs: ``locales/<language>.json``, one ``{"English text": "translation"}`` object each.
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

#: language -> {English text: translation}; English needs no entry. Filled from LOCALES_DIR the first
#: time a language is used (a few hundred short strings: a millisecond), so importing costs nothing.
CATALOGS: dict[str, dict[str, str]] = {}

#: Each language's name in itself, for the language switcher (never translated: a reader looks for
#: their own language's name).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}


def load_catalog(language: str) -> dict[str, str]:
    """The catalog of `language` from :data:`LOCALES_DIR` (empty for English or a missing file)."""
    path = LOCALES_DIR / f"{language}.json"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def catalog(language: str) -> dict[str, str]:
    """The catalog of `language`, loaded on first use."""
    found = CATALOGS.get(language)
    if found is None:
        found = CATALOGS[language] = load_catalog(language)
    return found


def current() -> str:
    """The language of the request being served."""
    return _current.get()


@contextmanager
def using(language: str | None) -> Iterator[None]:
    """Translate into `language` inside the block (unknown or empty: English)."""
    token = _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def _(text: str) -> str:
    """`text` (English) in the current language; English when no translation exists."""
    language = _current.get()
    if language == DEFAULT_LANGUAGE:
        return text
    return catalog(language).get(text, text)


def N_(text: str) -> str:
    """Mark English text for translation without translating it (for module-level constants)."""
    return text
