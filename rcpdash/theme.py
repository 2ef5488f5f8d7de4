"""Colours and the plotly template. Okabe–Ito colours (and Paul Tol's cyan): distinguishable with every
common colour-vision deficiency, no two of one chart in the same hue family; a sequential scale with
no near-white step for counts; darker shades of the same hues for a projector."""

from __future__ import annotations

import math

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

#: Paul Tol's "bright" cyan: Okabe–Ito's sky blue is the same hue family as its blue (15° apart in
#: CIELCh), so the two could not tell Europe from Oceania in one chart.
CYAN = "#66CCEE"

#: The categorical colours: no two in one chart share a hue family. Their CIELCh hues are at least 30°
#: apart (Okabe–Ito orange and vermillion are only 22° apart, both "orange": Asia-Pacific takes the
#: yellow instead), and each is told apart by lightness too, for colour-vision deficiencies.
REGION_COLOURS = {
    "europe_central_asia": OKABE_ITO["blue"],
    "asia_pacific": OKABE_ITO["yellow"],
    "americas": OKABE_ITO["green"],
    "africa": OKABE_ITO["vermillion"],
    "interregional": OKABE_ITO["purple"],
    "global": OKABE_ITO["grey"],
}
CONTINENT_COLOURS = {
    "Europe": OKABE_ITO["blue"],
    "Asia": OKABE_ITO["yellow"],
    "Americas": OKABE_ITO["green"],
    "Africa": OKABE_ITO["vermillion"],
    "Oceania": CYAN,
}
#: Map colours when one process is picked.
MEMBER_COLOUR = OKABE_ITO["blue"]
#: The "then and now" map (issue 17): one hue family per kind of change between two editions.
CHANGE_COLOURS = {
    "joined": OKABE_ITO["green"],
    "left": OKABE_ITO["vermillion"],
    "role_changed": OKABE_ITO["purple"],
    "stayed": OKABE_ITO["blue"],
    # Listed in 2005, not named by a later source that names only some states: no change can be read,
    # so a neutral grey, darker than the land (#F3F3F3) and the borders.
    "not_named": "#7A7A7A",
}
OBSERVER_COLOUR = OKABE_ITO["orange"]
OTHER_COLOUR = "#E4E4E4"
#: Land with no data, and matrix cells off the scale (a process with itself): a light neutral, lighter
#: than and of no hue like the lightest step of the sequential scale.
LAND_COLOUR = "#F3F3F3"
NO_DATA_COLOUR = LAND_COLOUR
BORDER_COLOUR = "#9A9A9A"
TEXT_COLOUR = "#1F1F1F"
MUTED_TEXT = "#555555"
#: The sequential scale for counts and overlaps, light to dark: ColorBrewer YlGnBu without its two
#: near-white steps, so its lightest colour (CIELAB lightness 82, 1.6:1 on white) stands apart from
#: white and from the no-data grey. Lightness falls monotonically, so it reads under every common
#: colour-vision deficiency and in greyscale.
SEQUENTIAL_STEPS = ("#A1DAB4", "#41B6C4", "#1D91C0", "#225EA8", "#0C2C84")
#: The same steps as a continuous plotly colour scale (heatmaps).
SEQUENTIAL = [[i / (len(SEQUENTIAL_STEPS) - 1), colour] for i, colour in enumerate(SEQUENTIAL_STEPS)]
#: The map's classes of membership counts: (lowest, highest), None for no upper end. One step of
#: :data:`SEQUENTIAL_STEPS` each, so 1, 2–3, 4–6, 7–10 and 11+ are told apart at a glance.
COUNT_BINS: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 3), (4, 6), (7, 10), (11, None))
#: The outline of every filled mark (bars, squares, dots, map shapes with data). Okabe–Ito orange, sky
#: blue and yellow and Tol's cyan fall under WCAG's 3:1 for graphics against white and purple barely
#: makes it; a 3:1 outline satisfies WCAG 1.4.11 instead, where darkening the fills would merge hue
#: families. It also outlines the map's lightest step against the grey of land with no data.
MARK_OUTLINE = "#333333"
#: Lines cannot carry an outline: the growth chart draws each region's line in its region's hue at
#: 3:1 or more against white (yellow darkened to olive) and with its own dash, so no two lines rely
#: on hue alone.
LINE_STYLES = {
    "europe_central_asia": (OKABE_ITO["blue"], "solid"),
    "asia_pacific": ("#938C04", "dash"),
    "americas": (OKABE_ITO["green"], "dot"),
    "africa": (OKABE_ITO["vermillion"], "longdash"),
    "interregional": (OKABE_ITO["purple"], "dashdot"),
    "global": (OKABE_ITO["grey"], "longdashdot"),
}
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
            # Colours a bare line can take (3:1 on white); yellow is 1.3:1, orange and sky 2.3:1.
            "colorway": [colour for colour, _dash in LINE_STYLES.values()],
            "title": {"font": {"size": 17}, "x": 0.01, "xanchor": "left"},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": axis,
            "yaxis": axis,
            "hovermode": "closest",
        }
    )


# --------------------------------------------------------------------------------------------------
# Presenter mode: the same figures for a projector
# --------------------------------------------------------------------------------------------------

