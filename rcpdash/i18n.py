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

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: The interface languages, English first (the default).
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("rcpdash_language", default=DEFAULT_LANGUAGE)

#: language -> {English text: translation}; English needs no entry.
CATALOGS: dict[str, dict[str, str]] = {}


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
    return CATALOGS.get(_current.get(), {}).get(text, text)


def N_(text: str) -> str:
    """Mark English text for translation without translating it (for module-level constants)."""
    return text
