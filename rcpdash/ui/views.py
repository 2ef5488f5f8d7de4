"""One renderer per view: a :class:`ViewState` in, Dash components out.

Renderers are plain functions (tests call them with plain values). The frames they show come from
:func:`table_frame`, which the CSV download uses too, so a download is exactly what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
from dash import dcc, html

from .. import analysis, figures, metrics, queries, whatif
from ..config import KIND_LABELS, REGION_LABELS, THEMES
from ..network import PROCESS, STATE, GraphFilter, ego_graph, layout_positions, state_node
from ..urlstate import REGION_FILTERS, ViewState
from . import ids
from .layout import REGION_FILTER_LABELS

MAX_TABLE_ROWS = 300
#: The ego network shows a state's processes and at most this many of its closest co-members.
MAX_EGO_PARTNERS = 60
TOPOJSON_URL = "/assets/topojson/"


def graph_config(filename: str) -> dict:
    """dcc.Graph config: local map shapes, PNG from the toolbar (SVG from the button beside it)."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
        # No "share chart" button: it would send the chart to a website, and must not exist offline.
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
    }


def figure_card(
    name: str, figure, filename: str, caption: str | None = None, pickable: bool = True, fill: bool = False
) -> html.Div:
    """A figure with its SVG download button and a caption. `fill`: the figure takes its height from
    the screen (for the main map) instead of from the figure."""
    graph_id = ids.pick(name) if pickable else f"{name}-graph"
    return html.Div(
        [
            dcc.Graph(
                id=graph_id,
                figure=figure,
                config=graph_config(filename),
                className="figure figure--fill" if fill else "figure",
            ),
            html.Div(
                [
                    html.Button(
                        "Download SVG",
                        className="svg-download",
                        type="button",
                        **{
                            "data-filename": filename,
                            "aria-label": f"Download this chart as SVG ({filename})",
                        },
                    ),
                    html.P(caption, className="caption") if caption else None,
                ],
                className="figure-footer",
            ),
        ],
        className="figure-card",
    )


def data_table(
    frame: pd.DataFrame,
    table: str,
    caption: str,
    columns: dict[str, str] | None = None,
    brief_rows: int | None = None,
) -> html.Div:
    """An accessible HTML table (first rows) with a CSV download of all rows. `brief_rows`: a
    printed brief shows only that many rows (a one-page brief has no room for 40 co-members)."""
    columns = columns or {c: c.replace("_", " ").capitalize() for c in frame.columns}
    shown = frame.head(MAX_TABLE_ROWS)
    more = (
        html.P(f"Showing {MAX_TABLE_ROWS} of {len(frame)} rows; the CSV has them all.", className="caption")
        if len(frame) > MAX_TABLE_ROWS
        else None
    )
    return html.Div(
        [
            html.Div(
                [
                    html.H3(caption, className="table-title"),
                    html.Button(
                        "Download CSV",
                        id=ids.csv_button(table),
                        className="csv-download",
                        type="button",
                        **{"aria-label": f"Download {caption} as CSV"},
                    ),
                ],
                className="table-header",
            ),
            html.Div(
                _html_table(shown, columns, caption, "visually-hidden"),
                className="table-scroll",
                tabIndex=0,
                role="region",
                **{"aria-label": caption},
            ),
            more,
        ],
        className=f"table-card brief-rows-{brief_rows}" if brief_rows else "table-card",
    )


def _html_table(frame: pd.DataFrame, columns: dict[str, str], caption: str, caption_class: str) -> html.Table:
    """An HTML table of `frame`'s `columns` (id → header), with a caption for screen readers."""
    body = [html.Tr([html.Td(_cell(row[c])) for c in columns]) for row in frame.to_dict("records")]
    return html.Table(
        [
            html.Caption(caption, className=caption_class),
            html.Thead(html.Tr([html.Th(label, scope="col") for label in columns.values()])),
            html.Tbody(body),
        ],
        className="data-table",
    )


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def brief_controls(vs: ViewState, subject: str) -> html.Div:
    """The 'print a brief' button, and the line only a printed brief shows (what it is, the filters,
    the source), so a PDF saved from the browser stands on its own."""
    return html.Div(
        [
            html.Button(
                "Print a one-page brief",
                type="button",
                className="print-brief",
                **{"aria-label": f"Print a one-page brief on {subject} (or save it as PDF)"},
            ),
            html.P(
                f"rcpdash brief: {subject} · {filter_summary(vs)} · every row quotes IOM (2005), "
                "Interstate Cooperation and Migration",
                className="print-only brief-line",
            ),
        ],
        className="brief-controls",
    )


