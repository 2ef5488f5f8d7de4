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
import math
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

#: language -> {English text: translation}; English needs no entry. A plural entry's key is the
#: English singular and its value one form per plural category of the language (see :func:`ngettext`). Filled from LOCALES_DIR the first
#: time a language is used (a few hundred short strings: a millisecond), so importing costs nothing.
CATALOGS: dict[str, dict[str, str | dict[str, str]]] = {}

#: Each language's name in itself, for the language switcher (never translated: a reader looks for
#: their own language's name).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}


def load_catalog(language: str) -> dict[str, str | dict[str, str]]:
    """The catalog of `language` from :data:`LOCALES_DIR` (empty for English or a missing file)."""
    path = LOCALES_DIR / f"{language}.json"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def catalog(language: str) -> dict[str, str | dict[str, str]]:
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
    found = catalog(language).get(text, text)
    return found if isinstance(found, str) else text


# --------------------------------------------------------------------------------------------------
# Plurals and numbers
# --------------------------------------------------------------------------------------------------

#: The plural categories (CLDR names) each language's catalog entries give, in this order. CLDR also
#: has a French and Spanish "many" for exact millions ("1 000 000 de processus"); no count this
#: dashboard shows comes near a million, so the catalogs give gettext's two forms.
PLURAL_CATEGORIES: dict[str, tuple[str, ...]] = {
    "en": ("one", "other"),
    "fr": ("one", "other"),
    "es": ("one", "other"),
}


def plural_category(n: int, language: str | None = None) -> str:
    """The CLDR plural category of the whole number `n` in `language` (default: the current one).

    English and Spanish say "one" for 1 only; French for 0 and 1 ("0 processus", "1 État", "2 États").

    >>> [plural_category(n, "en") for n in (0, 1, 2)], [plural_category(n, "fr") for n in (0, 1, 2)]
    (['other', 'one', 'other'], ['one', 'one', 'other'])
    """
    language = language or _current.get()
    n = abs(int(n))
    if language == "fr":
        return "one" if n in (0, 1) else "other"
    return "one" if n == 1 else "other"


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted text for `n` in the current language, gettext style: the English
    `singular` and `plural` in the code, one form per plural category in the catalog under the
    singular. Returns the template; format the number into it with :func:`format_number`::

        ngettext("{n} process", "{n} processes", k).format(n=format_number(k))
    """
    language = _current.get()
    category = plural_category(n, language)
    if language == DEFAULT_LANGUAGE:
        return singular if category == "one" else plural
    forms = catalog(language).get(singular)
    if isinstance(forms, dict) and forms.get(category):
        return forms[category]
    return singular if n == 1 else plural


def count_text(singular: str, plural: str, n: int, **values: object) -> str:
    """`ngettext` with the number (as the language writes it) and any other `values` filled in."""
    return ngettext(singular, plural, n).format(n=format_number(n), **values)


#: How each language writes numbers (CLDR): decimal mark, thousands separator, and the fewest
#: digits before the first separator is used (Spanish writes 1234 but 12.345). French groups with
#: a narrow no-break space, so a number never breaks across lines.
NUMBER_SYMBOLS: dict[str, tuple[str, str, int]] = {
    "en": (".", ",", 4),
    "fr": (",", "\u202f", 4),
    "es": (",", ".", 5),
}


def format_number(value: float, decimals: int | None = None, language: str | None = None) -> str:
    """`value` as the language writes it: whole numbers in full with thousands grouped (1,234 ·
    1 234 · 12.345), others to `decimals` places, or by default to 3 significant digits (never
    an exponent, trailing zeros dropped). NaN gives an empty string. Not for years: they are never
    grouped (write ``str(year)``).

    >>> format_number(1234), format_number(1234, language="fr"), format_number(0.4167, language="es")
    ('1,234', '1\u202f234', '0,417')
    >>> format_number(2.0), format_number(0.000403217), format_number(12.5, 2)
    ('2', '0.000403', '12.50')
    """
    language = language or _current.get()
    decimal_mark, group_mark, min_digits = NUMBER_SYMBOLS.get(language, NUMBER_SYMBOLS[DEFAULT_LANGUAGE])
    value = float(value)
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if decimals is None:
        if value == int(value) or abs(value) >= 1000:
            decimals = 0
        else:
            # 3 significant digits: 0.417, 2.13, 12.5, 0.000403
            decimals = max(0, 2 - math.floor(math.log10(abs(value))))
        text = f"{abs(value):.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{abs(value):.{decimals}f}"
    whole, _dot, fraction = text.partition(".")
    if len(whole) >= min_digits:
        groups = []
        while len(whole) > 3:
            whole, last = whole[:-3], whole[-3:]
            groups.insert(0, last)
        whole = group_mark.join([whole, *groups])
    sign = "-" if value < 0 and any(c not in "0.," for c in text) else ""
    return sign + whole + (decimal_mark + fraction if fraction else "")


def plotly_separators(language: str | None = None) -> str:
    """plotly's ``layout.separators`` for the language: its decimal mark, then its thousands mark."""
    decimal_mark, group_mark, _min = NUMBER_SYMBOLS.get(language or _current.get(), NUMBER_SYMBOLS["en"])
    return decimal_mark + group_mark


def N_(text: str) -> str:
    """Mark English text for translation without translating it (for module-level constants)."""
    return text
