"""The what-if panel of a profile: hypothetical memberships against the real network."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ... import analysis, figures, metrics, queries, whatif
from ...config import REGION_LABELS
from ...i18n import _
from ...names import sort_key
from ...network import state_node
from ...urlstate import ViewState
from .. import ids
from ..translated import dropdown_labels
from .common import (
    COLUMN_LABELS,
    html_table,
)


def comparison_table(frame: pd.DataFrame, caption: str, columns: dict[str, str]) -> html.Div:
    return html.Div(html_table(frame, columns, caption, "table-caption"), className="table-scroll")


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
        key=lambda n: sort_key(queries.node_label(full, n)),
    )
    label = queries.node_label(full, subject)
    add = dcc.Dropdown(
        id=ids.whatif_edit("+"),
        options=[{"label": queries.node_label(full, n), "value": n[1]} for n in candidates],
        value=None,
        placeholder=(_("Add {name} to…") if vs.view == "state" else _("Add a state to {name}…")).format(
            name=label
        ),
        labels=dropdown_labels(),
    )
    remove = dcc.Dropdown(
        id=ids.whatif_edit("-"),
        options=[
            {"label": queries.node_label(full, n), "value": n[1]}
            for n in sorted(current, key=lambda n: sort_key(queries.node_label(full, n)))
        ],
        value=None,
        placeholder=(
            _("Remove {name} from…") if vs.view == "state" else _("Remove a state from {name}…")
        ).format(name=label),
        labels=dropdown_labels(),
    )
    edits = [e for e in vs.edits]
    listed = [
        html.Li(
            (_("Adds {state} to {process}") if op == "+" else _("Removes {state} from {process}")).format(
                state=queries.node_label(full, ("state", s)), process=queries.node_label(full, ("process", p))
            )
        )
        for op, s, p in edits
    ]
    children: list = [
        html.H3(_("What if…?"), className="table-title"),
        html.P(
            _(
                "Try a change and compare with the real network. Nothing in the data changes; the link carries "
                "the hypothetical so you can share it, and one click undoes it."
            ),
            className="caption",
        ),
        html.Div([add, remove], className="whatif-controls"),
    ]
    if not edits:
        return children
    children += [
        html.Ul(listed, className="whatif-edits"),
        html.Button(_("Undo every change"), id=ids.whatif_reset(), type="button", className="csv-download"),
    ]
    edited = whatif.edit_incidence(real, full, vs.edits)
    # On large networks the brokerage and reach metrics need all-pairs paths (~0.2 s each side):
    # compare the cheap ones there, as the centrality view does.
    large = real.matrix.nnz > analysis.LARGE_GRAPH_EDGES
    which = ("degree", "weighted_degree", "eigenvector") if large else metrics.PROJECTION_METRICS
    comparison = whatif.compare_centrality(real, edited, subject, which)
    comparison = comparison.assign(metric=comparison["metric"].map(lambda m: _(figures.METRIC_LABELS[m])))
    children.append(
        comparison_table(
            comparison,
            _("{name}: centrality, real and what-if").format(name=label),
            {
                "metric": _("Metric"),
                "real": _("Real"),
                "what_if": _("What if"),
                "change": _("Change"),
                "rank_real": _("Rank (real)"),
                "rank_what_if": _("Rank (what if)"),
            },
        )
    )
    touched = [p for _, _, p in vs.edits]
    overlaps = whatif.compare_overlaps(real, edited, full, touched)
    if len(overlaps):
        names = {n[1]: queries.node_label(full, n) for n in full if n[0] == "process"}
        overlaps = overlaps.assign(process=overlaps.process.map(names), other=overlaps.other.map(names))
        children.append(
            comparison_table(
                overlaps,
                _("Overlap (Jaccard) of the changed processes with their closest processes"),
                {
                    "process": _("Process"),
                    "other": _("With"),
                    "real": _("Real"),
                    "what_if": _("What if"),
                    "change": _("Change"),
                },
            )
        )
    regions = whatif.compare_regions(real, edited, full)
    if len(regions):
        regions = regions.assign(
            region=regions.region.map(lambda r: _(REGION_LABELS.get(r, r))),
            measure=regions.measure.map(_measure_label),
        )
        children.append(
            comparison_table(
                regions,
                _("Region summary, real and what-if (changed measures only)"),
                {
                    "region": _("Region"),
                    "measure": _("Measure"),
                    "real": _("Real"),
                    "what_if": _("What if"),
                    "change": _("Change"),
                },
            )
        )
    else:
        children.append(html.P(_("The region summaries do not change."), className="caption"))
    return children


def _measure_label(measure: str) -> str:
    """A region measure's name in the interface language (the region view's words)."""
    return _(COLUMN_LABELS.get(measure, measure.replace("_", " ")))