def empty_message(text: str) -> html.Div:
    return html.Div(html.P(text), className="empty-message", role="status")


def explain(*paragraphs: str) -> html.Div:
    return html.Div([html.P(p) for p in paragraphs], className="explanation")


def filter_summary(vs: ViewState) -> str:
    """The filters in words, for figure titles and captions."""
    parts = []
    if set(vs.regions) != set(REGION_FILTERS):
        parts.append(", ".join(REGION_FILTER_LABELS[r] for r in vs.regions) or "no region")
    if len(vs.kinds) < len(KIND_LABELS):
        parts.append(", ".join(KIND_LABELS[k].lower() + "s" for k in vs.kinds) or "no kind")
    parts.append("members and observers" if vs.roles == "all" else "members only")
    if vs.themes:
        parts.append("themes: " + ", ".join(THEMES[t].lower() for t in vs.themes))
    parts.append(f"as of {vs.year}" if vs.year else "all years")
    return " · ".join(parts)


def _labels(flt: GraphFilter) -> dict[str, str]:
    """Short labels for the processes under `flt` (taken from the full graph: same nodes)."""
    full, inc = analysis.full_graph(), analysis.graph_incidence(flt)
    return {n[1]: queries.short_label(queries.node_label(full, n)) for n in (*inc.processes, *inc.states)}


# --------------------------------------------------------------------------------------------------
# Tables (shared by the views and the CSV download)
# --------------------------------------------------------------------------------------------------


def _cregion_filter(vs: ViewState) -> GraphFilter:
    return GraphFilter(
        regions=REGION_FILTERS[vs.cregion],
        kinds=vs.graph_filter().kinds,
        role_class=vs.roles,
        year=vs.year,
    )


def table_frame(vs: ViewState, table: str) -> pd.DataFrame | None:
    """The frame behind a table of the current view, or None for an unknown table name."""
    flt = vs.graph_filter()
    ds = analysis.dataset()
    full = analysis.full_graph()
    if table == "map":
        counts = queries.map_counts(full, analysis.graph_incidence(flt))
        return counts.drop(columns=["lat", "lon"]).rename(columns={"value": "n_processes"})
    if table == "network-edges":
        return queries.membership_list(full, flt)
    G = analysis.graph(flt)  # the tables below read the filtered graph itself
    if table == "process-map" and vs.process:
        return queries.map_process(G, vs.process).drop(columns=["lat", "lon"])
    if table == "overlap":
        return analysis.overlap(flt, vs.measure).rename_axis("process_id").reset_index()
    if table == "shared-members" and vs.pair:
        codes = metrics.shared_members(G, *vs.pair)
        return ds.states[ds.states.iso3.isin(codes)][["iso3", "name", "continent"]].reset_index(drop=True)
    if table == "co-membership":
        return analysis.co_membership(_cregion_filter(vs)).rename_axis("iso3").reset_index()
    if table == "centrality":
        ranked = metrics.top_n(analysis.centrality(flt, vs.side, vs.metric), vs.metric, vs.top)
        return ranked.assign(group=ranked["group"].map(lambda g: REGION_LABELS.get(g, g)))
    if table == "regions":
        return analysis.region_comparison(flt)
    if table == "growth":
        return analysis.growth(flt)
    if table == "themes":
        return theme_cells(vs)
    if table == "theme-counts":
        cells = theme_cells(vs)
        return cells.pivot_table(
            index="theme", columns="region", values="process_id", aggfunc="count", fill_value=0
        ).reset_index()
    if table == "state-memberships" and vs.state:
        return queries.state_memberships(ds, G, vs.state)
    if table == "co-members" and vs.state:
        return metrics.co_members(G, vs.state)
    if table == "process-members" and vs.process:
        return queries.process_members(ds, G, vs.process)
    return None


# --------------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------------


