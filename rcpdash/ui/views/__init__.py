"""One renderer per view: a :class:`ViewState` in, Dash components out.

Renderers are plain functions (tests call them with plain values), one module per view. The frames
they show come from :func:`tables.table_frame`, which the CSV download uses too, so a download is
exactly what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from ...urlstate import ViewState
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


def render(vs: ViewState) -> list:
    """The content of the view `vs` asks for."""
    return RENDERERS[vs.view](vs)


__all__ = ["RENDERERS", "data_table", "render", "render_whatif", "table_frame", "theme_cells"]
