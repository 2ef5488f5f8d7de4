"""The overlaps view: process × process and state × state matrices."""

from __future__ import annotations

import pandas as pd
from dash import html

from ... import analysis, figures, queries
from ...i18n import N_, _
from ...network import STATE
from ...urlstate import ViewState
from .. import ids
from ..labels import REGION_FILTER_LABELS
from . import tables
from .common import (
    chart_data,
    cregion_filter,
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
    in_sentence,
    process_labels,
)
from .registry import View, open_row_state, pick_pair


def _matrix_height(n: int) -> int:
    """Enough height for `n` readable rows, within what a projector shows."""
    return int(min(1100, max(480, 14 * n + 260)))


#: Rows of the heatmap in presenter mode: a projector's screen shows this many with legible labels.
PRESENT_MATRIX_ROWS = 20
#: Longest process label in presenter mode (longer names end in an ellipsis; the hover has them whole).
PRESENT_LABEL_LENGTH = 22


def largest(matrix: pd.DataFrame, shared: pd.DataFrame, n: int) -> pd.DataFrame:
    """The `n` largest processes of `matrix`, in its order; sizes are the diagonal of the
    shared-members matrix `shared` (the states each process has)."""
    if len(matrix) <= n:
        return matrix
    sizes = pd.Series(shared.to_numpy().diagonal(), index=shared.index)
    keep = set(sizes.sort_values(ascending=False, kind="stable").index[:n])
    order = [p for p in matrix.index if p in keep]
    return matrix.loc[order, order]


def render_overlaps(vs: ViewState) -> list:
    flt = vs.graph_filter()
    full = analysis.overlap(flt, vs.measure)
    shown_rows = PRESENT_MATRIX_ROWS if vs.present else analysis.MAX_MATRIX_ROWS
    matrix = largest(full, analysis.overlap(flt, "shared"), shown_rows)
    labels = process_labels(flt)
    if vs.present:
        labels = {key: queries.short_label(label, PRESENT_LABEL_LENGTH) for key, label in labels.items()}
    if matrix.empty:
        return [
            empty_message(
                _("No process has {n} or more states under these filters. Widen the filters above.").format(
                    n=analysis.MIN_OVERLAP_SIZE
                )
            )
        ]
    label = _(figures.MEASURE_LABELS[vs.measure])
    fig = figures.matrix_heatmap(
        matrix,
        labels,
        _("Process × process overlap: {measure} · {filters}").format(
            measure=in_sentence(label), filters=filter_summary(vs)
        ),
        label,
        height=_matrix_height(len(matrix)),
    )
    caption = _(
        "Ordered by hierarchical clustering (average linkage on 1 − Jaccard), so blocks of processes "
        "with the same members sit together. Click a cell to list the states two processes share. "
        "Processes with fewer than {n} states (mostly bilateral agreements) are left out here."
    ).format(n=analysis.MIN_OVERLAP_SIZE)
    if len(matrix) >= shown_rows:
        caption += " " + _("Only the {n} largest are shown.").format(n=shown_rows)
    children: list = [
        figure_card(
            "overlap",
            fig,
            f"rcpdash-overlap-{vs.measure}",
            caption,
            table=chart_data(
                tables.overlap_pairs_table(vs),
                "overlap-pairs",
                _("Process pairs by {measure}, largest first").format(measure=in_sentence(label)),
                {"process": _("Process"), "with": _("With"), vs.measure: label},
            ),
        ),
        explain(
            _(
                "Shared members counts the states in both processes. The Jaccard index divides that by the "
                "states in either (1 = identical membership). The overlap coefficient divides it by the size of "
                "the smaller process (1 = one process's members all sit in the other, a sign of duplication)."
            )
        ),
    ]
    if vs.pair and vs.pair[0] in matrix.index and vs.pair[1] in matrix.index:
        a, b = vs.pair
        shared = tables.shared_members_table(vs)
        title = _("States in both {a} and {b}: {n}").format(
            a=labels.get(a, a), b=labels.get(b, b), n=len(shared)
        )
        children.append(
            html.Div(
                [data_table(shared, "shared-members", title)]
                if len(shared)
                else [
                    html.H3(title, className="table-title"),
                    html.P(_("These two processes share no state.")),
                ],
                className="pair-panel",
                id="pair-panel",
            )
        )
    co = analysis.co_membership(cregion_filter(vs))
    region = _(REGION_FILTER_LABELS[vs.cregion])
    if co.empty:
        children.append(
            empty_message(
                _("No state takes part in a {region} process under these filters.").format(region=region)
            )
        )
    else:
        full = analysis.full_graph()
        names = {n[1]: queries.node_label(full, n) for n in full if n[0] == STATE}
        co_fig = figures.matrix_heatmap(
            co,
            names,
            _("State × state co-membership in {region} processes").format(region=region),
            _("Shared processes"),
            height=_matrix_height(len(co)),
        )
        children.append(
            figure_card(
                "co-membership",
                co_fig,
                f"rcpdash-co-membership-{vs.cregion}",
                _(
                    "How many of the region's processes each pair of states shares. The diagonal (a state with "
                    "itself) is left off the colour scale; hover it for the state's own count. Click a row to open "
                    "that state's profile."
                ),
                table=chart_data(
                    tables.co_membership_pairs_table(vs),
                    "co-membership-pairs",
                    _("Pairs of states by processes shared in {region}, most first").format(region=region),
                    {"state": _("State"), "with": _("With"), "shared": _("Shared processes")},
                ),
            )
        )
    return children


VIEW = View(
    name="overlaps",
    label=N_("Overlaps"),
    render=render_overlaps,
    tables={
        "overlap": tables.overlap_table,
        "overlap-pairs": tables.overlap_pairs_table,
        "co-membership": tables.co_membership_table,
        "co-membership-pairs": tables.co_membership_pairs_table,
        "shared-members": tables.shared_members_table,
    },
    picks={"overlap": pick_pair, "co-membership": open_row_state},
    options=(ids.MEASURE_SELECT, ids.CREGION_SELECT),
)