def render_map(vs: ViewState) -> list:
    flt = vs.graph_filter()
    shaped = queries.shaped_codes()
    if vs.process:
        info = queries.process_info(analysis.dataset(), vs.process)
        name = info.name if info else vs.process
        frame = queries.map_process(analysis.graph(replace(flt, role_class="all")), vs.process)
        if vs.roles == "members":
            frame = frame[frame["status"] == "member"]
        if frame.empty:
            return [
                empty_message(f"No state of {name} is shown under these filters. Widen the filters above.")
            ]
        fig = figures.process_map(
            frame, shaped, f"{name}: members and observers · {filter_summary(vs)}", height=None
        )
        caption = "Blue: members (and founders, chairs, participants, beneficiaries). Orange: observers and partners."
        table = data_table(table_frame(vs, "process-map"), "process-map", f"States in {name}")
        return [figure_card("map", fig, f"rcpdash-{vs.process}-map", caption, fill=True), table]
    frame = queries.map_counts(analysis.full_graph(), analysis.graph_incidence(flt))
    if frame.empty:
        return [
            empty_message("No state takes part in any process under these filters. Widen the filters above.")
        ]
    fig = figures.world_map(
        frame, shaped, f"Processes each state belongs to · {filter_summary(vs)}", height=None
    )
    caption = (
        "Colour: number of processes under the filters. Small states and historical entities "
        "(the Soviet Union, Czechoslovakia, FR Yugoslavia) are drawn as dots. Click a state to open its profile."
    )
    return [
        figure_card("map", fig, "rcpdash-map", caption, fill=True),
        data_table(table_frame(vs, "map"), "map", "Processes per state"),
    ]


def _matrix_height(n: int) -> int:
    """Enough height for `n` readable rows, within what a projector shows."""
    return int(min(1100, max(480, 14 * n + 260)))


def render_overlaps(vs: ViewState) -> list:
    flt = vs.graph_filter()
    matrix = analysis.overlap(flt, vs.measure)
    labels = _labels(flt)
    if matrix.empty:
        return [
            empty_message(
                f"No process has {analysis.MIN_OVERLAP_SIZE} or more states under these filters. "
                "Widen the filters above."
            )
        ]
    label = figures.MEASURE_LABELS[vs.measure]
    fig = figures.matrix_heatmap(
        matrix,
        labels,
        f"Process × process overlap: {label.lower()} · {filter_summary(vs)}",
        label,
        height=_matrix_height(len(matrix)),
    )
    children: list = [
        figure_card(
            "overlap",
            fig,
            f"rcpdash-overlap-{vs.measure}",
            "Ordered by hierarchical clustering (average linkage on 1 − Jaccard), so blocks of processes "
            "with the same members sit together. Click a cell to list the states two processes share. "
            f"Processes with fewer than {analysis.MIN_OVERLAP_SIZE} states (mostly bilateral agreements) are "
            "left out here"
            + (
                f"; only the {analysis.MAX_MATRIX_ROWS} largest are shown."
                if len(matrix) >= analysis.MAX_MATRIX_ROWS
                else "."
            ),
        ),
        explain(
            "Shared members counts the states in both processes. The Jaccard index divides that by the "
            "states in either (1 = identical membership). The overlap coefficient divides it by the size of "
            "the smaller process (1 = one process's members all sit in the other, a sign of duplication)."
        ),
    ]
    if vs.pair and vs.pair[0] in matrix.index and vs.pair[1] in matrix.index:
        a, b = vs.pair
        shared = table_frame(vs, "shared-members")
        title = f"States in both {labels.get(a, a)} and {labels.get(b, b)}: {len(shared)}"
        children.append(
            html.Div(
                [data_table(shared, "shared-members", title)]
                if len(shared)
                else [html.H3(title, className="table-title"), html.P("These two processes share no state.")],
                className="pair-panel",
                id="pair-panel",
            )
        )
    co = analysis.co_membership(_cregion_filter(vs))
    region = REGION_FILTER_LABELS[vs.cregion]
    if co.empty:
        children.append(empty_message(f"No state takes part in a {region} process under these filters."))
    else:
        names = {n[1]: analysis.full_graph().nodes[n]["name"] for n in analysis.full_graph() if n[0] == STATE}
        co_fig = figures.matrix_heatmap(
            co,
            names,
            f"State × state co-membership in {region} processes",
            "Shared processes",
            height=_matrix_height(len(co)),
        )
        children.append(
            figure_card(
                "co-membership",
                co_fig,
                f"rcpdash-co-membership-{vs.cregion}",
                "How many of the region's processes each pair of states shares (diagonal: the state's own "
                "count). Click a row to open that state's profile.",
            )
        )
    return children


