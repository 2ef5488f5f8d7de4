"""The views: one module each, declared once (``VIEW`` at its end, see :mod:`.registry`).

Everything that depends on the list of views is derived here from :data:`REGISTRY`: the header's
links and labels, which view options each view shows, the tables the CSV download can send (the same
frame functions the views show, so a download is exactly what is on screen) and what a click on each
figure selects. Renderers are plain functions: a :class:`ViewState` in, Dash components out.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from ... import datasets, i18n, urlstate
from ...theme import presenter_figure
from ...urlstate import ViewState
from .. import ids
from . import centrality, compare, map_view, network_view, overlaps, process, regions, state, themes, timeline
from .common import active_filters, data_table, theme_cells
from .registry import TableFrame, View
from .whatif_panel import render_whatif as _render_whatif

#: Every view, in the order of the header's links. A new view: its module, and one entry here.
REGISTRY: dict[str, View] = {
    view.name: view
    for view in (
        map_view.VIEW,
        overlaps.VIEW,
        centrality.VIEW,
        network_view.VIEW,
        regions.VIEW,
        timeline.VIEW,
        themes.VIEW,
        compare.VIEW,
        state.VIEW,
        process.VIEW,
    )
}
if tuple(REGISTRY) != urlstate.VIEWS:  # the links' vocabulary and the views must be the same list
    raise RuntimeError(f"views {tuple(REGISTRY)} differ from rcpdash.urlstate.VIEWS {urlstate.VIEWS}")

VIEWS: tuple[str, ...] = tuple(REGISTRY)
VIEW_LABELS: dict[str, str] = {name: view.label for name, view in REGISTRY.items()}
#: The view options' wrappers (in ids.VIEW_OPTION_CONTROLS order) → the views that show them.
OPTION_WRAPPERS: dict[str, tuple[str, ...]] = {
    control: tuple(name for name, view in REGISTRY.items() if control in view.options)
    for control in ids.VIEW_OPTION_CONTROLS
}


def _merged(kind: str) -> dict:
    """Every view's `kind` mapping in one (a name two views share must mean the same thing)."""
    merged: dict = {}
    for view in REGISTRY.values():
        for key, value in getattr(view, kind).items():
            if merged.setdefault(key, value) is not value:
                raise RuntimeError(f"{kind} {key!r} is declared differently by two views")
    return merged


#: Every table a CSV button can name, and every figure a click can pick from.
TABLES: Mapping[str, TableFrame] = _merged("tables")
PICKS = _merged("picks")


def render(vs: ViewState) -> list:
    """The content of the view `vs` asks for, in its language (with figures made for a projector in
    presenter mode), under a heading screen readers jump to (the page's <h1> is the app's name; every
    view's headings sit below an <h2> with its name)."""
    view = REGISTRY[vs.view]
    with i18n.using(vs.lang), datasets.sources_in_use(vs.sources):
        content = view.render(vs)
        if not view.titled:
            content = [html.H2(i18n._(view.label), className="visually-hidden"), *content]
    return for_presenter(content) if vs.present else content


def table_frame(vs: ViewState, table: str) -> pd.DataFrame | None:
    """The frame behind the table named `table` under `vs` (None: no such table, or none here)."""
    frame = TABLES.get(table)
    if frame is None:
        return None
    with datasets.sources_in_use(vs.sources):
        return frame(vs)


def render_whatif(vs: ViewState) -> list:
    """The what-if panel of the profile `vs` shows, counting the memberships `vs.sources` names."""
    with datasets.sources_in_use(vs.sources):
        return _render_whatif(vs)


def apply_pick(vs: ViewState, figure: str, click: dict | None) -> ViewState:
    """What a click on the figure named `figure` selects. Unknown or empty clicks change nothing."""
    pick = PICKS.get(figure)
    points = click.get("points") if isinstance(click, dict) else None
    if pick is None or not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return vs
    with datasets.sources_in_use(vs.sources):
        return pick(vs, points[0])


#: The tallest a figure is drawn in presenter mode (px).
PRESENT_MAX_FIGURE_HEIGHT = 680


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
        layout = component.figure["layout"]
        if isinstance(layout.get("height"), int | float):
            # Below a tour's title, caption and buttons on a 1080-pixel screen.
            layout["height"] = min(layout["height"], PRESENT_MAX_FIGURE_HEIGHT)
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        for_presenter(children)
    return component


__all__ = [
    "OPTION_WRAPPERS",
    "REGISTRY",
    "TABLES",
    "VIEWS",
    "VIEW_LABELS",
    "active_filters",
    "apply_pick",
    "data_table",
    "for_presenter",
    "render",
    "render_whatif",
    "table_frame",
    "theme_cells",
]
