"""Figure builders: plain functions from frames to ``go.Figure`` (plotly only, never dash).

``plotly.graph_objects`` throughout: ``plotly.express`` builds a choropleth ~10x slower.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .config import REGION_LABELS
from .i18n import N_, _, count_text, format_number, plotly_separators
from .names import state_name
from .network import PROCESS, STATE, Node
from .placement import Label, Tier, place_labels, text_width
from .queries import short_label
from .theme import (
    BORDER_COLOUR,
    CHANGE_COLOURS,
    CONTINENT_COLOURS,
    COUNT_BINS,
    LAND_COLOUR,
    LINE_STYLES,
    MARK_OUTLINE,
    MEMBER_COLOUR,
    MUTED_TEXT,
    NO_DATA_COLOUR,
    OBSERVER_COLOUR,
    OKABE_ITO,
    PRESENT_FONT_SCALE,
    PRESENT_HEIGHT_SCALE,
    PRESENT_MARKER_SCALE,
    REGION_COLOURS,
    SEQUENTIAL,
    SEQUENTIAL_STEPS,
    TEMPLATE_NAME,
    register_template,
)

METRIC_LABELS = {
    "degree": N_("Degree (distinct partners)"),
    "weighted_degree": N_("Weighted degree (partner meetings)"),
    "betweenness": N_("Betweenness (brokerage)"),
    "eigenvector": N_("Eigenvector (well-connected partners)"),
    "closeness": N_("Closeness (reach)"),
    "bipartite_degree": N_("Bipartite degree"),
    "bipartite_betweenness": N_("Bipartite betweenness"),
    "bipartite_closeness": N_("Bipartite closeness"),
}
MEASURE_LABELS = {
    "shared": N_("Shared members"),
    "jaccard": N_("Jaccard index"),
    "overlap": N_("Overlap coefficient"),
}


class _Draft:
    """Collects traces and layout as plain dicts and validates them once, in :meth:`figure`.

    Building through ``go.Figure.add_trace``/``update_layout`` validates every call: ~15 ms for the
    growth chart here, against ~3 ms for one ``go.Figure(dict)``. Offers the few methods we use.
    """

    def __init__(self, **layout: object) -> None:
        self.data: list[dict] = []
        self.layout: dict = {"template": TEMPLATE_NAME}
        self.update_layout(**layout)

    def add_trace(self, trace: dict) -> None:
        self.data.append(trace)

    def add_traces(self, traces: list[dict]) -> None:
        self.data.extend(traces)

    def update_layout(self, **changes: object) -> None:
        _merge(self.layout, changes)

    def _update_axes(self, letter: str, changes: dict) -> None:
        keys = [k for k in self.layout if re.fullmatch(f"{letter}axis\\d*", k)] or [f"{letter}axis"]
        for key in keys:
            _merge(self.layout.setdefault(key, {}), changes)

    def update_xaxes(self, **changes: object) -> None:
        self._update_axes("x", changes)

    def update_yaxes(self, **changes: object) -> None:
        self._update_axes("y", changes)

    def add_annotation(self, **annotation: object) -> None:
        self.layout.setdefault("annotations", []).append(annotation)

    def figure(self) -> go.Figure:
        register_template()
        # Numbers plotly formats (axes, hovers) use the interface language's decimal and thousands marks.
        layout = {"separators": plotly_separators(), **self.layout}
        # Every figure leaves through here: the one place its texts (names, quotes, titles) are made
        # literal for plotly.
        return go.Figure({"data": plotly_literal(self.data), "layout": plotly_literal(layout)})


#: The only markup the figure builders write themselves: line breaks, bold and italics in hovers and
#: labels, and the hover's <extra> box. Any other tag in a figure's text came from data.
_OWN_TAGS = re.compile(r"(<br>|</?b>|</?i>|</?extra>)")


def plotly_text(text: str) -> str:
    """`text` as plotly should show it, character for character.

    plotly.js reads a subset of HTML in every text it draws (titles, tick labels, hovers, legends,
    node labels): ``<a href>`` makes a live link, ``<span style>`` restyles, ``&lt;`` becomes ``<``.
    So ``&``, ``<`` and ``>`` become entities, except in the tags the builders write (:data:`_OWN_TAGS`).
    A name that itself contains one of those few tags shows it as formatting, never as a link.

    >>> plotly_text('<a href="https://example.org">Italy</a>')
    '&lt;a href="https://example.org"&gt;Italy&lt;/a&gt;'
    >>> plotly_text("<b>Kenya</b><br>R&D")
    '<b>Kenya</b><br>R&amp;D'
    """
    if "<" not in text and ">" not in text and "&" not in text:
        return text
    pieces = _OWN_TAGS.split(text)  # odd positions: our tags
    return "".join(piece if i % 2 else html.escape(piece, quote=False) for i, piece in enumerate(pieces))


_literal_cells = np.frompyfunc(lambda v: plotly_text(v) if isinstance(v, str) else v, 1, 1)
_SPECIAL = re.compile(r"[<>&]")
_CONTAINERS = (str, Mapping, list, tuple, np.ndarray, pd.Series, pd.Index)


def _unchanged(items: list | tuple) -> bool:
    """Whether :func:`plotly_literal` would leave every item as it is: only numbers and None, or only
    strings without ``<``, ``>`` or ``&`` (one join and one search: figures hold long arrays)."""
    try:
        return not _SPECIAL.search("\x1f".join(items))
    except TypeError:  # not all strings
        return not any(isinstance(item, _CONTAINERS) for item in items)


def plotly_literal(value: object) -> object:
    """`value` (a figure's data or layout, as dicts, lists, arrays and series) with every string
    passed through :func:`plotly_text`; numbers, and arrays with nothing to escape, as they are."""
    if isinstance(value, str):
        return plotly_text(value)
    if isinstance(value, Mapping):
        return {key: plotly_literal(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return value if _unchanged(value) else [plotly_literal(item) for item in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biufcmM" or _unchanged(value.ravel().tolist()):
            return value
        return _literal_cells(value)
    if isinstance(value, pd.Series | pd.Index):
        if pd.api.types.is_numeric_dtype(value):
            return value
        items = value.tolist()
        return value if _unchanged(items) else [plotly_literal(item) for item in items]
    return value


def _merge(target: dict, changes: Mapping) -> None:
    for key, value in changes.items():
        if key == "title" and isinstance(value, str):
            value = {"text": value}  # as plotly does, so later title settings merge with it
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = dict(value) if isinstance(value, Mapping) else value


def _trace(kind: str, **attributes: object) -> dict:
    """A trace as a dict; ``marker_color``-style shortcuts become nested keys, as in plotly."""
    trace: dict = {"type": kind}
    for key, value in attributes.items():
        if key.startswith(("marker_", "line_")) and key not in ("line_shape",):
            parts = key.split("_")
            node = trace
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = value
        else:
            trace[key] = value
    return trace


def _figure(**layout: object) -> _Draft:
    return _Draft(**layout)


def empty_figure(message: str, height: int = 360) -> go.Figure:
    """A figure with no axes and a centred message, for filters that leave nothing to draw."""
    fig = _figure(height=height)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=message,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 17, "color": MUTED_TEXT},
    )
    return fig.figure()


# --------------------------------------------------------------------------------------------------
# Maps
# --------------------------------------------------------------------------------------------------

GEO_LAYOUT = {
    "projection": {"type": "natural earth"},
    "showcountries": True,
    "countrycolor": BORDER_COLOUR,
    "countrywidth": 0.5,
    "showland": True,
    "landcolor": LAND_COLOUR,
    "showcoastlines": False,
    "showframe": False,
    "showocean": False,
    "lataxis": {"range": [-58, 84]},
    # plotly.js 4 zooms to the data by default; a world view is what people expect.
    "fitbounds": False,
    "resolution": 110,
    "bgcolor": "rgba(0,0,0,0)",
}


def _shape_and_dot_traces(
    part: pd.DataFrame,
    shaped: frozenset[str],
    customdata: np.ndarray,
    hover: str,
    colour: dict,
    name: str,
    dot_name: str,
    **common: object,
) -> list[dict]:
    """A choropleth for the states with a shape at this resolution and dots for the others, in
    the same colour. `colour` is either ``{"coloraxis": ...}`` (values in ``part["value"]``) or
    ``{"color": "#..."}``; `common` goes to both traces (legend group and the like)."""
    has_shape = part["iso3"].isin(shaped).to_numpy()
    traces = []
    if has_shape.any():
        fill = (
            {"z": part["value"][has_shape], "coloraxis": colour["coloraxis"]}
            if "coloraxis" in colour
            else {"z": [1] * int(has_shape.sum()), "colorscale": [[0, colour["color"]], [1, colour["color"]]],
                  "showscale": False}
        )  # fmt: skip
        traces.append(
            _trace(
                "choropleth",
                locations=part["iso3"][has_shape],
                customdata=customdata[has_shape],
                marker_line_color=MARK_OUTLINE,
                marker_line_width=0.5,
                hovertemplate=hover,
                name=name,
                **fill,
                **common,
            )
        )
    if (~has_shape).any():
        dots = part[~has_shape]
        marker = {"size": 9, "line": {"color": MARK_OUTLINE, "width": 1}}
        if "coloraxis" in colour:
            marker.update(color=dots["value"], coloraxis=colour["coloraxis"])
        else:
            marker["color"] = colour["color"]
        traces.append(
            _trace(
                "scattergeo",
                lat=dots["lat"],
                lon=dots["lon"],
                customdata=customdata[~has_shape],
                mode="markers",
                marker=marker,
                hovertemplate=hover.replace("%{z}", "%{marker.color}"),
                name=dot_name,
                **{**common, "showlegend": common.get("showlegend", False) and not has_shape.any()},
            )
        )
    return traces


def count_bin(count: int) -> int:
    """The index in :data:`~rcpdash.theme.COUNT_BINS` of a count of 1 or more (0 for less).

    >>> [count_bin(n) for n in (1, 2, 3, 4, 6, 7, 10, 11, 40)]
    [0, 1, 1, 2, 2, 3, 3, 4, 4]
    """
    for index, (_low, high) in enumerate(COUNT_BINS):
        if high is None or count <= high:
            return index
    return len(COUNT_BINS) - 1  # pragma: no cover (the last bin has no upper end)


def count_bin_label(index: int) -> str:
    """A count class as the legend shows it: "1", "2–3", "11+" (numbers in the language's form; short,
    so five fit side by side under a map on a phone)."""
    low, high = COUNT_BINS[index]
    if high is None:
        return f"{format_number(low)}+"
    if low == high:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"


def binned_colour_axis(title: str) -> dict:
    """A colour axis of one flat colour per :data:`COUNT_BINS` class, its legend labelled by class.

    The values it colours are class indices (:func:`count_bin`); each class spans one step of the
    colour bar, so the legend reads as five swatches rather than a gradient."""
    steps = len(COUNT_BINS)
    scale = []
    for index, colour in enumerate(SEQUENTIAL_STEPS[:steps]):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    return {
        "colorscale": scale,
        "cmin": -0.5,
        "cmax": steps - 0.5,
        "colorbar": {
            "tickvals": list(range(steps)),
            "ticktext": [count_bin_label(i) for i in range(steps)],
            "ticks": "",
            "tickangle": 0,
            # Below the map, across it: the map keeps the full width (on a phone a legend at the side
            # took half of it), and five labelled swatches read left to right, light to dark.
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": 0,
            "yanchor": "top",
            "len": 0.6,
            "thickness": 12,
            "title": {"text": title, "side": "top"},
            "outlinecolor": MARK_OUTLINE,
            "outlinewidth": 1,
        },
    }


def world_map(
    frame: pd.DataFrame,
    shaped: frozenset[str],
    title: str,
    value_label: str | None = None,
    height: int | None = 560,
    highlight: tuple[str, float, float] | None = None,
) -> go.Figure:
    """Choropleth of ``value`` (a count of 1 or more) per state (columns ``iso3, name, lat, lon,
    value, processes``), in the classes of :data:`~rcpdash.theme.COUNT_BINS`, one colour each.

    States with no shape at the map's resolution (small islands, historical states) are drawn as
    markers in the same colours, so no member vanishes. `highlight` ``(name, lat, lon)`` puts a
    star on one state (the subject of a profile). ``height=None`` lets the figure fill its container
    (the page sizes the main map to the screen, so it fills a projector as well as a laptop).
    """
    frame = frame[frame["value"] >= 1] if not frame.empty else frame
    if frame.empty:
        return empty_figure(_("No state matches these filters."), height or 560)
    value_label = value_label or _("Processes")
    fig = _figure(title=title, **({"height": height} if height else {}))
    hover = (
        "<b>%{customdata[1]}</b><br>"
        + _label_value(value_label, "%{customdata[3]}")
        + "<br>%{customdata[2]}%{customdata[4]}<extra></extra>"
    )
    # Memberships only another source than the report gives, named with their source (a hover has
    # room for the publisher; the tables give the title and the URL).
    elsewhere = frame["from_sources"] if "from_sources" in frame.columns else pd.Series("", index=frame.index)
    elsewhere = elsewhere.map(
        lambda text: (
            "<br><i>" + _wrap(_("From other sources than the report: {list}").format(list=text)) + "</i>"
            if text
            else ""
        )
    )
    custom = np.stack(
        [
            frame["iso3"],
            frame["name"],
            frame["processes"].map(_wrap),
            frame["value"].map(format_number),
            elsewhere,
        ],
        axis=-1,
    )
    binned = frame.assign(value=frame["value"].map(count_bin))
    fig.add_traces(
        _shape_and_dot_traces(
            binned,
            shaped,
            custom,
            hover,
            {"coloraxis": "coloraxis"},
            _("states"),
            _("small states"),
            showlegend=False,
        )
    )
    if highlight is not None:
        name, lat, lon = highlight
        fig.add_trace(
            _trace(
                "scattergeo",
                lat=[lat],
                lon=[lon],
                mode="markers",
                marker={
                    "size": 16,
                    "symbol": "star",
                    "color": "#000000",
                    "line": {"color": "white", "width": 1},
                },
                name=name,
                # The name as data, not inside the template: "%{...}" in a name would be read as a field.
                text=[name],
                hovertemplate="<b>%{text}</b><extra></extra>",
                showlegend=False,
            )
        )
    fig.update_layout(
        geo=GEO_LAYOUT,
        coloraxis=binned_colour_axis(value_label),
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
    )
    return fig.figure()


def _label_value(label: str, value: str) -> str:
    """'Label: value' as the language writes it (French puts a space before the colon)."""
    return _("{label}: {value}").format(label=label, value=value)


def _wrap(text: str, width: int = 60) -> str:
    """Break a long comma-separated list into hover lines."""
    lines, line = [], ""
    for part in text.split(", "):
        candidate = f"{line}, {part}" if line else part
        if len(candidate) > width and line:
            lines.append(line + ",")
            line = part
        else:
            line = candidate
    lines.append(line)
    return "<br>".join(lines)


def process_map(
    frame: pd.DataFrame, shaped: frozenset[str], title: str, height: int | None = 560
) -> go.Figure:
    """Members and observers of one process in two distinct colours (columns ``iso3, name, lat,
    lon, status, roles``); everything else stays neutral."""
    if frame.empty:
        return empty_figure(_("This process has no listed states under these filters."), height or 560)
    fig = _figure(title=title, **({"height": height} if height else {}))
    for status, colour, label in (
        ("member", MEMBER_COLOUR, _("Members")),
        ("observer", OBSERVER_COLOUR, _("Observers")),
    ):
        part = frame[frame["status"] == status]
        if part.empty:
            continue
        source = part["from_source"] if "from_source" in part.columns else pd.Series("", index=part.index)
        source = source.map(lambda text: "<br>" + _("from {source}").format(source=text) if text else "")
        custom = np.stack([part["iso3"], part["name"], part["roles"], source], axis=-1)
        hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}%{customdata[3]}<extra></extra>"
        fig.add_traces(
            _shape_and_dot_traces(
                part, shaped, custom, hover, {"color": colour}, label, _("{label} (small states)").format(label=label),
                legendgroup=status, showlegend=True,
            )
        )  # fmt: skip
    fig.update_layout(
        geo=GEO_LAYOUT,
        legend={"orientation": "h", "y": -0.02, "x": 0.5, "xanchor": "center"},
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
    )
    return fig.figure()


#: How the change map's legend names each kind of change (rcpdash.queries.CHANGES).
CHANGE_LABELS = {
    "joined": N_("Newly listed"),
    "left": N_("No longer listed"),
    "role_changed": N_("Changed role"),
    "stayed": N_("Listed in both"),
    "not_named": N_("Not named by a partial later list"),
}


def change_map(
    frame: pd.DataFrame, shaped: frozenset[str], title: str, height: int | None = 560
) -> go.Figure:
    """States coloured by what changed between two editions (columns ``iso3, name, lat, lon, change,
    detail``: ``change`` one of :data:`rcpdash.queries.CHANGES`, ``detail`` the hover's second line)."""
    if frame.empty:
        return empty_figure(_("No state is listed in either edition under these filters."), height or 560)
    fig = _figure(title=title, **({"height": height} if height else {}))
    for change, colour in CHANGE_COLOURS.items():
        part = frame[frame["change"] == change]
        if part.empty:
            continue
        label = _(CHANGE_LABELS[change])
        custom = np.stack([part["iso3"], part["name"], part["detail"]], axis=-1)
        hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
        fig.add_traces(
            _shape_and_dot_traces(
                part, shaped, custom, hover, {"color": colour}, label, _("{label} (small states)").format(label=label),
                legendgroup=change, showlegend=True,
            )
        )  # fmt: skip
    fig.update_layout(
        geo={**GEO_LAYOUT, "fitbounds": "locations"},
        legend={"orientation": "h", "y": -0.02, "x": 0.5, "xanchor": "center"},
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
    )
    return fig.figure()


# --------------------------------------------------------------------------------------------------
# Matrices
# --------------------------------------------------------------------------------------------------


def matrix_heatmap(
    matrix: pd.DataFrame,
    labels: Mapping[str, str],
    title: str,
    value_label: str,
    height: int = 640,
) -> go.Figure:
    """A square heatmap of `matrix` (rows and columns in the order given), ids on the axes shown
    through `labels`. Clicking a cell reports the two ids as ``x`` and ``y``."""
    if matrix.empty:
        return empty_figure(_("Nothing to compare under these filters."), height)
    ids = list(matrix.index)
    names = [labels.get(i, i) for i in ids]
    values = matrix.to_numpy(dtype=float)
    text = np.vectorize(lambda v: "" if np.isnan(v) else format_number(v, 0 if v == int(v) else 2))(values)
    # The diagonal (a process with itself: its size, or 1) is not a comparison: it would set the top
    # of the scale and wash out every real pair. It is drawn off the scale, in the no-data neutral.
    diagonal = np.eye(len(ids), dtype=bool)
    pairs = np.where(diagonal, np.nan, values)
    off_diagonal = pairs[~np.isnan(pairs)]
    zmax = float(off_diagonal.max()) if off_diagonal.size and off_diagonal.max() > 0 else 1.0
    customdata = np.array([[(names[j], names[i]) for j in range(len(ids))] for i in range(len(ids))])
    fig = _figure(height=height, title=title)
    fig.add_trace(
        _trace(
            "heatmap",
            z=pairs,
            x=ids,
            y=ids,
            customdata=customdata,
            text=text,
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=zmax,
            hoverongaps=False,
            hovertemplate="<b>%{customdata[1]}</b> × <b>%{customdata[0]}</b><br>"
            + _label_value(value_label, "%{text}")
            + "<extra></extra>",
            colorbar={"title": {"text": value_label}, "thickness": 14},
            xgap=1,
            ygap=1,
        )
    )
    fig.add_trace(
        _trace(
            "heatmap",
            z=np.where(diagonal, 0.0, np.nan),
            x=ids,
            y=ids,
            customdata=customdata,
            text=text,
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
            showscale=False,
            hoverongaps=False,
            hovertemplate="<b>%{customdata[1]}</b><br>"
            + _label_value(_("With itself"), "%{text}")
            + "<extra></extra>",
            name=_("With itself"),
            xgap=1,
            ygap=1,
        )
    )
    tick_font = {"size": 12 if len(ids) <= 20 else 11 if len(ids) <= 40 else 9}
    fig.update_xaxes(tickvals=ids, ticktext=names, tickangle=-60, tickfont=tick_font, showgrid=False)
    fig.update_yaxes(tickvals=ids, ticktext=names, autorange="reversed", tickfont=tick_font, showgrid=False)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig.figure()


# --------------------------------------------------------------------------------------------------
# Centrality
# --------------------------------------------------------------------------------------------------


def centrality_bars(table: pd.DataFrame, metric: str, side: str, title: str, height: int = 560) -> go.Figure:
    """Horizontal bars of `metric` for the rows of `table` (``id, name, group`` and metric columns),
    coloured by group (continent for states, report region for processes), highest on top."""
    if table.empty:
        return empty_figure(_("No state or process matches these filters."), height)
    colours = CONTINENT_COLOURS if side == STATE else REGION_COLOURS
    fig = _figure(height=height, title=title)
    order = list(table["name"])
    for group in dict.fromkeys(table["group"]):
        part = table[table["group"] == group]
        fig.add_trace(
            _trace(
                "bar",
                x=part[metric],
                y=part["name"],
                orientation="h",
                marker_color=colours.get(group, "#888888"),
                marker_line_color=MARK_OUTLINE,
                marker_line_width=1,
                name=_(REGION_LABELS.get(group, group)),
                customdata=part["id"],
                # The value as the language writes it, 3 significant digits (whole numbers in full).
                text=[format_number(v) for v in part[metric]],
                textposition="none",
                hovertemplate="<b>%{y}</b><br>"
                + _label_value(_(METRIC_LABELS.get(metric, metric)), "%{text}")
                + "<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title=None)
    fig.update_xaxes(title=_(METRIC_LABELS.get(metric, metric)), rangemode="tozero")
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"l": 10, "r": 20, "t": 80, "b": 40},
    )
    return fig.figure()


# --------------------------------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------------------------------


def _node_name(node: Node, data: Mapping) -> str:
    """A node's name as shown: a state's in the interface language, a process's official one."""
    return state_name(node[1], data["name"]) if node[0] == STATE else data["name"]


def node_key(node: Node) -> str:
    """The string a figure carries for a node (``"state:KEN"``, ``"process:midsa"``)."""
    return f"{node[0]}:{node[1]}"


def parse_node_key(key: object) -> Node | None:
    """Back from :func:`node_key`; None for anything else."""
    if not isinstance(key, str) or ":" not in key:
        return None
    kind, _colon, ident = key.partition(":")
    return (kind, ident) if kind in (STATE, PROCESS) and ident else None


def _segments(edges: list[tuple[Node, Node]], positions: Mapping[Node, tuple[float, float]]) -> tuple:
    """x and y arrays for line segments, NaN-separated (one trace draws them all)."""
    xy = np.full((len(edges) * 3, 2), np.nan)
    if edges:
        xy[0::3] = [positions[u] for u, _ in edges]
        xy[1::3] = [positions[v] for _, v in edges]
    return xy[:, 0], xy[:, 1]


def _legend_entry(label: str, colour: str, symbol: str = "circle") -> dict:
    """A legend-only trace (no point drawn): a marker of `colour` and `symbol` named `label`."""
    marker = {"size": 10, "color": colour, "symbol": symbol, "line": {"color": "#000000", "width": 1}}
    return _trace("scatter", x=[None], y=[None], mode="markers", marker=marker, name=label, hoverinfo="skip")


def _edge_shape(
    edges: list[tuple[Node, Node]], positions: Mapping[Node, tuple[float, float]], line: dict
) -> dict:
    """One SVG path drawing every edge, as a layout shape below the nodes. A lines trace with gaps
    draws one <path> per segment: 900 memberships made 900 elements, a third of the timeline page."""
    path = "".join(
        f"M{positions[u][0]:.4f},{positions[u][1]:.4f}L{positions[v][0]:.4f},{positions[v][1]:.4f}"
        for u, v in edges
    )
    return {"type": "path", "path": path, "line": line, "layer": "below", "xref": "x", "yref": "y"}


#: The CSS breakpoints (``assets/style.css``, "network labels") at which more labels show: labels
#: are placed for the narrowest plot each breakpoint allows (see :mod:`rcpdash.placement`).
LABEL_BREAKPOINTS = (0, 700, 1000, 1360, 1900)
_NARROWEST_SCREEN = 360  # px: a small phone
_PAGE_GUTTER = (
    48 + 17
)  # px a figure loses to the page's padding (presenter mode's, the larger) and a scrollbar
_TWO_COLUMNS_FROM = 1120  # px: .two-columns puts two 520 px columns side by side from about here
_NETWORK_MARGIN = {"l": 8, "r": 8, "t": 40, "b": 8}


def plot_widths(columns: int = 1) -> list[tuple[int, float]]:
    """(breakpoint, narrowest plot width in px there) for a network drawn across the page
    (`columns` = 1) or in one of the two columns of a profile (`columns` = 2)."""

    def width(viewport: float) -> float:
        inner = viewport - _PAGE_GUTTER
        if columns == 2 and viewport >= _TWO_COLUMNS_FROM:
            inner = (inner - 16) / 2  # the grid's gap
        return inner - _NETWORK_MARGIN["l"] - _NETWORK_MARGIN["r"]

    widths = []
    for i, breakpoint in enumerate(LABEL_BREAKPOINTS):
        low = max(breakpoint, _NARROWEST_SCREEN)
        high = LABEL_BREAKPOINTS[i + 1] if i + 1 < len(LABEL_BREAKPOINTS) else 10_000
        # The narrowest plot from this breakpoint up (two columns are narrower than one just wider).
        edges = [low, _TWO_COLUMNS_FROM] if columns == 2 and low < _TWO_COLUMNS_FROM else [low]
        widths.append((breakpoint, min(width(v) for v in edges if v >= low and (v < high or v == low))))
    # A breakpoint above has at least the room of one below it (a narrower column further up counts).
    return [(b, min(w for _b, w in widths[i:])) for i, (b, _w) in enumerate(widths)]


#: The colours of the largest communities (Okabe–Ito, without yellow, too light for a marker on
#: white); smaller ones are grey.
COMMUNITY_COLOURS = tuple(OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky"))
_SMALL_COMMUNITY = "#BBBBBB"


def _community_colour(number: int | None) -> str:
    return COMMUNITY_COLOURS[number - 1] if number and number <= len(COMMUNITY_COLOURS) else _SMALL_COMMUNITY


#: Labels tried per figure: beyond the best-connected few hundred none finds room, and each try costs.
MAX_LABEL_CANDIDATES = 150


def _legend_height(names: list[str], width: float, font: float) -> float:
    """About how tall plotly's horizontal legend of `names` is at `width` px: one row if every entry
    fits, else a grid of columns as wide as the widest entry (as plotly.js lays it out)."""
    entries = [40 + text_width(name, font) for name in names]  # the symbol, its gap and the text
    if sum(entries) <= width:
        rows = 1
    else:
        columns = max(1, int(width // (max(entries) + 6)))
        rows = -(-len(entries) // columns)
    return rows * (1.5 * font + 1) + 8


def network_figure(
    G: nx.Graph,
    positions: Mapping[Node, tuple[float, float]],
    title: str,
    selected: Node | None = None,
    height: int = 680,
    widths: list[tuple[int, float]] | None = None,
    presenter: bool = False,
    fade: bool = True,
    communities: Mapping[Node, int] | None = None,
    label_limit: int = MAX_LABEL_CANDIDATES,
) -> go.Figure:
    """The bipartite graph: states as circles coloured by continent, processes as squares coloured by
    report region; with `selected`, that node is outlined and always labelled, its neighbours stay
    bright and the rest fade (with `fade` False, as in an ego network, nothing fades).

    The drawing fills the plot (fixed axis ranges around the nodes drawn, no fixed aspect ratio) and
    the legend sits in rows below it. Labels are sized by how connected a node is and placed without
    collisions by :func:`rcpdash.placement.place_labels` for each screen width in `widths` (default:
    :func:`plot_widths`); each width's labels are one trace, shown from that breakpoint up by CSS.
    `presenter`: place them for the sizes :func:`rcpdash.theme.presenter_figure` will give.
    `communities` (node → number, 1 the largest): colour by community instead, the
    :data:`COMMUNITY_COLOURS` largest in their own colour and the rest grey. A graph of processes
    only (their projection) says in its hover how many processes each is linked to. `label_limit`:
    how many of the most important nodes try for a label (each label adds three elements to the page).

    One trace for the edges and one per node set keep the figure quick to build and to draw; the
    legend comes from empty traces, one per colour.
    """
    if G.number_of_nodes() == 0:
        return empty_figure(_("No membership matches these filters."), height)
    widths = widths or plot_widths()
    near = ({selected, *G[selected]} if selected in G else set()) if selected is not None and fade else None
    font_scale = PRESENT_FONT_SCALE if presenter else 1.0
    marker_scale = PRESENT_MARKER_SCALE if presenter else 1.0
    fig = _figure(height=height, title=title)
    edges = list(G.edges())

    def lines(pairs: list[tuple[Node, Node]], line: dict, **attributes: object) -> dict:
        xs, ys = _segments(pairs, positions)
        return _trace("scatter", x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", **attributes)

    faint = "rgba(120,120,120,0.12)" if near else "rgba(120,120,120,0.35)"
    shapes = [_edge_shape(edges, positions, {"width": 0.6, "color": faint})] if edges else []
    if near:
        shapes.append(
            _edge_shape([e for e in edges if selected in e], positions, {"width": 1.6, "color": "#222222"})
        )
    fig.update_layout(shapes=shapes)
    links = [(a, b) for a, b, *_rest in G.graph.get("process_links", ()) if a in positions and b in positions]
    legend_names: list[str] = []
    if links:
        legend_names.append(_("Process links (cooperation the report describes)"))
        fig.add_trace(
            lines(
                links,
                {"width": 1.8, "color": "rgba(204,121,167,0.85)", "dash": "dot"},
                name=legend_names[-1],
            )
        )
    max_degree = max((d for _node, d in G.degree()), default=1) or 1
    nodes = sorted(G)
    sizes = {}
    for side, key, palette, symbol, base in (
        (STATE, "continent", CONTINENT_COLOURS, "circle", 7),
        (PROCESS, "region", REGION_COLOURS, "square", 11),
    ):
        members = [n for n in nodes if n[0] == side]
        if not members:
            continue
        data = [G.nodes[n] for n in members]
        degrees = np.array([G.degree(n) for n in members], dtype=float)
        xy = np.array([positions[n] for n in members], dtype=float)
        names = [_node_name(n, d) for n, d in zip(members, data, strict=True)]
        marker_size = base + 14 * np.sqrt(degrees / max_degree)
        if selected in members:
            marker_size[members.index(selected)] += 6
        sizes.update(zip(members, marker_size, strict=True))
        if side == STATE:
            count = lambda k: count_text("{n} process", "{n} processes", k)  # noqa: E731
        elif any(n[0] == STATE for n in G):
            count = lambda k: count_text("{n} state", "{n} states", k)  # noqa: E731
        else:
            count = lambda k: count_text("Linked to {n} process", "Linked to {n} processes", k)  # noqa: E731
        if communities is not None:
            colours = [_community_colour(communities.get(n)) for n in members]
        else:
            colours = [palette.get(d[key], "#888888") for d in data]
        fig.add_trace(
            _trace(
                "scatter",
                x=xy[:, 0],
                y=xy[:, 1],
                mode="markers",
                marker={
                    "size": marker_size,
                    "color": colours,
                    "symbol": symbol,
                    "opacity": np.array([1.0 if near is None or n in near else 0.18 for n in members]),
                    "line": {"width": [3.5 if n == selected else 1 for n in members], "color": "#000000"},
                },
                customdata=[node_key(n) for n in members],
                hovertext=[
                    f"<b>{name}</b><br>{count(int(k))}" for name, k in zip(names, degrees, strict=True)
                ],
                hoverinfo="text",
                name=_("States") if side == STATE else _("Processes"),
                showlegend=False,
                cliponaxis=False,
            )
        )
        present = sorted({d[key] for d in data}) if communities is None else []
        for group in present:
            label = (
                _("{region} (process)").format(region=_(REGION_LABELS.get(group, group)))
                if side == PROCESS
                else _("{continent} (state)").format(continent=_(group))
            )
            legend_names.append(label)
            fig.add_trace(_legend_entry(label, palette.get(group, "#888888"), symbol))
    if communities is not None:
        for number in sorted(set(communities.values()))[: len(COMMUNITY_COLOURS) + 1]:
            label = (
                _("Community {n}").format(n=number)
                if number <= len(COMMUNITY_COLOURS)
                else _("Smaller communities")
            )
            legend_names.append(label)
            fig.add_trace(_legend_entry(label, _community_colour(number)))
    # The axes span the nodes drawn, with room for the largest marker on the narrowest screen.
    ordered = [n for n in nodes if n in sizes]
    xy = np.array([positions[n] for n in ordered], dtype=float)
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    pad_px = float(max(sizes.values())) * marker_scale / 2 + 4
    total = _NETWORK_MARGIN["t"] + _NETWORK_MARGIN["b"]
    plot_height = round(height * (PRESENT_HEIGHT_SCALE if presenter else 1.0)) - total
    narrowest = min(w for _b, w in widths)
    pad = span * np.array(
        [pad_px / max(narrowest - 2 * pad_px, 1), pad_px / max(plot_height - 2 * pad_px, 1)]
    )
    lower, upper = low - pad, high + pad
    fractions = (xy - lower) / (upper - lower)
    legend_font = 20 if presenter else 14  # the two templates' legend fonts
    tiers = [
        Tier(breakpoint, width, plot_height - _legend_height(legend_names, width, legend_font))
        for breakpoint, width in widths
    ]
    fig.add_traces(
        _label_traces(
            G, ordered, xy, fractions, sizes, tiers, selected, near, font_scale, marker_scale, label_limit
        )
    )
    fig.update_xaxes(visible=False, range=[lower[0], upper[0]], autorange=False)
    fig.update_yaxes(visible=False, range=[lower[1], upper[1]], autorange=False)
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.01, "yanchor": "top"},
        hovermode="closest",
        margin=_NETWORK_MARGIN,
        dragmode="pan",
    )
    return fig.figure()


def _label_traces(
    G: nx.Graph,
    nodes: list[Node],
    xy: np.ndarray,
    fractions: np.ndarray,
    sizes: Mapping[Node, float],
    tiers: list[Tier],
    selected: Node | None,
    near: set[Node] | None,
    font_scale: float,
    marker_scale: float,
    label_limit: int,
) -> list[dict]:
    """The node labels, placed without collisions: one text trace per tier (see `network_figure`).

    Importance is a node's degree against the best-connected node of its kind; processes come before
    states of the same importance (they are what the report is about). With a selection, only it and
    its neighbours are labelled, the selected node first and in bold."""
    index = {n: i for i, n in enumerate(nodes)}
    best = {
        side: max((G.degree(n) for n in nodes if n[0] == side), default=1) or 1 for side in (STATE, PROCESS)
    }

    def importance(node: Node) -> float:
        return float(np.sqrt(G.degree(node) / best[node[0]])) * (1.0 if node[0] == PROCESS else 0.8)

    candidates = [n for n in nodes if near is None or n in near]
    candidates.sort(key=lambda n: (n != selected, -importance(n), n))
    labels = []
    for node in candidates[:label_limit]:
        data = G.nodes[node]
        name = data.get("acronym") or data["name"] if node[0] == PROCESS else _node_name(node, data)
        bold = node == selected
        size = 15.0 if bold else 10.0 + 4.0 * importance(node)
        labels.append(
            Label(
                index[node],
                short_label(name, 24 if node[0] == PROCESS else 18),
                size * font_scale,
                bold,
                bold,
            )
        )
    marker_px = np.array([sizes[n] for n in nodes]) * marker_scale
    obstacles = np.array([near is None or n in near for n in nodes])
    placed = place_labels(fractions, marker_px, labels, tiers, obstacles)
    traces = []
    for k, tier in enumerate(tiers):
        here = [p for p in placed if p.tier == k]
        if not here:
            continue
        members = [nodes[p.label.node] for p in here]
        traces.append(
            _trace(
                "scatter",
                x=[xy[p.label.node, 0] for p in here],
                y=[xy[p.label.node, 1] for p in here],
                mode="markers+text",
                # Invisible markers of the nodes' sizes: plotly sets a text off its marker's edge.
                marker={"size": [sizes[n] for n in members], "opacity": 0},
                text=[f"<b>{p.label.text}</b>" if p.label.bold else p.label.text for p in here],
                textposition=[p.position for p in here],
                textfont={"size": [round(p.label.size / font_scale, 2) for p in here], "color": "#333333"},
                hoverinfo="skip",
                showlegend=False,
                cliponaxis=False,
                uid=f"network-labels-from-{tier.min_viewport}",
            )
        )
    return traces


# --------------------------------------------------------------------------------------------------
# Regions and time
# --------------------------------------------------------------------------------------------------

REGION_MEASURES = {
    "processes": N_("Processes"),
    "states": N_("States taking part"),
    "density": N_("Density (seats filled)"),
    "mean_memberships": N_("Memberships per state (mean)"),
    "median_memberships": N_("Memberships per state (median)"),
    "mean_jaccard": N_("Overlap between its processes (mean Jaccard)"),
    "outside_share": N_("Share of states also in other regions' processes"),
    "links_across": N_("Links to other regions' processes"),
}


def _grid(
    rows: int, cols: int, titles: list[str], hspace: float = 0.06, vspace: float = 0.2
) -> tuple[dict, list]:
    """Layout axes for a grid of small panels, built by hand (``make_subplots`` costs ~30 ms a
    figure here). Returns the layout entries and each panel's (xaxis, yaxis) trace references."""
    layout: dict = {"annotations": []}
    refs = []
    width = (1 - hspace * (cols - 1)) / cols
    height = (1 - vspace * (rows - 1)) / rows
    for i, title in enumerate(titles):
        r, c = divmod(i, cols)
        n = "" if i == 0 else str(i + 1)
        x0 = c * (width + hspace)
        y1 = 1 - r * (height + vspace)
        layout[f"xaxis{n}"] = {"domain": [x0, x0 + width], "anchor": f"y{n}"}
        layout[f"yaxis{n}"] = {"domain": [y1 - height, y1], "anchor": f"x{n}", "rangemode": "tozero"}
        layout["annotations"].append(
            {
                "text": title,
                "x": x0 + width / 2,
                "y": y1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
        refs.append((f"x{n}", f"y{n}"))
    return layout, refs


def region_multiples(table: pd.DataFrame, title: str, height: int = 620) -> go.Figure:
    """Small multiples: one bar chart per measure, one bar per region, same colours throughout."""
    if table.empty:
        return empty_figure(_("No region has processes under these filters."), height)
    measures = list(REGION_MEASURES)
    grid, refs = _grid(2, 4, [_(REGION_MEASURES[m]) for m in measures], vspace=0.24)
    labels = [_(REGION_LABELS.get(r, r)) for r in table["region"]]
    colours = [REGION_COLOURS.get(r, "#888888") for r in table["region"]]
    ratio = ("density", "mean_jaccard", "outside_share")
    traces = []
    for measure, (xref, yref) in zip(measures, refs, strict=True):
        values = table[measure].astype(float)
        traces.append(
            _trace(
                "bar",
                x=labels,
                y=values,
                xaxis=xref,
                yaxis=yref,
                marker_color=colours,
                marker_line_color=MARK_OUTLINE,
                marker_line_width=1,
                text=[format_number(v, 2 if measure in ratio else None) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=_label_value("%{x}", "%{text}")
                + "<extra>"
                + _(REGION_MEASURES[measure])
                + "</extra>",
                showlegend=False,
            )
        )
    # One legend for all panels.
    traces += [
        _trace("bar", x=[None], y=[None], marker_color=colour, marker_line_color=MARK_OUTLINE, name=label)
        for label, colour in zip(labels, colours, strict=True)
    ]
    fig = _figure(title=title, height=height, **grid)
    fig.add_traces(traces)
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.05, "x": 0.5, "xanchor": "center"},
        margin={"l": 40, "r": 20, "t": 90, "b": 40},
    )
    return fig.figure()


def growth_chart(frame: pd.DataFrame, year: int | None, title: str, height: int = 380) -> go.Figure:
    """Processes and memberships standing each year, one line per report region, two panels; a
    vertical line marks `year`."""
    if frame.empty:
        return empty_figure(_("No dated process under these filters."), height)
    grid, refs = _grid(1, 2, [_("Processes"), _("Memberships")], hspace=0.08)

    def hovers(measure: str, counts: pd.Series) -> list[str]:
        # One text per point: the count decides the plural, which a plotly template cannot.
        if measure == "processes":
            return [count_text("{n} process", "{n} processes", int(k)) for k in counts]
        return [count_text("{n} membership", "{n} memberships", int(k)) for k in counts]

    traces = []
    for region in dict.fromkeys(frame["region"]):
        part = frame[frame["region"] == region]
        label = _(REGION_LABELS.get(region, region))
        for (xref, yref), measure in zip(refs, ("processes", "memberships"), strict=True):
            traces.append(
                _trace(
                    "scatter",
                    x=part["year"],
                    y=part[measure],
                    xaxis=xref,
                    yaxis=yref,
                    mode="lines",
                    line={
                        "color": LINE_STYLES.get(region, ("#888888",))[0],
                        "dash": LINE_STYLES.get(region, ("", "solid"))[1],
                        "width": 2.5,
                        "shape": "hv",
                    },
                    name=label,
                    legendgroup=region,
                    showlegend=measure == "processes",
                    hovertext=hovers(measure, part[measure]),
                    hovertemplate=_label_value("%{x}", "%{hovertext}") + "<extra>" + label + "</extra>",
                )
            )
    if year is not None:
        grid["shapes"] = [
            {
                "type": "line",
                "x0": year,
                "x1": year,
                "xref": xref,
                "y0": 0,
                "y1": 1,
                "yref": f"{yref} domain",
                "line": {"color": "#000000", "dash": "dot", "width": 1.5},
            }
            for xref, yref in refs
        ]
    fig = _figure(title=title, height=height, **grid)
    fig.add_traces(traces)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.15, "x": 0.5, "xanchor": "center"},
        margin={"l": 40, "r": 20, "t": 70, "b": 40},
    )
    return fig.figure()


def theme_matrix(cells: pd.DataFrame, themes: Mapping[str, str], title: str) -> go.Figure:
    """Processes (rows, grouped by report region) × policy themes (columns): a square where the
    report ties the theme to the process, coloured by region, the quote on hover.

    `cells` has ``process_id, process, region, theme, evidence``; `themes` maps id → label (column order).
    """
    if cells.empty:
        return empty_figure(_("No process is tied to a policy theme under these filters."))
    order = (
        cells.groupby(["process_id", "process", "region"])
        .size()
        .reset_index(name="n")
        .assign(rank=lambda f: f.region.map({r: i for i, r in enumerate(REGION_COLOURS)}))
        .sort_values(["rank", "n", "process"], ascending=[True, False, True])
    )
    columns = [t for t in themes if t in set(cells.theme)]
    height = int(min(2400, max(420, 18 * len(order) + 220)))
    fig = _figure(title=title, height=height)
    row_of = {p: i for i, p in enumerate(order.process_id)}
    for region in dict.fromkeys(order.region):
        part = cells[cells.region == region]
        fig.add_trace(
            _trace(
                "scatter",
                x=[_(themes[t]) for t in part.theme],
                y=part.process_id,
                mode="markers",
                marker={
                    "symbol": "square",
                    "size": 13,
                    "color": REGION_COLOURS.get(region, "#888888"),
                    "line": {"color": MARK_OUTLINE, "width": 1},
                },
                name=_(REGION_LABELS.get(region, region)),
                customdata=np.stack(
                    [part.process, part.evidence.map(lambda q: _wrap(short_label(q, 180), 70))], axis=-1
                ),
                hovertemplate="<b>%{customdata[0]}</b> · %{x}<br>“%{customdata[1]}”<extra></extra>",
            )
        )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=[_(themes[t]) for t in columns],
        side="top",
        tickangle=-35,
        showgrid=True,
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(order.process_id),
        tickvals=list(order.process_id),
        ticktext=[short_label(p, 34) for p in order.process],
        autorange="reversed",
        showgrid=True,
        range=[len(row_of) - 0.5, -0.5],
    )
    fig.update_layout(
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        margin={"l": 10, "r": 10, "t": 190, "b": 40},
        title={"text": title, "y": 0.995, "yanchor": "top", "yref": "container"},
    )
    return fig.figure()


# --------------------------------------------------------------------------------------------------
# Compare: an UpSet chart of exclusive intersections
# --------------------------------------------------------------------------------------------------

#: The most bars an UpSet chart draws (the largest; the table beside it has every combination).
MAX_UPSET_BARS = 40
#: Room for at least this many bars: two bars alone would each be a third of the page wide.
MIN_UPSET_SLOTS = 6
_UPSET_BAR = "#3B3B3B"
_UPSET_PICKED = OKABE_ITO["vermillion"]
_UPSET_EMPTY_DOT = "#D4D4D4"
_UPSET_ROW_PX = 28
_UPSET_BARS_PX = 250
_UPSET_GAP_PX = 24


def _two_lines(text: str) -> str:
    """`text` broken at the space nearest its middle (a plotly <br>)."""
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "<br>" + text[cut + 1 :]


def combination_key(combination: tuple[str, ...]) -> str:
    """A combination of process ids as a click carries it (and a link writes it): ``ecowas~uemoa``."""
    return "~".join(combination)


def upset_chart(
    intersections: pd.DataFrame,
    sizes: Mapping[str, int],
    labels: Mapping[str, str],
    title: str,
    picked: tuple[str, ...] = (),
) -> go.Figure:
    """An UpSet chart (Lex et al., 2014): the exclusive intersections of a few sets as bars, largest
    first, with the dot matrix below naming the sets each bar combines and each set's size beside
    its row.

    `intersections`: rows of :func:`rcpdash.compare.exclusive_intersections` (``combination, degree,
    size, members``), drawn in their order (at most :data:`MAX_UPSET_BARS`); `sizes`: each set's size,
    in row order (top first); `labels`: the sets' names; `picked`: the combination drawn highlighted.
    A click on a bar or a dot reports the combination as ``customdata[0]`` (:func:`combination_key`).
    """
    keys = list(sizes)
    if intersections.empty or not keys:
        return empty_figure(_("No state belongs to any of these processes under these filters."))
    shown = intersections.head(MAX_UPSET_BARS)
    n, k = len(shown), len(keys)
    names = [labels.get(key, key) for key in keys]
    combos = [tuple(c) for c in shown["combination"]]
    combo_keys = [combination_key(c) for c in combos]
    combo_names = [" + ".join(labels.get(p, p) for p in c) for c in combos]
    counts = [int(v) for v in shown["size"]]
    count_words = [count_text("{n} state", "{n} states", v) for v in counts]
    customdata = [
        [key, name, words] for key, name, words in zip(combo_keys, combo_names, count_words, strict=True)
    ]
    hover = "<b>%{customdata[1]}</b><br>" + _("only these: {count}").format(count="%{customdata[2]}")
    fig = _figure(title=title)
    fig.add_trace(
        _trace(
            "bar",
            x=list(range(n)),
            y=counts,
            customdata=customdata,
            text=[format_number(v) for v in counts],
            textposition="outside",
            cliponaxis=False,
            marker_color=[_UPSET_PICKED if c == picked else _UPSET_BAR for c in combos],
            hovertemplate=hover + "<extra></extra>",
            name=_("States in exactly these processes"),
            xaxis="x",
            yaxis="y",
        )
    )
    # The dot matrix: a dot per bar and set, dark where the bar's combination holds the set, joined
    # by a line from its first to its last set (one trace each: a few hundred points stay cheap).
    row_of = {key: i for i, key in enumerate(keys)}
    xs, ys, colours, dot_data = [], [], [], []
    line_x: list = []
    line_y: list = []
    for i, combo in enumerate(combos):
        held = {row_of[p] for p in combo if p in row_of}
        for row in range(k):
            xs.append(i)
            ys.append(row)
            colours.append(
                (_UPSET_PICKED if combo == picked else _UPSET_BAR) if row in held else _UPSET_EMPTY_DOT
            )
            dot_data.append(customdata[i])
        if len(held) > 1:
            line_x += [i, i, None]
            line_y += [min(held), max(held), None]
    fig.add_trace(
        _trace(
            "scatter",
            x=line_x,
            y=line_y,
            mode="lines",
            line_color=_UPSET_BAR,
            line_width=3,
            hoverinfo="skip",
            showlegend=False,
            xaxis="x",
            yaxis="y2",
        )
    )
    fig.add_trace(
        _trace(
            "scatter",
            x=xs,
            y=ys,
            mode="markers",
            marker_color=colours,
            marker_size=13 if n <= 25 else 10,
            customdata=dot_data,
            hovertemplate=hover + "<extra></extra>",
            showlegend=False,
            xaxis="x",
            yaxis="y2",
        )
    )
    set_counts = [int(sizes[key]) for key in keys]
    fig.add_trace(
        _trace(
            "bar",
            x=set_counts,
            y=list(range(k)),
            orientation="h",
            marker_color=MUTED_TEXT,
            text=[format_number(v) for v in set_counts],
            textposition="outside",
            cliponaxis=False,
            # No combination first: a click on a set's own bar picks nothing.
            customdata=[
                ["", name, count_text("{n} state", "{n} states", v)]
                for name, v in zip(names, set_counts, strict=True)
            ],
            hovertemplate="<b>%{customdata[1]}</b><br>"
            + _("in all: {count}").format(count="%{customdata[2]}")
            + "<extra></extra>",
            showlegend=False,
            xaxis="x2",
            yaxis="y2",
        )
    )
    matrix_px = _UPSET_ROW_PX * k
    plot_px = _UPSET_BARS_PX + _UPSET_GAP_PX + matrix_px
    split = matrix_px / plot_px
    margin = {"l": 10, "r": 10, "t": 80 if "<br>" in title else 60, "b": 40}
    fig.update_layout(
        height=plot_px + margin["t"] + margin["b"],
        margin=margin,
        showlegend=False,
        bargap=0.25,
        hovermode="closest",
        xaxis={
            "domain": [0, 0.8],
            "range": [-0.6, max(n, MIN_UPSET_SLOTS) - 0.4],
            "visible": False,
            "anchor": "y2",
            "fixedrange": True,
        },
        yaxis={
            "domain": [(matrix_px + _UPSET_GAP_PX) / plot_px, 1],
            # On two lines: one would be taller than the bars in presenter mode's larger type.
            "title": {"text": _two_lines(_("States in exactly these processes"))},
            "rangemode": "tozero",
            "anchor": "x",
            "fixedrange": True,
            "automargin": True,
        },
        yaxis2={
            "domain": [0, split],
            "range": [k - 0.5, -0.5],
            "tickvals": list(range(k)),
            "ticktext": names,
            "showgrid": False,
            "zeroline": False,
            "anchor": "x",
            "fixedrange": True,
            "automargin": True,
        },
        xaxis2={
            "domain": [0.84, 1],
            "anchor": "y2",
            "rangemode": "tozero",
            "range": [0, max([*set_counts, 1]) * 1.35],
            "showticklabels": False,
            "showgrid": False,
            "zeroline": True,
            "title": {"text": _("States in it"), "standoff": 4},
            "fixedrange": True,
        },
    )
    return fig.figure()
