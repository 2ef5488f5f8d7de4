"""Building blocks every view uses: figure cards, accessible tables, messages, the filters in words."""

from __future__ import annotations

import json
import re
from html import escape, unescape
from typing import NamedTuple

import dash
import numpy as np
import pandas as pd
from dash import dcc, html

from ... import analysis, datasets, i18n, queries
from ...config import KIND_LABELS, REGION_LABELS, ROLE_LABELS, STATE_KIND_LABELS, THEMES
from ...figures import METRIC_LABELS, REGION_MEASURES
from ...i18n import N_, _, format_number
from ...names import state_name
from ...network import PROCESS, GraphFilter
from ...urlstate import DEFAULT, REGION_FILTERS, ViewState
from .. import ids
from ..labels import REGION_FILTER_LABELS

#: Rows a table sends (assets/tables.js shows them 50 a page, so the page stays small; beyond this
#: the CSV has the rest: a Correlates-of-War upload has tens of thousands).
MAX_TABLE_ROWS = 1000
#: A chart's "Data table" under its figure (its CSV has them all).
MAX_CHART_TABLE_ROWS = 100
#: The ego network shows a state's processes and at most this many of its closest co-members.
MAX_EGO_PARTNERS = 60


def topojson_url() -> str:
    """Where the page fetches the map shapes: the app's assets URL under its path prefix
    (``/rcpdash/assets/topojson/`` when served under ``/rcpdash/``; a wrong URL draws a blank map)."""
    try:
        return dash.get_asset_url("topojson/")
    except AttributeError:  # no Dash app in this process yet (a view rendered alone, in a test)
        return "/assets/topojson/"


def graph_config(filename: str) -> dict:
    """dcc.Graph config: local map shapes, PNG from the toolbar (SVG from the button beside it)."""
    return {
        "topojsonURL": topojson_url(),
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
        # No "share chart" button: it would send the chart to a website, and must not exist offline.
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
    }


def figure_title(figure) -> str:
    """The figure's title as plain text (plotly titles may carry <br> and other tags, and data's
    ``<`` and ``&`` as entities: rcpdash.figures.plotly_text)."""
    title = figure.layout.title.text or ""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", title)).strip())


def table_id(table: str) -> str:
    """The DOM id of the HTML table behind the CSV download `table`."""
    return f"{table}-table"


def figure_card(
    name: str,
    figure,
    filename: str,
    caption: str | None = None,
    pickable: bool = True,
    fill: bool = False,
    table: str | html.Details | None = None,
) -> html.Div:
    """A figure with its SVG download button and a caption. `fill`: the figure takes its height from
    the screen (for the main map) instead of from the figure. `table`: the data a screen reader reads
    instead of the chart: the name of a table shown on the same view, or a :func:`chart_data` block
    placed under the figure. The card is a named figure whose ``aria-details`` points at that table."""
    graph_id = ids.pick(name) if pickable else f"{name}-graph"
    title = figure_title(figure) or filename
    caption_id = f"{name}-caption"
    details = None
    if isinstance(table, html.Details):
        details, table = table, table.id.removesuffix("-details")
    accessible = {"aria-label": title}
    if table:
        accessible["aria-details"] = table_id(table)
    if caption:
        accessible["aria-describedby"] = caption_id
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
                        _("Download SVG"),
                        className="svg-download",
                        type="button",
                        **{
                            "data-filename": filename,
                            # Starts with the visible text, so speech control ("click Download SVG") works.
                            "aria-label": _("Download SVG: {title}").format(title=title),
                        },
                    ),
                    html.P(caption, id=caption_id, className="caption") if caption else None,
                ],
                className="figure-footer",
            ),
            details,
        ],
        className="figure-card",
        role="figure",
        **accessible,
    )


def chart_data(
    frame: pd.DataFrame, table: str, caption: str, columns: dict[str, str] | None = None
) -> html.Details:
    """A collapsed "Data table" under a chart that has no table of its own on the view: the same data
    as an HTML table (with its CSV download), for screen readers and for reading exact values."""
    return html.Details(
        [
            html.Summary(_("Data table")),
            data_table(frame, table, caption, columns, row_headers=True, max_rows=MAX_CHART_TABLE_ROWS),
        ],
        id=f"{table}-details",
        className="chart-data",
    )