def render_centrality(vs: ViewState) -> list:
    flt = vs.graph_filter()
    table = analysis.centrality(flt, vs.side, vs.metric)
    if table.empty:
        return [empty_message("Nothing to rank under these filters. Widen the filters above.")]
    ranked = metrics.top_n(table, vs.metric, vs.top)
    what = "states" if vs.side == STATE else "processes"
    label = figures.METRIC_LABELS[vs.metric]
    fig = figures.centrality_bars(
        ranked, vs.metric, vs.side, f"Top {len(ranked)} {what} by {label.lower()} · {filter_summary(vs)}"
    )
    network = (
        "states linked by the processes they share"
        if vs.side == STATE
        else "processes linked by the states they share"
    )
    return [
        figure_card(
            "centrality",
            fig,
            f"rcpdash-centrality-{vs.side}-{vs.metric}",
            f"Colour: {'continent' if vs.side == STATE else 'the region where the report places the process'}. "
            "Click a bar to open the profile.",
        ),
        explain(
            f"{label}: {metrics.CENTRALITY_METRICS[vs.metric]}",
            f"Computed on the network of {network}, under the filters above. Values are relative to the "
            "arrangements the report names: a state the report says little about scores low because of the "
            "report, not necessarily because of its diplomacy.",
        ),
        data_table(
            table_frame(vs, "centrality"),
            "centrality",
            f"Top {len(ranked)} {what}: "
            + ("every metric" if len(table.columns) > 6 else "this metric and the degrees (large network)"),
        ),
    ]


def render_network(vs: ViewState) -> list:
    flt = vs.graph_filter()
    G = analysis.graph(flt)
    if G.number_of_nodes() == 0:
        return [empty_message("No membership matches these filters. Widen the filters above.")]
    focus = figures.parse_node_key(vs.focus)
    fig = figures.network_figure(
        G, analysis.positions(), f"States and processes · {filter_summary(vs)}", selected=focus
    )
    children: list = [
        figure_card(
            "network",
            fig,
            "rcpdash-network",
            "Circles: states, coloured by continent. Squares: processes, coloured by the report's region, "
            "sized by the number of links. Click a node to highlight its neighbours; click it again to clear. "
            "Scroll to zoom, drag to pan.",
        )
    ]
    if focus is not None and focus in G:
        neighbours = sorted(queries.node_label(G, n) for n in G[focus])
        kind = "processes" if focus[0] == STATE else "states"
        children.append(
            html.Div(
                [
                    html.H3(
                        f"{queries.node_label(G, focus)}: {len(neighbours)} {kind}", className="table-title"
                    ),
                    html.P(", ".join(neighbours)),
                    dcc.Link(
                        "Open the profile",
                        href=f"?view={'state' if focus[0] == STATE else 'process'}&{focus[0]}={focus[1]}",
                    ),
                ],
                className="focus-panel",
            )
        )
    children.append(
        data_table(table_frame(vs, "network-edges"), "network-edges", "Memberships in this network")
    )
    return children