#: Presenter mode swaps each colour for a darker one of the same hue (CIELCh hue within 10°, so a
#: colour means the same on the projector as on the laptop) that reaches at least 4.5:1 against white
#: (WCAG AA for text; marks need 3:1), which survives a washed-out projector.
HIGH_CONTRAST = {
    OKABE_ITO["blue"]: "#005A9C",
    OKABE_ITO["orange"]: "#986803",
    OKABE_ITO["green"]: "#00704F",
    OKABE_ITO["vermillion"]: "#BA5203",
    OKABE_ITO["purple"]: "#9E2A73",
    OKABE_ITO["sky"]: "#0A6C95",
    OKABE_ITO["yellow"]: "#797402",
    OKABE_ITO["grey"]: "#4D4D4D",
    CYAN: "#007C98",
    LINE_STYLES["asia_pacific"][0]: "#797402",
    TEXT_COLOUR: "#000000",
    MUTED_TEXT: "#000000",
    "#333333": "#000000",
    "#888888": "#4D4D4D",
    BORDER_COLOUR: "#4D4D4D",
}
_HIGH_CONTRAST_LOWER = {k.lower(): v for k, v in HIGH_CONTRAST.items()}
PRESENT_FONT_SCALE = 1.5
PRESENT_ANNOTATION_SCALE = 1.15
PRESENT_HEIGHT_SCALE = 1.25
PRESENT_LINE_SCALE = 2.0
PRESENT_MARKER_SCALE = 1.4
PRESENT_TEMPLATE_NAME = "rcpdash_present"


def contrast_ratio(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` or ``#RGB`` colours (1 to 21).

    >>> round(contrast_ratio("#000000"), 1), round(contrast_ratio("#767676"), 2), round(contrast_ratio("#777"), 2)
    (21.0, 4.54, 4.48)
    """

    def luminance(hex_colour: str) -> float:
        digits = hex_colour.lstrip("#")
        digits = "".join(d * 2 for d in digits) if len(digits) == 3 else digits
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lch(colour: str) -> tuple[float, float, float]:
    """CIELCh (D65) of a ``#RRGGBB`` colour: lightness 0–100, chroma, hue angle in degrees. Hue tells
    colour families apart (blue ≈ 266°, yellow ≈ 100°); chroma under ~10 is a grey, with no hue.

    >>> [round(v) for v in lch("#0072B2")], round(lch("#6B6B6B")[1])
    ([46, 41, 266], 0)
    """
    digits = colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
    a_star, b_star = 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
    return 116 * f(y) - 16, math.hypot(a_star, b_star), math.degrees(math.atan2(b_star, a_star)) % 360


def register_present_template() -> dict:
    """The presenter template's layout (registered once): large type, black text, darker grid."""
    if PRESENT_TEMPLATE_NAME not in pio.templates:
        axis = {
            "gridcolor": "#B0B0B0",
            "linecolor": "#000000",
            "zerolinecolor": "#808080",
            "automargin": True,
            "tickfont": {"size": 20},
        }
        pio.templates[PRESENT_TEMPLATE_NAME] = go.layout.Template(
            layout={
                "font": {"family": FONT_FAMILY, "size": 22, "color": "#000000"},
                "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
                "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 20}, "bgcolor": "white"},
                "colorway": [HIGH_CONTRAST[colour] for colour, _dash in LINE_STYLES.values()],
                "title": {"font": {"size": 22}, "x": 0.01, "xanchor": "left"},  # long titles must fit
                "legend": {"font": {"size": 20}},
                "paper_bgcolor": "white",
                "plot_bgcolor": "white",
                "xaxis": axis,
                "yaxis": axis,
                "hovermode": "closest",
            }
        )
    return pio.templates[PRESENT_TEMPLATE_NAME].to_plotly_json()


def presenter_figure(figure) -> dict:
    """`figure` (a ``go.Figure`` or its dict) for a projector: the presenter template, explicit font
    sizes ×1.5, line widths ×2, marker sizes ×1.4, a quarter more height, a vertical legend moved
    below the plot, and the :data:`HIGH_CONTRAST` colours."""
    data = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    layout = {k: v for k, v in data.get("layout", {}).items() if k != "template"}
    layout = _emphasise(layout)
    legend = layout.get("legend") or {}
    if legend.get("orientation") == "v":
        # A tall legend in large type would cover the plot: it goes in one row below it instead.
        layout["legend"] = {
            **legend,
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.02,
            "yanchor": "top",
        }
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * PRESENT_HEIGHT_SCALE)  # room for the larger type
    layout["template"] = register_present_template()
    return {**data, "data": [_emphasise(trace) for trace in data.get("data", [])], "layout": layout}


def _scale(value, factor: float):
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return round(value * factor, 2)
    if isinstance(value, list | tuple):
        return [_scale(v, factor) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays of sizes
        return [_scale(v, factor) for v in value.tolist()]
    return value


def _emphasise(value, key: str = "", font_scale: float = PRESENT_FONT_SCALE):
    """One node of a figure's JSON, emphasised for presenter mode (a new object; the input is kept)."""
    if key == "annotations":
        # Subplot titles sit side by side in a fixed width: they grow less, or they run into each other.
        font_scale = PRESENT_ANNOTATION_SCALE
    if isinstance(value, dict):
        out = {k: _emphasise(v, k, font_scale) for k, v in value.items()}
        if key.endswith("font") and "size" in out:
            out["size"] = _scale(out["size"], font_scale)
        if key == "line" and "width" in out:
            out["width"] = _scale(out["width"], PRESENT_LINE_SCALE)
        if key == "marker" and "size" in out:
            out["size"] = _scale(out["size"], PRESENT_MARKER_SCALE)
        return out
    if isinstance(value, str):
        return _HIGH_CONTRAST_LOWER.get(value.lower(), value)
    if isinstance(value, list | tuple):
        return [_emphasise(v, "", font_scale) for v in value]
    return value
