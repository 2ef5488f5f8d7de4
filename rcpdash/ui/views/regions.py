"""The regions view: the report's four regions side by side."""

from __future__ import annotations

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

REGION_MEASURE_NOTES = [
    "Processes, states and memberships count what the report places in each regional chapter: "
    "a state belongs to a region's row when it is a member of one of that region's processes.",
    "Density is the share of possible seats that are filled (memberships ÷ states × processes): "
    "high density means the same states meet in most of the region's forums.",
    "Memberships per state (mean and median): how many of the region's processes a typical state sits in.",
    "Overlap between its processes is the mean Jaccard index over every pair of the region's processes: "
    "high values mean processes with the same members, i.e. possible duplication.",
    "Share of states also in other regions' processes: how outward-looking the region's membership is "
    "(interregional and global arrangements count as other regions).",
    "Links count the explicit cooperation between processes that the report describes.",
]


def render_regions(vs: ViewState) -> list:
    flt = vs.graph_filter()
    table = analysis.region_comparison(flt)
    shown = {r for key in vs.regions for r in REGION_FILTERS[key]}
    table = table[table["region"].isin(shown)].reset_index(drop=True)
    if table.empty:
        return [
            empty_message("No regional chapter has processes under these filters. Widen the filters above.")
        ]
    fig = figures.region_multiples(table, f"The regions side by side · {filter_summary(vs)}")
    display = table.assign(
        region=table["region"].map(REGION_LABELS),
        top_states=table["top_states"].str.replace(";", ", "),
    )
    return [
        figure_card(
            "regions", fig, "rcpdash-regions", "One panel per measure; colours are the report's regions."
        ),
        explain(*REGION_MEASURE_NOTES),
        data_table(display, "regions", "The regions side by side"),
    ]