def render_state(vs: ViewState) -> list:
    if not vs.state:
        return [empty_message("Pick a state above, or click one on the map, to see its profile.")]
    flt = vs.graph_filter()
    G = analysis.graph(flt)
    node = state_node(vs.state)
    base = analysis.full_graph().nodes.get(node)
    if base is None:
        return [empty_message(f"No state with the code {vs.state} in the data.")]
    header = html.Div(
        [
            html.H2(base["name"]),
            html.P(
                f"{base['continent']} · {base['subregion']} · {base['entity_kind']} · ISO code {vs.state}"
            ),
        ],
        className="profile-header",
    )
    header = html.Div([header, brief_controls(vs, base["name"])])
    if node not in G:
        return [header, empty_message(f"{base['name']} takes part in no process under these filters.")]
    memberships = table_frame(vs, "state-memberships")
    co = table_frame(vs, "co-members")
    ego = ego_graph(G, node, closest=set(co["iso3"].head(MAX_EGO_PARTNERS)))
    ego_fig = figures.network_figure(
        ego,
        layout_positions(ego, iterations=150),  # a small picture settles fast; 500 cost ~30 ms at scale
        f"{base['name']}: its processes and their members",
        height=520,
        label_top=40,
    )
    co_map = co.rename(columns={"shared": "value"}).merge(
        analysis.dataset().states[["iso3", "lat", "lon"]], on="iso3"
    )
    co_map = co_map.assign(processes=co_map["processes"].str.replace(";", ", "))
    map_fig = figures.world_map(
        co_map,
        queries.shaped_codes(),
        f"Who {base['name']} meets, by shared processes",
        value_label="Shared processes",
        height=420,
        highlight=(base["name"], base["lat"], base["lon"]),
    )
    top = co.head(5)
    sentence = (
        f"{base['name']} takes part in {G.degree(node)} process(es) under these filters and meets "
        f"{len(co)} other states in them; most often "
        + ", ".join(f"{r.name} ({r.shared})" for r in top.itertuples())
        + "."
    )
    return [
        header,
        html.P(sentence, className="lead"),
        data_table(
            memberships,
            "state-memberships",
            "Processes, with the report's words",
            {
                "process": "Process",
                "role": "Role",
                "since": "Since",
                "until": "Until",
                "evidence": "Source quote",
                "source_line": "Line",
            },
        ),
        html.Div(
            [
                html.Div(
                    figure_card("state-ego", ego_fig, f"rcpdash-{vs.state}-ego"), className="screen-only"
                ),
                figure_card("state-map", map_fig, f"rcpdash-{vs.state}-co-members-map"),
            ],
            className="two-columns",
        ),
        data_table(co, "co-members", "Co-members ranked by shared processes", brief_rows=12),
        html.Div(join_panel(vs, G, base["name"]), className="screen-only"),
        html.Div(id=ids.WHATIF_PANEL, className="whatif-panel"),
    ]


def join_panel(vs: ViewState, G, name: str) -> html.Div:
    """'Where could it join?': processes its closest co-members and neighbours are in and it is not."""
    suggestions = whatif.join_suggestions(G, vs.state)
    title = html.H3(f"Where could {name} join?", className="table-title")
    note = html.P(
        "Processes its nine closest co-members (most shared processes) and the other states of its UN "
        "subregion belong to and it does not, ranked by how many of them are in. A prompt for discussion, "
        "not a prediction.",
        className="caption",
    )
    if suggestions.empty:
        body = html.P(
            f"No suggestion: {name} already sits in every process its closest co-members and "
            "neighbours belong to, under these filters."
        )
    else:
        body = html.Ol(
            [
                html.Li([dcc.Link(r.process, href=f"?view=process&process={r.process_id}"), f" — {r.reason}"])
                for r in suggestions.itertuples()
            ]
        )
    return html.Div([title, note, body], className="links-panel", id="join-panel")


def _comparison_table(frame: pd.DataFrame, caption: str, columns: dict[str, str]) -> html.Div:
    return html.Div(_html_table(frame, columns, caption, "table-caption"), className="table-scroll")


def _partners(inc, node) -> set:
    """The processes of a state (or the states of a process) in an incidence matrix."""
    if node[0] == "state":
        if node not in inc.state_index:
            return set()
        row = inc.matrix[inc.state_index[node]]
        return {inc.processes[j] for j in row.indices}
    if node not in inc.process_index:
        return set()
    column = inc.matrix[:, inc.process_index[node]].tocoo()
    return {inc.states[i] for i in column.row}


