"""The timeline view: growth by year and the network as it stood."""

from __future__ import annotations

import pandas as pd

from ... import analysis, figures
from ...config import REGION_LABELS
from ...urlstate import REGION_FILTERS, ViewState
from .common import (
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
)


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
