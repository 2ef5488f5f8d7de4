"""One renderer per view: a :class:`ViewState` in, Dash components out.

Renderers are plain functions (tests call them with plain values), one module per view. The frames
they show come from :func:`tables.table_frame`, which the CSV download uses too, so a download is
exactly what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import html

from ... import i18n
from ...theme import presenter_figure
from ...urlstate import ViewState
from ..layout import VIEW_LABELS
from .centrality import render_centrality
from .common import data_table, theme_cells
from .map_view import render_map
from .network_view import render_network
from .overlaps import render_overlaps
from .process import render_process
from .regions import render_regions
from .state import render_state
from .tables import table_frame
from .themes import render_themes
from .timeline import render_timeline
from .whatif_panel import render_whatif

RENDERERS: dict[str, Callable[[ViewState], list]] = {
    "map": render_map,
    "overlaps": render_overlaps,
    "centrality": render_centrality,
    "network": render_network,
    "regions": render_regions,
    "timeline": render_timeline,
    "themes": render_themes,
    "state": render_state,
    "process": render_process,
}


#: Views whose content starts with their own <h2> (the profile's name).
TITLED_VIEWS = ("state", "process")


def render(vs: ViewState) -> list:
    """The content of the view `vs` asks for, in its language (with figures made for a projector in
    presenter mode), under a heading screen readers jump to (the page's <h1> is the app's name; every
    view's headings sit below an <h2> with its name)."""
    with i18n.using(vs.lang):
        content = RENDERERS[vs.view](vs)
        if vs.view not in TITLED_VIEWS:
            content = [html.H2(i18n._(VIEW_LABELS[vs.view]), className="visually-hidden"), *content]
    return for_presenter(content) if vs.present else content


def for_presenter(component):
    """Every figure inside `component` (a component or a list of them) redrawn by
    :func:`rcpdash.theme.presenter_figure`; changes the components in place and returns them."""
    if isinstance(component, list | tuple):
        for child in component:
            for_presenter(child)
        return component
    figure = getattr(component, "figure", None)
    if figure is not None:
        component.figure = presenter_figure(figure)
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        for_presenter(children)
    return component


__all__ = [
    "RENDERERS",
    "data_table",
    "for_presenter",
    "render",
    "render_whatif",
    "table_frame",
    "theme_cells",
]
