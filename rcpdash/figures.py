"""Figure builders: plain functions from frames to ``go.Figure`` (plotly only, never dash).

``plotly.graph_objects`` throughout: ``plotly.express`` builds a choropleth ~10x slower.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .config import REGION_LABELS
from .network import PROCESS, STATE, Node
from .queries import short_label
from .theme import (
    BORDER_COLOUR,
    CONTINENT_COLOURS,
    LAND_COLOUR,
    MEMBER_COLOUR,
    MUTED_TEXT,
    OBSERVER_COLOUR,
    REGION_COLOURS,
    SEQUENTIAL,
    TEMPLATE_NAME,
    register_template,
)

METRIC_LABELS = {
    "degree": "Degree (distinct partners)",
    "weighted_degree": "Weighted degree (partner meetings)",
    "betweenness": "Betweenness (brokerage)",
    "eigenvector": "Eigenvector (well-connected partners)",
    "closeness": "Closeness (reach)",
    "bipartite_degree": "Bipartite degree",
    "bipartite_betweenness": "Bipartite betweenness",
    "bipartite_closeness": "Bipartite closeness",
}
MEASURE_LABELS = {"shared": "Shared members", "jaccard": "Jaccard index", "overlap": "Overlap coefficient"}


def _figure(**layout: object) -> go.Figure:
    register_template()
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE_NAME, **layout)
    return fig


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
    return fig


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


def _split_by_shape(frame: pd.DataFrame, shaped: frozenset[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    has_shape = frame["iso3"].isin(shaped)
    return frame[has_shape], frame[~has_shape]


def world_map(
    frame: pd.DataFrame,
    shaped: frozenset[str],
    title: str,
    value_label: str = "Processes",
    height: int = 560,
    highlight: tuple[str, float, float] | None = None,
) -> go.Figure:
    """Choropleth of ``value`` per state (columns ``iso3, name, lat, lon, value, processes``).

    States with no shape at the map's resolution (small islands, historical states) are drawn as
    markers in the same colour scale, so no member vanishes. `highlight` ``(name, lat, lon)`` puts a
    star on one state (the subject of a profile).
    """
    if frame.empty:
        return empty_figure("No state matches these filters.", height)
    fig = _figure(height=height, title=title)
    shapes, points = _split_by_shape(frame, shaped)
    zmax = max(int(frame["value"].max()), 1)
    hover = "<b>%{customdata[1]}</b><br>" + value_label + ": %{z}<br>%{customdata[2]}<extra></extra>"

    def custom(part: pd.DataFrame) -> np.ndarray:
        return np.stack([part["iso3"], part["name"], part["processes"].map(_wrap)], axis=-1)

    if len(shapes):
        fig.add_trace(
            go.Choropleth(
                locations=shapes["iso3"],
                z=shapes["value"],
                customdata=custom(shapes),
                coloraxis="coloraxis",
                marker_line_color="white",
                marker_line_width=0.4,
                hovertemplate=hover,
                name="states",
            )
        )
    if len(points):
        fig.add_trace(
            go.Scattergeo(
                lat=points["lat"],
                lon=points["lon"],
                customdata=custom(points),
                marker={
                    "size": 9,
                    "color": points["value"],
                    "coloraxis": "coloraxis",
                    "line": {"color": "white", "width": 1},
                },
                mode="markers",
                hovertemplate=hover.replace("%{z}", "%{marker.color}"),
                name="small states",
                showlegend=False,
            )
        )
    if highlight is not None:
        name, lat, lon = highlight
        fig.add_trace(
            go.Scattergeo(
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
                hovertemplate=f"<b>{name}</b><extra></extra>",
                showlegend=False,
            )
        )
    fig.update_layout(
        geo=GEO_LAYOUT,
        coloraxis={
            "colorscale": SEQUENTIAL,
            "cmin": 0,
            "cmax": zmax,
            "colorbar": {"title": {"text": value_label}, "thickness": 14, "len": 0.6},
        },
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
    )
    return fig


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


def process_map(frame: pd.DataFrame, shaped: frozenset[str], title: str, height: int = 560) -> go.Figure:
    """Members and observers of one process in two distinct colours (columns ``iso3, name, lat,
    lon, status, roles``); everything else stays neutral."""
    if frame.empty:
        return empty_figure("This process has no listed states under these filters.", height)
    fig = _figure(height=height, title=title)
    for status, colour, label in (
        ("member", MEMBER_COLOUR, "Members"),
        ("observer", OBSERVER_COLOUR, "Observers"),
    ):
        part = frame[frame["status"] == status]
        if part.empty:
            continue
        shapes, points = _split_by_shape(part, shaped)
        custom = np.stack([part["iso3"], part["name"], part["roles"]], axis=-1)
        hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
        if len(shapes):
            fig.add_trace(
                go.Choropleth(
                    locations=shapes["iso3"],
                    z=[1] * len(shapes),
                    customdata=custom[part["iso3"].isin(shaped).to_numpy()],
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    marker_line_color="white",
                    marker_line_width=0.4,
                    hovertemplate=hover,
                    name=label,
                    legendgroup=status,
                    showlegend=True,
                )
            )
        if len(points):
            fig.add_trace(
                go.Scattergeo(
                    lat=points["lat"],
                    lon=points["lon"],
                    customdata=custom[~part["iso3"].isin(shaped).to_numpy()],
                    mode="markers",
                    marker={"size": 9, "color": colour, "line": {"color": "white", "width": 1}},
                    hovertemplate=hover,
                    name=f"{label} (small states)",
                    legendgroup=status,
                    showlegend=not len(shapes),
                )
            )
    fig.update_layout(
        geo=GEO_LAYOUT,
        legend={"orientation": "h", "y": -0.02, "x": 0.5, "xanchor": "center"},
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
    )
    return fig


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
        return empty_figure("Nothing to compare under these filters.", height)
    ids = list(matrix.index)
    names = [labels.get(i, i) for i in ids]
    values = matrix.to_numpy(dtype=float)
    text = np.vectorize(lambda v: "" if np.isnan(v) else (f"{v:.0f}" if v == int(v) else f"{v:.2f}"))(values)
    fig = _figure(height=height, title=title)
    fig.add_trace(
        go.Heatmap(
            z=values,
            x=ids,
            y=ids,
            customdata=np.array([[(names[j], names[i]) for j in range(len(ids))] for i in range(len(ids))]),
            text=text,
            colorscale=SEQUENTIAL,
            zmin=0,
            hovertemplate="<b>%{customdata[1]}</b> × <b>%{customdata[0]}</b><br>"
            + value_label
            + ": %{text}<extra></extra>",
            colorbar={"title": {"text": value_label}, "thickness": 14},
            xgap=1,
            ygap=1,
        )
    )
    tick_font = {"size": 11 if len(ids) <= 40 else 9}
    fig.update_xaxes(tickvals=ids, ticktext=names, tickangle=-60, tickfont=tick_font, showgrid=False)
    fig.update_yaxes(tickvals=ids, ticktext=names, autorange="reversed", tickfont=tick_font, showgrid=False)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


# --------------------------------------------------------------------------------------------------
# Centrality
# --------------------------------------------------------------------------------------------------


def centrality_bars(table: pd.DataFrame, metric: str, side: str, title: str, height: int = 560) -> go.Figure:
    """Horizontal bars of `metric` for the rows of `table` (``id, name, group`` and metric columns),
    coloured by group (continent for states, report region for processes), highest on top."""
    if table.empty:
        return empty_figure("No state or process matches these filters.", height)
    colours = CONTINENT_COLOURS if side == STATE else REGION_COLOURS
    fig = _figure(height=height, title=title)
    order = list(table["name"])
    for group in dict.fromkeys(table["group"]):
        part = table[table["group"] == group]
        fig.add_trace(
            go.Bar(
                x=part[metric],
                y=part["name"],
                orientation="h",
                marker_color=colours.get(group, "#888888"),
                name=REGION_LABELS.get(group, group),
                customdata=part["id"],
                hovertemplate="<b>%{y}</b><br>"
                + METRIC_LABELS.get(metric, metric)
                + ": %{x:.4~g}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title=None)
    fig.update_xaxes(title=METRIC_LABELS.get(metric, metric), rangemode="tozero")
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"l": 10, "r": 20, "t": 80, "b": 40},
    )
    return fig


# --------------------------------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------------------------------


def node_key(node: Node) -> str:
    """The string a figure carries for a node (``"state:KEN"``, ``"process:midsa"``)."""
    return f"{node[0]}:{node[1]}"


def parse_node_key(key: object) -> Node | None:
    """Back from :func:`node_key`; None for anything else."""
    if not isinstance(key, str) or ":" not in key:
        return None
    kind, _, ident = key.partition(":")
    return (kind, ident) if kind in (STATE, PROCESS) and ident else None


def network_figure(
    G: nx.Graph,
    positions: Mapping[Node, tuple[float, float]],
    title: str,
    selected: Node | None = None,
    height: int = 680,
    label_top: int = 25,
) -> go.Figure:
    """The bipartite graph: states as circles coloured by continent, processes as squares coloured by
    report region. The `label_top` best-connected processes are labelled (and, with `selected`, the
    selected node and its neighbours); with `selected`, its neighbours stay bright and the rest fade."""
    if G.number_of_nodes() == 0:
        return empty_figure("No membership matches these filters.", height)
    near = ({selected, *G[selected]} if selected in G else set()) if selected is not None else None
    fig = _figure(height=height, title=title)

    def segments(edges: list[tuple[Node, Node]]) -> tuple[list, list]:
        xs: list = []
        ys: list = []
        for u, v in edges:
            (x0, y0), (x1, y1) = positions[u], positions[v]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        return xs, ys

    all_edges = list(G.edges())
    faded = near is not None
    xs, ys = segments(all_edges)
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"width": 0.6, "color": "rgba(120,120,120,0.12)" if faded else "rgba(120,120,120,0.35)"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    if faded:
        xs, ys = segments([e for e in all_edges if selected in e])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": 1.6, "color": "#222222"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    max_degree = max((d for _, d in G.degree()), default=1) or 1
    by_degree = sorted((n for n in G if n[0] == PROCESS), key=lambda n: (-G.degree(n), n))
    labelled = set(by_degree[:label_top]) | (near or set())
    for side, key, palette, symbol in (
        (STATE, "continent", CONTINENT_COLOURS, "circle"),
        (PROCESS, "region", REGION_COLOURS, "square"),
    ):
        nodes = [n for n in G if n[0] == side]
        for group in sorted({G.nodes[n][key] for n in nodes}):
            members = sorted(n for n in nodes if G.nodes[n][key] == group)
            degrees = np.array([G.degree(n) for n in members], dtype=float)
            base = 7 if side == STATE else 11
            sizes = base + 14 * np.sqrt(degrees / max_degree)
            opacity = [1.0 if near is None or n in near else 0.18 for n in members]
            labels = [
                short_label(G.nodes[n].get("acronym") or G.nodes[n]["name"], 24) if n in labelled else ""
                for n in members
            ]
            show_text = any(labels)
            hover = [
                f"<b>{G.nodes[n]['name']}</b><br>{'processes' if side == STATE else 'states'}: {G.degree(n)}"
                for n in members
            ]
            fig.add_trace(
                go.Scatter(
                    x=[positions[n][0] for n in members],
                    y=[positions[n][1] for n in members],
                    mode="markers+text" if show_text else "markers",
                    text=labels if show_text else None,
                    textposition="top center",
                    textfont={"size": 11, "color": "#333333"},
                    marker={
                        "size": sizes,
                        "color": palette.get(group, "#888888"),
                        "symbol": symbol,
                        "opacity": opacity,
                        "line": {
                            "width": [2.5 if n == selected else 0.5 for n in members],
                            "color": "#000000",
                        },
                    },
                    customdata=[node_key(n) for n in members],
                    hovertext=hover,
                    hoverinfo="text",
                    name=(
                        f"{REGION_LABELS.get(group, group)} (process)"
                        if side == PROCESS
                        else f"{group} (state)"
                    ),
                )
            )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(
        legend={"orientation": "v", "x": 1.0, "xanchor": "right", "y": 1, "bgcolor": "rgba(255,255,255,0.8)"},
        hovermode="closest",
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        dragmode="pan",
    )
    return fig
