"""Colours and the plotly template. Okabe–Ito colours: distinguishable with every common colour-vision
deficiency, and dark enough against white to read on a projector."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#6B6B6B",
}

REGION_COLOURS = {
    "europe_central_asia": OKABE_ITO["blue"],
    "asia_pacific": OKABE_ITO["orange"],
    "americas": OKABE_ITO["green"],
    "africa": OKABE_ITO["vermillion"],
    "interregional": OKABE_ITO["purple"],
    "global": OKABE_ITO["grey"],
}
CONTINENT_COLOURS = {
    "Europe": OKABE_ITO["blue"],
    "Asia": OKABE_ITO["orange"],
    "Americas": OKABE_ITO["green"],
    "Africa": OKABE_ITO["vermillion"],
    "Oceania": OKABE_ITO["sky"],
}
#: Map colours when one process is picked.
MEMBER_COLOUR = OKABE_ITO["blue"]
OBSERVER_COLOUR = OKABE_ITO["orange"]
OTHER_COLOUR = "#E4E4E4"
LAND_COLOUR = "#F3F3F3"
BORDER_COLOUR = "#9A9A9A"
TEXT_COLOUR = "#1F1F1F"
MUTED_TEXT = "#555555"
#: Sequential scale for counts (cividis is built for colour-vision deficiencies).
SEQUENTIAL = "Cividis_r"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

TEMPLATE_NAME = "rcpdash"


def register_template() -> None:
    """Register the plotly template every figure uses (idempotent).

    Layout only, on purpose: a copy of ``plotly_white`` carries defaults for every trace type, and
    plotly deep-copies and validates the template for each figure (~35 ms a figure here).
    """
    if TEMPLATE_NAME in pio.templates:
        return
    axis = {"gridcolor": "#E5E5E5", "linecolor": "#BBBBBB", "zerolinecolor": "#D0D0D0", "automargin": True}
    pio.templates[TEMPLATE_NAME] = go.layout.Template(
        layout={
            "font": {"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 14}, "bgcolor": "white"},
            "colorway": list(OKABE_ITO.values()),
            "title": {"font": {"size": 17}, "x": 0.01, "xanchor": "left"},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": axis,
            "yaxis": axis,
            "hovermode": "closest",
        }
    )