def render_whatif(vs: ViewState) -> list:
    """The what-if panel of a state or process profile: add or remove a membership and compare."""
    if vs.view not in ("state", "process") or not (vs.state if vs.view == "state" else vs.process):
        return []
    flt = vs.graph_filter()
    full = analysis.full_graph()
    real = analysis.graph_incidence(flt)
    subject = state_node(vs.state) if vs.view == "state" else ("process", vs.process)
    if subject not in full:
        return []
    current = _partners(real, subject)
    other_side = "process" if vs.view == "state" else "state"
    candidates = sorted(
        (n for n in full if n[0] == other_side and n not in current and full.degree(n) > 0),
        key=lambda n: queries.node_label(full, n),
    )
    label = queries.node_label(full, subject)
    add = dcc.Dropdown(
        id=ids.whatif_edit("+"),
        options=[{"label": queries.node_label(full, n), "value": n[1]} for n in candidates],
        value=None,
        placeholder=f"Add {label} to…" if vs.view == "state" else f"Add a state to {label}…",
    )
    remove = dcc.Dropdown(
        id=ids.whatif_edit("-"),
        options=[{"label": queries.node_label(full, n), "value": n[1]} for n in sorted(current)],
        value=None,
        placeholder=f"Remove {label} from…" if vs.view == "state" else f"Remove a state from {label}…",
    )
    edits = [e for e in vs.edits]
    listed = [
        html.Li(
            f"{'Adds' if op == '+' else 'Removes'} {queries.node_label(full, ('state', s))} "
            f"{'to' if op == '+' else 'from'} {queries.node_label(full, ('process', p))}"
        )
        for op, s, p in edits
    ]
    children: list = [
        html.H3("What if…?", className="table-title"),
        html.P(
            "Try a change and compare with the real network. Nothing in the data changes; the link carries "
            "the hypothetical so you can share it, and one click undoes it.",
            className="caption",
        ),
        html.Div([add, remove], className="whatif-controls"),
    ]
    if not edits:
        return children
    children += [
        html.Ul(listed, className="whatif-edits"),
        html.Button("Undo every change", id=ids.whatif_reset(), type="button", className="csv-download"),
    ]
    edited = whatif.edit_incidence(real, full, vs.edits)
    # On large networks the brokerage and reach metrics need all-pairs paths (~0.2 s each side):
    # compare the cheap ones there, as the centrality view does.
    large = real.matrix.nnz > analysis.LARGE_GRAPH_EDGES
    which = ("degree", "weighted_degree", "eigenvector") if large else metrics.PROJECTION_METRICS
    comparison = whatif.compare_centrality(real, edited, subject, which)
    comparison = comparison.assign(metric=comparison["metric"].map(figures.METRIC_LABELS))
    children.append(
        _comparison_table(
            comparison,
            f"{label}: centrality, real and what-if",
            {
                "metric": "Metric",
                "real": "Real",
                "what_if": "What if",
                "change": "Change",
                "rank_real": "Rank (real)",
                "rank_what_if": "Rank (what if)",
            },
        )
    )
    touched = [p for _, _, p in vs.edits]
    overlaps = whatif.compare_overlaps(real, edited, full, touched)
    if len(overlaps):
        names = {n[1]: queries.node_label(full, n) for n in full if n[0] == "process"}
        overlaps = overlaps.assign(process=overlaps.process.map(names), other=overlaps.other.map(names))
        children.append(
            _comparison_table(
                overlaps,
                "Overlap (Jaccard) of the changed processes with their closest processes",
                {
                    "process": "Process",
                    "other": "With",
                    "real": "Real",
                    "what_if": "What if",
                    "change": "Change",
                },
            )
        )
    regions = whatif.compare_regions(real, edited, full)
    if len(regions):
        regions = regions.assign(
            region=regions.region.map(REGION_LABELS), measure=regions.measure.str.replace("_", " ")
        )
        children.append(
            _comparison_table(
                regions,
                "Region summary, real and what-if (changed measures only)",
                {
                    "region": "Region",
                    "measure": "Measure",
                    "real": "Real",
                    "what_if": "What if",
                    "change": "Change",
                },
            )
        )
    else:
        children.append(html.P("The region summaries do not change.", className="caption"))
    return children


