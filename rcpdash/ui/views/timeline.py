"""The timeline view: growth by year and the network as it stood."""

from __future__ import annotations

import pandas as pd

from ... import analysis, figures
from ...config import REGION_LABELS
from ...i18n import N_, _, count_text
from ...urlstate import REGION_FILTERS, ViewState
from .. import ids
from . import tables
from .common import (
    chart_data,
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
)
from .headlines import headline, timeline_headline
from .registry import View, toggle_focus


def growth_table(growth: pd.DataFrame) -> pd.DataFrame:
    """Years as rows, regions as columns, "processes (memberships)" in each cell: one screen, not 300 rows."""
    cells = growth.assign(
        region=growth["region"].map(lambda r: _(REGION_LABELS.get(r, r))),
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
        return [empty_message(_("No dated process under these filters. Widen the filters above."))]
    undated = analysis.undated_processes(flt)
    chart = figures.growth_chart(
        growth, vs.year, _("Growth of cooperation since {year}").format(year=growth["year"].min())
    )
    G = analysis.graph(flt)
    filters = filter_summary(vs)
    if vs.year:
        title = _("The network in {year} · {filters}").format(
            year=vs.year, filters=filter_summary(vs, with_year=False)
        )
        empty = _("No membership stood in {year} under these filters.").format(year=vs.year)
    else:
        title = _("The network in all years (move the slider or press Play) · {filters}").format(
            filters=filters
        )
        empty = _("No membership stood in any year under these filters.")
    network = (
        figures.network_figure(
            # Fewer labels than the network view: the page also holds the growth chart and its table.
            G,
            analysis.positions(),
            title,
            height=560,
            presenter=vs.present,
            label_limit=40,
        )
        if G.number_of_nodes()
        else figures.empty_figure(empty, 560)
    )
    return [
        headline(timeline_headline(growth.groupby("year")["processes"].sum(), vs.year)),
        figure_card("growth", chart, "rcpdash-growth", None, pickable=False, table="growth"),
        explain(
            _(
                "Processes appear in the year the report says they were founded, or else in the first year one of "
                "their memberships is dated. Memberships appear in the year the report says a state joined, "
                "otherwise with their process."
            ),
            *(
                [
                    _(
                        "Two editions: a state both the 2005 report and a 2013 source list in a process is one "
                        "membership from the report's year; one only the report lists ends in 2005 where the 2013 "
                        "source lists that role in full, one only a 2013 source lists starts in 2013. Between the "
                        "two, only what both confirm is counted."
                    )
                ]
                if vs.edition == "both"
                else [
                    _(
                        "The 2013 sources say who is listed in 2013, not since when: their memberships start in "
                        "2013. Some name only part of a process (a meeting's participants)."
                    )
                ]
                if vs.edition == "2013"
                else []
            ),
            count_text(
                "{n} arrangement under these filters has no year in the report and is left out "
                "whenever a year is chosen.",
                "{n} arrangements under these filters have no year in the report and are left out "
                "whenever a year is chosen.",
                undated,
            ),
        ),
        figure_card(
            "network",
            network,
            f"rcpdash-network-{vs.year or 'all'}",
            table=chart_data(
                tables.network_edges_table(vs),
                "network-edges",
                _("Memberships in the network in {year}").format(year=vs.year)
                if vs.year
                else _("Memberships in the network, all years"),
            ),
        ),
        data_table(growth_table(growth), "growth", _("Processes (memberships) per year and region")),
    ]


VIEW = View(
    name="timeline",
    label=N_("Timeline"),
    render=render_timeline,
    tables={"growth": tables.growth_table, "network-edges": tables.network_edges_table},
    picks={"network": toggle_focus},
    options=(ids.YEAR_SLIDER,),
)
