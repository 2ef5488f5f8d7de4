"""The regions view: the report's four regions side by side."""

from __future__ import annotations

from dash import html

from ... import analysis, datasets, figures
from ...config import REGION_LABELS
from ...i18n import N_, _, format_number
from ...names import state_name
from ...urlstate import REGION_FILTERS, ViewState
from . import tables
from .common import (
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
)
from .headlines import headline, regions_headline
from .registry import View

REGION_MEASURE_NOTES = [
    N_(
        "Processes, states and memberships count what the report places in each regional chapter: "
        "a state belongs to a region's row when it is a member of one of that region's processes."
    ),
    N_(
        "Density is the share of possible seats that are filled (memberships ÷ states × processes): "
        "high density means the same states meet in most of the region's forums."
    ),
    N_(
        "Memberships per state (mean and median): how many of the region's processes a typical state sits in."
    ),
    N_(
        "Overlap between its processes is the mean Jaccard index over every pair of the region's processes: "
        "high values mean processes with the same members, i.e. possible duplication."
    ),
    N_(
        "Share of states also in other regions' processes: how outward-looking the region's membership is "
        "(interregional and global arrangements count as other regions)."
    ),
    N_("Links count the explicit cooperation between processes that the report describes."),
]


def render_regions(vs: ViewState) -> list:
    flt = vs.graph_filter()
    table = analysis.region_comparison(flt)
    shown = {r for key in vs.regions for r in REGION_FILTERS[key]}
    table = table[table["region"].isin(shown)].reset_index(drop=True)
    if table.empty:
        return [
            empty_message(
                _("No regional chapter has processes under these filters. Widen the filters above.")
            )
        ]
    fig = figures.region_multiples(
        table, _("The regions side by side · {filters}").format(filters=filter_summary(vs))
    )
    # Shares and means to two decimals, as the chart's bars label them (3 digits in a table of 0.119
    # beside 0.2 read as different precision).
    two_decimals = ("density", "mean_memberships", "mean_jaccard", "outside_share")
    display = table.assign(
        region=table["region"].map(lambda r: _(REGION_LABELS.get(r, r))),
        top_states=table["top_states"].map(_state_list),
        **{c: table[c].map(lambda v: format_number(v, 2)) for c in two_decimals},
    )
    return [
        headline(regions_headline(dict(zip(display["region"], table["processes"], strict=True)))),
        figure_card(
            "regions",
            fig,
            "rcpdash-regions",
            _("One panel per measure; colours are the report's regions."),
            pickable=False,  # a panel's bar is a region: nothing to open
            table="regions",
        ),
        explain(*[_(note) for note in REGION_MEASURE_NOTES]),
        data_table(display, "regions", _("The measures per region")),
        bridge_panel(vs),
    ]


def bridge_panel(vs: ViewState):
    """The bridge states: members of processes in two or more of the report's regional chapters."""
    bridges = tables.bridge_states_table(vs)
    caption = _("Bridge states: in processes of two or more regions")
    note = _(
        "A bridge state is a member of processes the report places in two or more of its four regional "
        "chapters, so it carries contacts from one region's forums to another's."
    )
    if bridges.empty:
        return html.Div(
            [html.H3(caption, className="table-title"), html.P(note, className="caption"),
             html.P(_("No state sits in processes of two regions under these filters."))],
            className="bridge-panel",
            id="bridge-panel",
        )  # fmt: skip
    display = bridges.assign(
        regions=bridges["regions"].map(
            lambda codes: ", ".join(_(REGION_LABELS.get(r, r)) for r in codes.split(";") if r)
        )
    )[["iso3", "name", "continent", "regions", "n_processes"]]
    return html.Div(
        [
            data_table(
                display,
                "bridge-states",
                caption,
                {
                    "name": N_("State"),
                    "continent": N_("Continent"),
                    "regions": N_("Regions of its processes"),
                    "n_processes": N_("Processes"),
                },
            ),
            html.P(note, className="caption"),
        ],
        className="bridge-panel",
        id="bridge-panel",
    )


def _state_list(codes_or_names: str) -> str:
    """The ';'-separated most central states as a readable list, in the interface language."""
    states = datasets.dataset().states.set_index("iso3")["name"]
    by_name = {name: iso3 for iso3, name in states.items()}
    items = [x.strip() for x in str(codes_or_names).split(";") if x.strip()]
    return ", ".join(
        state_name(by_name.get(x, x), x) if x in by_name or x in states.index else x for x in items
    )


VIEW = View(
    name="regions",
    label=N_("Regions"),
    render=render_regions,
    tables={"regions": tables.regions_table, "bridge-states": tables.bridge_states_table},
)