def render_process(vs: ViewState) -> list:
    if not vs.process:
        return [
            empty_message("Pick a process above, or click one in the network or a chart, to see its profile.")
        ]
    ds = analysis.dataset()
    info = queries.process_info(ds, vs.process)
    if info is None:
        return [empty_message(f"No process with the id {vs.process} in the data.")]
    flt = vs.graph_filter()
    G = analysis.graph(replace(flt, role_class="all"))
    members = table_frame(vs, "process-members")
    count_text = [
        html.Dt("Stated membership"),
        html.Dd(str(info.stated_member_count) if info.stated_member_count is not None else "not given"),
        html.Dt("States the report names"),
        html.Dd(f"{info.listed_members} member(s), {info.listed_observers} observer(s)"),
    ]
    if info.count_differs or info.count_note:
        count_text += [
            html.Dt("Count versus names"),
            html.Dd(info.count_note or "The count and the names differ."),
        ]
    facts = html.Dl(
        [
            html.Dt("Kind"),
            html.Dd(info.kind_label),
            html.Dt("Placed by the report in"),
            html.Dd(info.region_label),
            html.Dt("Founded"),
            html.Dd(str(info.founded) if info.founded else "not given"),
            html.Dt("Facilitators"),
            html.Dd(", ".join(info.facilitators) or "none named"),
            *count_text,
        ],
        className="facts",
    )
    frame = queries.map_process(G, vs.process)
    if vs.roles == "members":
        frame = frame[frame["status"] == "member"]
    map_fig = figures.process_map(
        frame, queries.shaped_codes(), f"Where {info.acronym or info.name}'s states are"
    )
    children = [
        html.Div(
            [
                html.H2(
                    info.name + (f" ({info.acronym})" if info.acronym and info.acronym != info.name else "")
                ),
                brief_controls(vs, info.acronym or info.name),
            ],
            className="profile-header",
        ),
        html.P(info.description, className="lead"),
        html.Blockquote([f"“{info.evidence}”", html.Footer(f"Report, line {info.source_line}")]),
        facts,
        figure_card("process-map", map_fig, f"rcpdash-{vs.process}-map"),
    ]
    if members is not None and len(members):
        children.append(
            data_table(
                members,
                "process-members",
                "Members and observers, with the report's words",
                {
                    "state": "State",
                    "role": "Role",
                    "since": "Since",
                    "until": "Until",
                    "evidence": "Source quote",
                    "source_line": "Line",
                },
            )
        )
    else:
        children.append(empty_message("The report names no state in this process under these filters."))
    if len(info.links):
        children.append(
            html.Div(
                [
                    html.H3("Linked processes", className="table-title"),
                    html.Ul(
                        [
                            html.Li(
                                [
                                    dcc.Link(row.process, href=f"?view=process&process={row.process_id}"),
                                    f" — {row.link}"
                                    + (f" ({row.year})" if not pd.isna(row.year) else "")
                                    + ": ",
                                    html.Q(row.evidence),
                                    f" (line {row.source_line})",
                                ]
                            )
                            for row in info.links.itertuples()
                        ]
                    ),
                ],
                className="links-panel screen-only",  # not in the one-page brief
            )
        )
    children.append(html.Div(id=ids.WHATIF_PANEL, className="whatif-panel"))
    if len(info.organizations):
        children.append(
            html.Div(
                [
                    html.H3("Organizations", className="table-title"),
                    html.Ul(
                        [
                            html.Li(
                                [f"{row.organization} — {row.role.replace('_', ' ')}: ", html.Q(row.evidence)]
                            )
                            for row in info.organizations.itertuples()
                        ]
                    ),
                ],
                className="links-panel screen-only",  # not in the one-page brief
            )
        )
    return children


REGION_MEASURE_NOTES = [
    "Processes, states and memberships count what the report places in each regional chapter: "
    "a state belongs to a region's row when it is a member of one of that region's processes.",
    "Density is the share of possible seats that are filled (memberships ÷ states × processes): "
    "high density means the same states meet in most of the region's forums.",
    "Memberships per state (mean and median): how many of the region's processes a typical state sits in.",
    "Overlap between its processes is the mean Jaccard index over every pair of the region's processes: "
    "high values mean processes with the same members, i.e. possible duplication.",
    "Share of states also in other regions' processes: how outward-looking the region's membership is "
    "(interregional and global arrangements count as other regions).",
    "Links count the explicit cooperation between processes that the report describes.",
]


def render_regions(vs: ViewState) -> list:
    flt = vs.graph_filter()
    table = analysis.region_comparison(flt)
    shown = {r for key in vs.regions for r in REGION_FILTERS[key]}
    table = table[table["region"].isin(shown)].reset_index(drop=True)
    if table.empty:
        return [
            empty_message("No regional chapter has processes under these filters. Widen the filters above.")
        ]
    fig = figures.region_multiples(table, f"The regions side by side · {filter_summary(vs)}")
    display = table.assign(
        region=table["region"].map(REGION_LABELS),
        top_states=table["top_states"].str.replace(";", ", "),
    )
    return [
        figure_card(
            "regions", fig, "rcpdash-regions", "One panel per measure; colours are the report's regions."
        ),
        explain(*REGION_MEASURE_NOTES),
        data_table(display, "regions", "The regions side by side"),
    ]


