"""The overlaps view: process × process and state × state matrices."""

from __future__ import annotations

from dash import html

from ... import analysis, figures
from ...network import STATE
from ...urlstate import ViewState
from ..layout import REGION_FILTER_LABELS
from .common import (
    cregion_filter,
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
    process_labels,
)
from .tables import table_frame


def _matrix_height(n: int) -> int:
    """Enough height for `n` readable rows, within what a projector shows."""
    return int(min(1100, max(480, 14 * n + 260)))


def render_overlaps(vs: ViewState) -> list:
    flt = vs.graph_filter()
    matrix = analysis.overlap(flt, vs.measure)
    labels = process_labels(flt)
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
    co = analysis.co_membership(cregion_filter(vs))
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
