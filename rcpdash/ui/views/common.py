"""Building blocks every view uses: figure cards, accessible tables, messages, the filters in words."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ... import analysis, queries
from ...config import KIND_LABELS, THEMES
from ...network import PROCESS, GraphFilter
from ...urlstate import REGION_FILTERS, ViewState
from .. import ids
from ..layout import REGION_FILTER_LABELS

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
                html_table(shown, columns, caption, "visually-hidden"),
                className="table-scroll",
                tabIndex=0,
                role="region",
                **{"aria-label": caption},
            ),
            more,
        ],
        className=f"table-card brief-rows-{brief_rows}" if brief_rows else "table-card",
    )


def html_table(frame: pd.DataFrame, columns: dict[str, str], caption: str, caption_class: str) -> html.Table:
    """An HTML table of `frame`'s `columns` (id → header), with a caption for screen readers."""
    body = [html.Tr([html.Td(cell_text(row[c])) for c in columns]) for row in frame.to_dict("records")]
    return html.Table(
        [
            html.Caption(caption, className=caption_class),
            html.Thead(html.Tr([html.Th(label, scope="col") for label in columns.values()])),
            html.Tbody(body),
        ],
        className="data-table",
    )


def cell_text(value: object) -> str:
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


def process_labels(flt: GraphFilter) -> dict[str, str]:
    """Short labels for the processes under `flt` (taken from the full graph: same nodes)."""
    full, inc = analysis.full_graph(), analysis.graph_incidence(flt)
    return {n[1]: queries.short_label(queries.node_label(full, n)) for n in (*inc.processes, *inc.states)}


# --------------------------------------------------------------------------------------------------
# Tables (shared by the views and the CSV download)
# --------------------------------------------------------------------------------------------------


def cregion_filter(vs: ViewState) -> GraphFilter:
    return GraphFilter(
        regions=REGION_FILTERS[vs.cregion],
        kinds=vs.graph_filter().kinds,
        role_class=vs.roles,
        year=vs.year,
    )


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