def growth_table(growth: pd.DataFrame) -> pd.DataFrame:
    """Years as rows, regions as columns, "processes (memberships)" in each cell: one screen, not 300 rows."""
    cells = growth.assign(
        region=growth["region"].map(REGION_LABELS),
        cell=growth["processes"].astype(str) + " (" + growth["memberships"].astype(str) + ")",
    )
    table = cells.pivot(index="year", columns="region", values="cell").fillna("")
    return table.sort_index(ascending=False).reset_index()


def render_timeline(vs: ViewState) -> list:
    flt = vs.graph_filter()
    growth = analysis.growth(flt)
    shown = {r for key in vs.regions for r in REGION_FILTERS[key]}
    growth = growth[growth["region"].isin(shown)]
    if growth.empty:
        return [empty_message("No dated process under these filters. Widen the filters above.")]
    undated = analysis.undated_processes(flt)
    when = f"in {vs.year}" if vs.year else "in all years (move the slider or press Play)"
    chart = figures.growth_chart(
        growth, vs.year, f"Growth of cooperation since {growth['year'].min() if len(growth) else ''}"
    )
    G = analysis.graph(flt)
    network = (
        figures.network_figure(
            G, analysis.positions(), f"The network {when} · {filter_summary(vs)}", height=560
        )
        if G.number_of_nodes()
        else figures.empty_figure(f"No membership stood {when} under these filters.", 560)
    )
    return [
        figure_card("growth", chart, "rcpdash-growth", None, pickable=False),
        explain(
            "Processes appear in the year the report says they were founded, or else in the first year one of "
            "their memberships is dated. Memberships appear in the year the report says a state joined, "
            "otherwise with their process.",
            f"{undated} arrangement(s) under these filters have no year in the report and are left out "
            "whenever a year is chosen.",
        ),
        figure_card("network", network, f"rcpdash-network-{vs.year or 'all'}"),
        data_table(growth_table(growth), "growth", "Processes (memberships) per year and region"),
    ]


def theme_cells(vs: ViewState) -> pd.DataFrame:
    """The process × theme cells under the filters: ``process_id, process, region, theme, evidence,
    source_line`` for the processes still in the filtered graph."""
    G = analysis.graph(vs.graph_filter())
    present = {n[1] for n in G if n[0] == PROCESS}
    themes = analysis.dataset().themes
    cells = themes[themes.process_id.isin(present)]
    if vs.themes:
        cells = cells[cells.theme.isin(vs.themes)]
    names = {p: queries.node_label(G, ("process", p)) for p in present}
    regions = {p: G.nodes[("process", p)]["region"] for p in present}
    out = cells.assign(process=cells.process_id.map(names), region=cells.process_id.map(regions))
    return out[["process_id", "process", "region", "theme", "evidence", "source_line"]].reset_index(drop=True)


def render_themes(vs: ViewState) -> list:
    cells = theme_cells(vs)
    if cells.empty:
        return [empty_message("No process under these filters is tied to a policy theme in the report.")]
    fig = figures.theme_matrix(cells, THEMES, f"Who works on what · {filter_summary(vs)}")
    children = [
        figure_card(
            "themes",
            fig,
            "rcpdash-themes",
            "A square marks a theme the report ties to the process; hover for its words, click for every "
            "quote. The theme filter above applies to every view: pick 'Trafficking and smuggling' and "
            "the map, overlaps and centrality show who cooperates on trafficking.",
        )
    ]
    if vs.process and vs.process in set(cells.process_id):
        mine = cells[cells.process_id == vs.process]
        children.append(
            html.Div(
                [
                    html.H3(f"{mine.process.iloc[0]}: {len(mine)} theme(s)", className="table-title"),
                    html.Ul(
                        [
                            html.Li(
                                [
                                    html.Strong(THEMES[r.theme] + ": "),
                                    html.Q(r.evidence),
                                    f" (line {r.source_line})",
                                ]
                            )
                            for r in mine.itertuples()
                        ]
                    ),
                ],
                className="links-panel",
                id="theme-quotes",
            )
        )
    counts = (
        cells.assign(region=cells.region.map(REGION_LABELS), theme=cells.theme.map(THEMES))
        .pivot_table(index="theme", columns="region", values="process_id", aggfunc="count", fill_value=0)
        .reset_index()
    )
    children += [
        data_table(counts, "theme-counts", "Processes per theme and region"),
        data_table(
            cells.assign(theme=cells.theme.map(THEMES)).drop(columns=["process_id", "region"]),
            "themes",
            "Every theme with the report's words",
        ),
    ]
    return children


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