def data_table(
    frame: pd.DataFrame,
    table: str,
    caption: str,
    columns: dict[str, str] | None = None,
    brief_rows: int | None = None,
    row_headers: bool = False,
    max_rows: int = MAX_TABLE_ROWS,
) -> html.Div:
    """An accessible HTML table (the first `max_rows`) with a CSV download of all rows. `brief_rows`: a
    printed brief shows only that many rows (a one-page brief has no room for 40 co-members).
    `row_headers`: the first column names each row (a screen reader announces it with every cell).

    Headers and coded cells (roles, regions, continents, themes) are shown in the interface language;
    the CSV keeps the data's own codes and English column names, so it reads the same in any language.
    """
    columns = {c: _(label) for c, label in (columns or default_columns(frame)).items()}
    shown = localise_cells(frame.head(max_rows))
    more = (
        html.P(
            _("Showing {shown} of {total} rows; the CSV has them all.").format(
                shown=max_rows, total=len(frame)
            ),
            className="caption",
        )
        if len(frame) > max_rows
        else None
    )
    return html.Div(
        [
            html.Div(
                [
                    html.H3(caption, className="table-title"),
                    html.Button(
                        _("Download CSV"),
                        className="csv-download",
                        type="button",
                        # assets/rcpdash.js turns a click into a csv-request (see callbacks.download_csv).
                        **{
                            "data-table": table,
                            # Starts with the visible text, so speech control ("click Download CSV") works.
                            "aria-label": _("Download CSV: {caption}").format(caption=caption),
                        },
                    ),
                ],
                className="table-header",
            ),
            html.Div(
                html_table(shown, columns, caption, "visually-hidden", table_id(table), row_headers),
                className="table-scroll",
                tabIndex=0,
                role="region",
                **{"aria-label": caption},
            ),
            more,
        ],
        className=f"table-card brief-rows-{brief_rows}" if brief_rows else "table-card",
    )


#: Column headers of the tables, by column name (frames keep English names: the CSV uses them).
COLUMN_LABELS: dict[str, str] = {
    "iso3": N_("ISO code"),
    "name": N_("Name"),
    "state": N_("State"),
    "states": N_("States"),
    "process": N_("Process"),
    "process_id": N_("Process id"),
    "processes": N_("Processes"),
    "n_processes": N_("Processes"),
    "continent": N_("Continent"),
    "region": N_("Region"),
    "role": N_("Role"),
    "roles": N_("Roles"),
    "status": N_("Status"),
    "since": N_("Since"),
    "until": N_("Until"),
    "evidence": N_("Source quote"),
    "source_line": N_("Line"),
    "cited": N_("Source"),
    "from_source": N_("From (if not the report)"),
    "from_sources": N_("From other sources than the report"),
    "source": N_("Source"),
    "source_url": N_("Source URL"),
    "name_in_source": N_("Name in the source"),
    "theme": N_("Theme"),
    "shared": N_("Shared processes"),
    "id": N_("Id"),
    "group": N_("Group"),
    "year": N_("Year"),
    "memberships": N_("Memberships"),
    # The region comparison's measures and the centralities are headed as their charts name them.
    **{k: v for k, v in REGION_MEASURES.items() if k not in ("processes", "states")},
    "top_states": N_("Most central states"),
    **METRIC_LABELS,
    "value": N_("Value"),
    "organization": N_("Organization"),
    "link": N_("Link"),
}


def _first_upper(text: str) -> str:
    """Capital first letter, the rest as it is ("Asie-Pacifique" stays so; str.capitalize would not)."""
    return text[:1].upper() + text[1:]


def default_columns(frame: pd.DataFrame) -> dict[str, str]:
    """Headers for every column of `frame` (a known label, else the column name made readable; a
    column named by a code, e.g. a region in a pivot, is labelled like the code itself). A process's
    id is left out where its name is shown (the CSV keeps both)."""
    shown = [c for c in frame.columns if not (c == "process_id" and "process" in frame.columns)]
    return {c: COLUMN_LABELS.get(str(c), _first_upper(str(c).replace("_", " "))) for c in shown}


#: Columns whose cells are codes or English place names the interface translates.
_CODED = {
    "role": ROLE_LABELS,
    "status": {"member": N_("member"), "observer": N_("observer")},
    "entity_kind": STATE_KIND_LABELS,
}


