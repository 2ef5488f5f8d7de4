"""The network view: states and processes, with a node's neighbours highlighted."""

from __future__ import annotations

from dash import dcc, html

from ... import analysis, figures, queries
from ...i18n import N_, _, count_text
from ...names import sort_key
from ...network import STATE
from ...urlstate import ViewState, profile_link
from .. import ids
from . import tables
from .common import (
    data_table,
    empty_message,
    figure_card,
    filter_summary,
)
from .headlines import headline, network_headline, process_network_headline
from .registry import View, toggle_focus


def render_network(vs: ViewState) -> list:
    flt = vs.graph_filter()
    G = analysis.network_graph(flt, vs.graph, vs.multilateral)
    if G.number_of_nodes() == 0:
        return [empty_message(_("No membership matches these filters. Widen the filters above."))]
    focus = figures.parse_node_key(vs.focus)
    processes_only = vs.graph == "processes"
    title = (
        _("Processes linked by shared states · {filters}")
        if processes_only
        else _("States and processes · {filters}")
    )
    fig = figures.network_figure(
        G,
        analysis.positions(),
        title.format(filters=filter_summary(vs)),
        selected=focus,
        presenter=vs.present,
        communities=(
            analysis.network_communities(flt, vs.graph, vs.multilateral) if vs.colour == "community" else None
        ),
    )
    caption = [
        _("Squares: processes, linked when they share member states, sized by the number of links.")
        if processes_only
        else _(
            "Circles: states, coloured by continent. Squares: processes, coloured by the report's region, "
            "sized by the number of links."
        ),
        _("Click a node to highlight its neighbours; click it again to clear. Scroll to zoom, drag to pan."),
    ]
    if vs.colour == "community":
        caption.append(
            _(
                "Colours: communities, groups of nodes more linked among themselves than to the rest "
                "(Louvain method); they are found in the links alone, not in the report's regions."
            )
        )
    if vs.multilateral:
        caption.append(_("Arrangements of two states are left out."))
    if "cut_from" in G.graph:
        caption.append(
            _(
                "Only the {shown} best-connected of {total} nodes are drawn, so the picture stays legible."
            ).format(shown=G.number_of_nodes(), total=G.graph["cut_from"])
        )
    children: list = [
        headline(hubs(G, processes_only)),
        figure_card("network", fig, "rcpdash-network", " ".join(caption), table="network-edges"),
    ]
    if focus is not None and focus in G:
        neighbours = sorted((queries.node_label(G, n) for n in G[focus]), key=sort_key)
        name = queries.node_label(G, focus)
        n = len(neighbours)
        if processes_only:
            heading = count_text(
                "{name}: linked to {n} process", "{name}: linked to {n} processes", n, name=name
            )
        elif focus[0] == STATE:
            heading = count_text("{name}: {n} process", "{name}: {n} processes", n, name=name)
        else:
            heading = count_text("{name}: {n} state", "{name}: {n} states", n, name=name)
        children.append(
            html.Div(
                [
                    html.H3(
                        heading,
                        className="table-title",
                    ),
                    html.P(", ".join(neighbours)),
                    dcc.Link(
                        _("Open the profile"),
                        href=profile_link(vs, focus[0], focus[1]),
                    ),
                ],
                className="focus-panel",
            )
        )
    children.append(
        data_table(tables.network_edges_table(vs), "network-edges", _("Memberships in this network"))
    )
    return children


def hubs(G, processes_only: bool) -> str:
    """The network's headline: its best-linked nodes, named as the drawing labels them."""
    if processes_only:
        return process_network_headline({queries.node_label(G, n): d for n, d in G.degree()})
    by_kind: dict[str, dict[str, int]] = {"process": {}, STATE: {}}
    for node, degree in G.degree():
        by_kind[node[0]][queries.node_label(G, node)] = degree
    return network_headline(by_kind["process"], by_kind[STATE])


VIEW = View(
    name="network",
    label=N_("Network"),
    render=render_network,
    tables={"network-edges": tables.network_edges_table},
    picks={"network": toggle_focus},
    options=(ids.FOCUS_SELECT, ids.GRAPH_SELECT, ids.MULTILATERAL_SWITCH, ids.COLOUR_SELECT),
)
