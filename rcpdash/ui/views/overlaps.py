"""The overlaps view: process × process and state × state matrices."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ... import analysis, figures, queries
from ...config import PROCESS_SELECTIONS
from ...i18n import N_, _, count_text, format_number
from ...names import state_name
from ...network import STATE
from ...urlstate import ViewState, link
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
from .headlines import headline, overlap_headline
from .registry import View, open_row_state, pick_pair

#: The longest state name a state × state matrix shows whole.
STATE_LABEL_LENGTH = 40


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


#: The states in the most processes of a selection that its sentence names (the table lists every state).
MAX_NAMED_STATES = 5


def selection_bar(vs: ViewState) -> html.Div:
    """The ready selections as links (the link's ``selection``), and the way back to every process."""
    items: list = [html.Span(_("Ready selection:"), className="selection-label")]
    for key, (label, _ids, region) in PROCESS_SELECTIONS.items():
        if vs.selection == key:  # the one shown: a label, not a link to itself
            items.append(html.Strong(_(label), className="selection-link selection-link--active"))
        else:
            items.append(
                dcc.Link(
                    _(label),
                    href=link(vs, selection=key, cregion=region, pair=None),
                    className="selection-link",
                )
            )
    if vs.selection:
        items.append(
            dcc.Link(
                _("Show every process"), href=link(vs, selection=None, pair=None), className="selection-link"
            )
        )
    return html.Div(items, className="selection-bar screen-only", id="selection-bar")


def selection_summary(vs: ViewState, within: pd.DataFrame) -> html.Div:
    """How many states sit in one, two, three… of the selection's processes, the states in the most
    named with theirs ("Kenya sits in 3: COMESA, EAC, IGAD"), and the table of every state."""
    label = _(PROCESS_SELECTIONS[vs.selection][0])
    if within.empty:
        return empty_message(
            _("{selection}: no state belongs to any of them under these filters.").format(selection=label)
        )
    by_count = within["count"].value_counts().sort_index(ascending=False)
    spread = "; ".join(
        _("in {k}: {states}").format(
            k=format_number(int(k)), states=count_text("{n} state", "{n} states", int(n))
        )
        for k, n in by_count.items()
    )
    sentence = " ".join(
        [
            count_text(
                "{selection}: {n} state belongs to them under these filters.",
                "{selection}: {n} states belong to them under these filters.",
                len(within),
                selection=label,
            ),
            _("How many of them each belongs to: {spread}.").format(spread=spread),
        ]
    )
    most = within[within["count"] == within["count"].max()]
    if int(most["count"].iloc[0]) >= 2:
        named = [
            _("{state} sits in {n}: {processes}").format(
                state=state_name(r.iso3, r.name), n=format_number(r.count), processes=r.processes
            )
            for r in most.head(MAX_NAMED_STATES).itertuples()
        ]
        if len(most) > MAX_NAMED_STATES:
            named.append(_("and {n} more").format(n=format_number(len(most) - MAX_NAMED_STATES)))
        sentence += " " + _("In the most: {states}.").format(states="; ".join(named))
    else:
        sentence += " " + _("No state belongs to two of them.")
    return html.Div(
        [
            html.P(sentence, className="lead", id="selection-sentence"),
            data_table(
                within,
                "selection-counts",
                _("{selection}: states by how many of them they belong to").format(selection=label),
                {"name": N_("State"), "count": N_("How many"), "processes": N_("Which")},
            ),
        ],
        className="selection-panel",
    )


def render_overlaps(vs: ViewState) -> list:
    flt = vs.graph_filter()
    full = tables.overlap_matrix(vs)
    shown_rows = PRESENT_MATRIX_ROWS if vs.present else analysis.MAX_MATRIX_ROWS
    shared_members = tables.overlap_matrix(vs, "shared")
    matrix = largest(full, shared_members, shown_rows)
    labels = process_labels(flt)
    # Asked of the processes on screen, named in full (the hover names them in full too).
    top_line = headline(overlap_headline(shared_members.loc[matrix.index, matrix.index], labels))
    if vs.present:
        labels = {key: queries.short_label(label, PRESENT_LABEL_LENGTH) for key, label in labels.items()}
    bar = selection_bar(vs)
    within = tables.selection_counts_table(vs)
    if matrix.empty:
        if vs.selection:
            message = _(
                "{selection}: none has {n} or more states under these filters. Widen the filters above."
            ).format(selection=_(PROCESS_SELECTIONS[vs.selection][0]), n=analysis.MIN_OVERLAP_SIZE)
            return [bar, empty_message(message), selection_summary(vs, within)]
        return [
            bar,
            empty_message(
                _("No process has {n} or more states under these filters. Widen the filters above.").format(
                    n=analysis.MIN_OVERLAP_SIZE
                )
            ),
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
        top_line,
        bar,
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
    if within is not None:
        children.append(selection_summary(vs, within))
    if vs.pair and vs.pair[0] in matrix.index and vs.pair[1] in matrix.index:
        a, b = vs.pair
        shared = tables.shared_members_table(vs)
        title = _("States in both {a} and {b}: {n}").format(
            a=labels.get(a, a), b=labels.get(b, b), n=len(shared)
        )
        # The pair is where a wider comparison starts: both processes, ready for a third.
        compare_pair = dcc.Link(
            _("Compare {a} and {b} in detail (add more processes there)").format(
                a=labels.get(a, a), b=labels.get(b, b)
            ),
            href=link(vs, view="compare", processes=(a, b), states=(), combination=()),
            className="compare-link",
            id="compare-pair",
        )
        children.append(
            html.Div(
                [data_table(shared, "shared-members", title), compare_pair]
                if len(shared)
                else [
                    html.H3(title, className="table-title"),
                    html.P(_("These two processes share no state.")),
                    compare_pair,
                ],
                className="pair-panel",
                id="pair-panel",
            )
        )
    if vs.matrix_region != vs.cregion:
        # The region filter wins over the matrix's own choice; say so where the matrix starts.
        children.append(
            html.P(
                _(
                    "The region filter leaves out {chosen}, so the state × state matrix shows {region}. "
                    "Tick {chosen} under Filters to see its states."
                ).format(
                    chosen=_(REGION_FILTER_LABELS[vs.cregion]),
                    region=_(REGION_FILTER_LABELS[vs.matrix_region]),
                ),
                className="filter-note",
                id="matrix-region-note",
            )
        )
    co = analysis.co_membership(cregion_filter(vs))
    region = _(REGION_FILTER_LABELS[vs.matrix_region])
    if co.empty:
        children.append(
            empty_message(
                _("No state takes part in a {region} process under these filters.").format(region=region)
            )
        )
    else:
        full = analysis.full_graph()
        # Cut like the process labels: an uploaded state's 600-character name ran off the plot. Every
        # state name in the report's data (at most 37 characters) is shown whole.
        names = {
            n[1]: queries.short_label(queries.node_label(full, n), STATE_LABEL_LENGTH)
            for n in full
            if n[0] == STATE
        }
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
                f"rcpdash-co-membership-{vs.matrix_region}",
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
        "selection-counts": tables.selection_counts_table,
    },
    picks={"overlap": pick_pair, "co-membership": open_row_state},
    options=(ids.MEASURE_SELECT, ids.CREGION_SELECT),
)