def localise_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with coded cells in the interface language (a copy; unknown values stay as they are)."""
    changes = {}
    for column in frame.columns:
        if column in _CODED:
            labels = _CODED[column]
            changes[column] = frame[column].map(lambda v, labels=labels: _(labels[v]) if v in labels else v)
        elif column in ("continent", "group", "region"):
            # Report regions as codes or English labels, continents as English names.
            changes[column] = frame[column].map(
                lambda v: _(REGION_LABELS.get(v, v)) if isinstance(v, str) else v
            )
        elif column == "roles":  # several roles, comma-separated codes
            changes[column] = frame[column].map(
                lambda v: (
                    ", ".join(_(ROLE_LABELS.get(r, r)) for r in v.split(", ")) if isinstance(v, str) else v
                )
            )
        elif column == "theme":
            changes[column] = frame[column].map(lambda v: _(THEMES.get(v, v)) if isinstance(v, str) else v)
        elif column in ("name", "state") and "iso3" in frame.columns:
            changes[column] = [state_name(i, n) for i, n in zip(frame["iso3"], frame[column], strict=True)]
    return frame.assign(**changes) if changes else frame


def html_table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    caption: str,
    caption_class: str,
    dom_id: str | None = None,
    row_headers: bool = False,
) -> html.Div:
    """An HTML table of `frame`'s `columns` (id → header), with a caption for screen readers;
    `row_headers`: the first column's cells are row headers.

    The table reaches the page as one component carrying its markup (:func:`table_markup`) in a
    ``data-html`` attribute, which ``assets/tables.js`` puts in place, not as one Dash component per
    cell: the browser then builds it natively in milliseconds, where the Dash renderer took seconds
    for a few hundred rows and slowed every later update of the page. Clicking a column header sorts
    the rows (also ``assets/tables.js``).
    """
    return html.Div(
        className="table-markup",
        **{
            TABLE_MARKUP: table_markup(frame, columns, caption, caption_class, dom_id, row_headers),
            # The pager's words for assets/tables.js (a table over 50 rows shows 50 at a time).
            "data-pager": json.dumps(
                {
                    "previous": _("‹ Previous"),
                    "next": _("Next ›"),
                    "range": _("Rows {first}–{last} of {total}"),
                },
                ensure_ascii=False,
            ),
        },
    )


#: The attribute of a ``table-markup`` element that holds its table (read by assets/tables.js).
TABLE_MARKUP = "data-html"


def table_markup(
    frame: pd.DataFrame,
    columns: dict[str, str],
    caption: str,
    caption_class: str,
    dom_id: str | None = None,
    row_headers: bool = False,
) -> str:
    """The markup of :func:`html_table`: a ``<table>`` with a caption, column headers (``scope``,
    a sort button each) and, with `row_headers`, a row header per row. Every text is escaped, so a
    cell of an uploaded dataset cannot inject markup. One line, no blank line: Markdown passes an
    HTML block through whole only up to its first blank line."""
    # The report's words stay English: say so, so that a screen reader reads them as English.
    english = ' lang="en"' if i18n.current() != "en" else ""
    lang = {c: (english if c == "evidence" else "") for c in columns}
    # Quotes and sources keep a readable width on a phone (the table scrolls sideways instead of
    # squeezing them into a column of two words a line).
    lang.update({c: lang[c] + ' class="long-text"' for c in columns if c in ("evidence", "cited")})
    first = next(iter(columns)) if row_headers else None
    head = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" class="sort-button">{_text(label)}</button></th>'
        for label in columns.values()
    )
    keys = list(columns)
    body = []
    for row in frame[keys].itertuples(index=False, name=None):
        cells = []
        for c, value in zip(keys, row, strict=True):
            tag = "th" if c == first else "td"
            scope = ' scope="row"' if c == first else ""
            cells.append(f"<{tag}{scope}{lang[c]}>{_cell_markup(value, c)}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table_id = f' id="{escape(dom_id, quote=True)}"' if dom_id else ""
    return (
        f'<table class="data-table"{table_id}>'
        f'<caption class="{escape(caption_class, quote=True)}">{_text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


class Linked(NamedTuple):
    """A table cell that links to a web page (a source's URL): its text, and where it points."""

    text: str
    url: str


def _cell_markup(value: object, column: object) -> str:
    """A cell's content: escaped text, or a link for a :class:`Linked` value with a web URL (the
    reader follows it to the source; the app itself never fetches it)."""
    text = _text(cell_text(value, column))
    if isinstance(value, Linked) and value.url.startswith(("https://", "http://")):
        return f'<a href="{escape(value.url, quote=True)}" rel="noopener noreferrer">{text}</a>'
    return text


def source_cells(frame: pd.DataFrame) -> list[object]:
    """The "Source" cell of each membership row (columns of queries.SOURCE_COLUMNS), in the interface
    language: "Report, line 926" for the report's rows (with "years from <source>" when a reference
    gives the years), "from <source title>, listed as “Kenya”" linked to the source for the others."""
    cells: list[object] = []
    for row in frame.itertuples():
        if not pd.isna(row.source_line):
            text = _("Report, line {line}").format(line=int(row.source_line))
            if row.years_from:
                text += " · " + _("years from {source}").format(source=row.years_from)
            later = getattr(row, "edition_evidence", "")
            if later:
                # One spell in both editions: the later edition's words beside the report's.
                text += " · " + _("also in {source}: “{words}”").format(
                    source=row.edition_source, words=later
                )
                cells.append(Linked(text, row.edition_source_url))
                continue
            cells.append(text)
            continue
        text = _("from {source}").format(source=row.source)
        if row.name_in_source:
            text += _(", listed as “{name}”").format(name=row.name_in_source)
        cells.append(Linked(text, row.source_url))
    return cells


#: The headers of the two source columns a membership table shows (the CSV has every source column).
SOURCE_CELL_LABELS: dict[str, str] = {"cited": N_("Source"), "evidence": N_("Source quote")}


def with_source_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (membership rows with queries.SOURCE_COLUMNS) with its "Source" cells in ``cited``."""
    return frame.assign(cited=source_cells(frame)) if len(frame) else frame.assign(cited=[])


def _text(value: str) -> str:
    """`value` escaped for the content of an element, on one line."""
    return escape(" ".join(str(value).split()), quote=False)


#: Columns of years and source lines: whole numbers written as they are (2004, line 1310), never grouped.
PLAIN_NUMBER_COLUMNS = frozenset({"year", "since", "until", "founded", "source_line", "line"})


def cell_text(value: object, column: object = "") -> str:
    """A table cell as people read it: numbers as the interface language writes them (3 significant
    digits for fractions, whole numbers in full), years and line numbers as plain whole numbers.

    >>> cell_text(0.15384615), cell_text(1995.0, "since"), cell_text(1234), cell_text(None)
    ('0.154', '1995', '1,234', '')
    """
    if isinstance(value, Linked):
        return value.text
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | np.integer | np.floating):
        if column in PLAIN_NUMBER_COLUMNS and float(value) == int(value):
            return str(int(value))
        return format_number(value)
    return str(value)


def brief_controls(vs: ViewState, subject: str) -> html.Div:
    """The 'print a brief' button, and the line only a printed brief shows (what it is, the filters,
    the source), so a PDF saved from the browser stands on its own."""
    return html.Div(
        [
            html.Button(
                _("Print a one-page brief"),
                type="button",
                className="print-brief",
                **{
                    "aria-label": _("Print a one-page brief on {subject} (or save it as PDF)").format(
                        subject=subject
                    )
                },
            ),
            html.P(
                (
                    _(
                        "rcpdash brief: {subject} · {filters} · every row quotes IOM (2005), "
                        "Interstate Cooperation and Migration"
                    )
                    if vs.sources == "report"
                    else _(
                        "rcpdash brief: {subject} · {filters} · every row quotes IOM (2005), "
                        "Interstate Cooperation and Migration, or the public source it names"
                    )
                ).format(subject=subject, filters=filter_summary(vs)),
                className="print-only brief-line",
            ),
        ],
        className="brief-controls",
    )


def empty_message(text: str) -> html.Div:
    """A message where a view has nothing to show (`text` already in the interface language)."""
    return html.Div(html.P(text), className="empty-message", role="status")


def explain(*paragraphs: str) -> html.Div:
    return html.Div([html.P(p) for p in paragraphs], className="explanation")


#: Kinds in the plural, lower case, for the filters in words ("regional organizations, forums").
KIND_PLURALS = {
    "rcp": N_("regional consultative processes"),
    "regional_organization": N_("regional organizations"),
    "programme": N_("programmes"),
    "operation": N_("operations"),
    "agreement": N_("agreements"),
    "forum": N_("forums"),
}


def in_sentence(label: str) -> str:
    """A label ("Jaccard index", "Indice de Jaccard", "Betweenness (brokerage)") inside a sentence: its
    first letter in lower case unless it starts with a name ("Jaccard index" stays so); the rest as is.

    >>> in_sentence("Indice de Jaccard"), in_sentence("Jaccard index"), in_sentence("Degree (distinct partners)")
    ('indice de Jaccard', 'Jaccard index', 'degree (distinct partners)')
    """
    first = label.split(" ", 1)[0]
    return label if first in _NAMES_IN_LABELS else label[:1].lower() + label[1:]


#: Words that start a label and are names, capitalised in any sentence.
_NAMES_IN_LABELS = frozenset({"Jaccard"})


def filter_summary(vs: ViewState, with_year: bool = True) -> str:
    """The filters in words, for figure titles and captions (`with_year` False: for a title that
    already names the year)."""
    parts = []
    if set(vs.regions) != set(REGION_FILTERS):
        parts.append(", ".join(_(REGION_FILTER_LABELS[r]) for r in vs.regions) or _("no region"))
    if len(vs.kinds) < len(KIND_LABELS):
        parts.append(", ".join(_(KIND_PLURALS[k]) for k in vs.kinds) or _("no kind"))
    parts.append(_("members and observers") if vs.roles == "all" else _("members only"))
    if vs.themes:
        themes = ", ".join(_(THEMES[t]).lower() for t in vs.themes)
        parts.append(_("themes: {themes}").format(themes=themes))
    if with_year:
        parts.append(_("as of {year}").format(year=vs.year) if vs.year else _("all years"))
    if vs.edition != DEFAULT.edition:
        # Which edition's lists are counted: a figure copied into a slide must say so.
        parts.append(_(EDITION_SUMMARIES[vs.edition]))
    return " · ".join(parts)


#: How the filter summary names a later edition (the report alone, the default, goes unsaid).
EDITION_SUMMARIES = {"2013": N_("2013 sources"), "both": N_("2005 and 2013 editions")}


def active_filters(vs: ViewState) -> str:
    """The filters of `vs` in words, for the folded filter panel: the figure titles' summary, and
    which memberships are counted when only the report's are."""
    words = filter_summary(vs)
    if vs.sources == "report":
        words += " · " + _("only what the report names")
    return words


def process_labels(flt: GraphFilter) -> dict[str, str]:
    """Short labels for the processes under `flt` (taken from the full graph: same nodes)."""
    full, inc = analysis.full_graph(), analysis.graph_incidence(flt)
    return {n[1]: queries.short_label(queries.node_label(full, n)) for n in (*inc.processes, *inc.states)}


# --------------------------------------------------------------------------------------------------
# Tables (shared by the views and the CSV download)
# --------------------------------------------------------------------------------------------------


def cregion_filter(vs: ViewState) -> GraphFilter:
    """The state × state matrix's filter: the page's filters, within its one region (see
    :attr:`ViewState.matrix_region`)."""
    return GraphFilter(
        regions=REGION_FILTERS[vs.matrix_region],
        kinds=vs.graph_filter().kinds,
        role_class=vs.roles,
        year=vs.year,
        themes=vs.graph_filter().themes,
    )


def theme_cells(vs: ViewState) -> pd.DataFrame:
    """The process × theme cells under the filters: ``process_id, process, region, theme, evidence,
    source_line`` for the processes still in the filtered graph."""
    G = analysis.graph(vs.graph_filter())
    present = {n[1] for n in G if n[0] == PROCESS}
    themes = datasets.dataset().themes
    cells = themes[themes.process_id.isin(present)]
    if vs.themes:
        cells = cells[cells.theme.isin(vs.themes)]
    names = {p: queries.node_label(G, ("process", p)) for p in present}
    regions = {p: G.nodes[("process", p)]["region"] for p in present}
    out = cells.assign(process=cells.process_id.map(names), region=cells.process_id.map(regions))
    return out[["process_id", "process", "region", "theme", "evidence", "source_line"]].reset_index(drop=True)
