"""Shell text that follows the page's language.

The shell (header, filter bar, presenter controls, footer) is built once per page load, in English,
and never rebuilt: rebuilding would reset the controls. ``text(N_("…"))`` gives a span whose id
carries its English text, and ``callbacks.translate_shell`` re-translates every such span (and the
props listed in ``layout.TRANSLATED_PROPS``) whenever the language changes.
"""

from __future__ import annotations

from dash import html

from ..i18n import _
from . import ids


def text(english: str, element=html.Span, **attributes) -> html.Span:
    """`english` (mark it with N_) in the page's language, re-translated when the language changes."""
    return element(_(english), id=ids.ui_text(english), **attributes)


def dropdown_labels() -> dict[str, str]:
    """The words dcc.Dropdown shows itself (search box, 'no options found'), in the current language."""
    return {
        "select_all": _("Select all"),
        "deselect_all": _("Deselect all"),
        "selected_count": _("{num_selected} selected"),
        "search": _("Search"),
        "clear_search": _("Clear search"),
        "clear_selection": _("Clear selection"),
        "no_options_found": _("No options found"),
    }
