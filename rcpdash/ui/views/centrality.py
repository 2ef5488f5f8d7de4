"""The centrality view: a top-N ranking with what the metric means."""

from __future__ import annotations

from ... import analysis, figures, metrics
from ...network import STATE
from ...urlstate import ViewState
from .common import (
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
)
from .tables import table_frame


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
