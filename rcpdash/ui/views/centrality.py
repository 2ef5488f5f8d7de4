"""The centrality view: a top-N ranking with what the metric means."""

from __future__ import annotations

from ... import analysis, figures, metrics
from ...i18n import N_, _
from ...names import state_name
from ...network import STATE
from ...urlstate import ViewState
from .. import ids
from . import tables
from .common import (
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
    in_sentence,
)
from .headlines import centrality_headline, headline
from .registry import View, open_ranked


def render_centrality(vs: ViewState) -> list:
    flt = vs.graph_filter()
    table = analysis.centrality(flt, vs.side, vs.metric)
    if table.empty:
        return [empty_message(_("Nothing to rank under these filters. Widen the filters above."))]
    ranked = localise_names(metrics.top_n(table, vs.metric, vs.top), vs.side)
    label = _(figures.METRIC_LABELS[vs.metric])
    states = vs.side == STATE
    title = (
        _("Top {n} states by {metric} · {filters}")
        if states
        else _("Top {n} processes by {metric} · {filters}")
    ).format(n=len(ranked), metric=in_sentence(label), filters=filter_summary(vs))
    fig = figures.centrality_bars(ranked, vs.metric, vs.side, title)
    every = len(table.columns) > 6
    if states:
        table_title = (
            _("Top {n} states: every metric")
            if every
            else _("Top {n} states: this metric and the degrees (large network)")
        )
    else:
        table_title = (
            _("Top {n} processes: every metric")
            if every
            else _("Top {n} processes: this metric and the degrees (large network)")
        )
    return [
        headline(centrality_headline(ranked, vs.metric, in_sentence(label), states)),
        figure_card(
            "centrality",
            fig,
            f"rcpdash-centrality-{vs.side}-{vs.metric}",
            _("Colour: continent. Click a bar to open the profile.")
            if states
            else _(
                "Colour: the region where the report places the process. Click a bar to open the profile."
            ),
            table="centrality",
        ),
        explain(
            _("{metric}: {meaning}").format(metric=label, meaning=_(metrics.CENTRALITY_METRICS[vs.metric])),
            (
                _(
                    "Computed on the network of states linked by the processes they share, under the filters above."
                )
                if states
                else _(
                    "Computed on the network of processes linked by the states they share, under the filters above."
                )
            )
            + " "
            + _(
                "Values are relative to the arrangements the report names: a state the report says little about "
                "scores low because of the report, not necessarily because of its diplomacy."
            ),
        ),
        data_table(
            localise_names(tables.centrality_table(vs), vs.side),
            "centrality",
            table_title.format(n=len(ranked)),
        ),
    ]


def localise_names(frame, side: str):
    """A centrality frame (``id, name, …``) with state names in the interface language."""
    if side != STATE or frame is None:
        return frame
    return frame.assign(name=[state_name(i, n) for i, n in zip(frame["id"], frame["name"], strict=True)])


VIEW = View(
    name="centrality",
    label=N_("Centrality"),
    render=render_centrality,
    tables={"centrality": tables.centrality_table},
    picks={"centrality": open_ranked},
    options=(ids.METRIC_SELECT, ids.SIDE_SELECT, ids.TOP_SELECT),
)
