"""The state profile, with 'where could it join?'."""

from __future__ import annotations

from dash import dcc, html

from ... import analysis, datasets, figures, queries, whatif
from ...config import STATE_KIND_LABELS
from ...i18n import N_, _, count_text, format_number
from ...names import state_name
from ...network import ego_graph, layout_positions, state_node
from ...urlstate import ViewState, link, profile_link
from .. import ids
from . import tables
from .common import (
    MAX_EGO_PARTNERS,
    SOURCE_CELL_LABELS,
    brief_controls,
    data_table,
    empty_message,
    figure_card,
    with_source_cells,
)
from .registry import View, open_clicked_state, open_node


def render_state(vs: ViewState) -> list:
    if not vs.state:
        return [empty_message(_("Pick a state above, or click one on the map, to see its profile."))]
    flt = vs.graph_filter()
    G = analysis.graph(flt)
    node = state_node(vs.state)
    base = analysis.full_graph().nodes.get(node)
    if base is None:
        return [empty_message(_("No state with the code {code} in the data.").format(code=vs.state))]
    name = state_name(vs.state, base["name"])
    kind = _(STATE_KIND_LABELS.get(base["entity_kind"], base["entity_kind"]))
    header = html.Div(
        [
            html.H2(name),
            html.P(
                _("{continent} · {subregion} · {kind} · ISO code {code}").format(
                    continent=_(base["continent"]), subregion=_(base["subregion"]), kind=kind, code=vs.state
                )
            ),
        ],
        className="profile-header",
    )
    compare_with = dcc.Link(
        _("Compare {name} with…").format(name=name),
        href=link(vs, view="compare", states=(vs.state,), processes=(), combination=()),
        className="compare-link screen-only",
        id="compare-with",
    )
    header = html.Div([header, brief_controls(vs, name), compare_with])
    if node not in G:
        return [
            header,
            empty_message(_("{name} takes part in no process under these filters.").format(name=name)),
        ]
    memberships = tables.state_memberships_table(vs)
    co = tables.co_members_table(vs)
    ego = ego_graph(G, node, closest=set(co["iso3"].head(MAX_EGO_PARTNERS)))
    ego_fig = figures.network_figure(
        ego,
        layout_positions(ego, iterations=150),  # a small picture settles fast; 500 cost ~30 ms at scale
        _("{name}: its processes and their members").format(name=name),
        height=520,
        selected=node,
        fade=False,
        widths=figures.plot_widths(columns=2),
        presenter=vs.present,
    )
    co_map = co.rename(columns={"shared": "value"}).merge(
        datasets.dataset().states[["iso3", "lat", "lon"]], on="iso3"
    )
    co_map = co_map.assign(
        name=[state_name(i, n) for i, n in zip(co_map["iso3"], co_map["name"], strict=True)],
    )
    map_fig = figures.world_map(
        co_map,
        queries.shaped_codes(),
        _("Who {name} meets, by shared processes").format(name=name),
        value_label=_("Shared processes"),
        height=420,
        highlight=(name, base["lat"], base["lon"]),
    )
    top = co.head(5)
    sentence = _(
        "{name} takes part in {processes} under these filters and meets {partners} in them; most often {most}."
    ).format(
        name=name,
        processes=count_text("{n} process", "{n} processes", G.degree(node)),
        partners=count_text("{n} other state", "{n} other states", len(co)),
        most=", ".join(f"{state_name(r.iso3, r.name)} ({format_number(r.shared)})" for r in top.itertuples()),
    )
    return [
        header,
        html.P(sentence, className="lead headline", id="view-headline"),
        data_table(
            with_source_cells(memberships),
            "state-memberships",
            _("Processes, with each row's source"),
            {
                "process": N_("Process"),
                "role": N_("Role"),
                "since": N_("Since"),
                "until": N_("Until"),
                **SOURCE_CELL_LABELS,
            },
        ),
        html.Div(
            [
                html.Div(
                    figure_card("state-ego", ego_fig, f"rcpdash-{vs.state}-ego", table="state-memberships"),
                    className="screen-only",
                ),
                figure_card("state-map", map_fig, f"rcpdash-{vs.state}-co-members-map", table="co-members"),
            ],
            className="two-columns",
        ),
        data_table(
            co,
            "co-members",
            _("Co-members ranked by shared processes"),
            {"name": N_("State"), "shared": N_("Shared processes"), "processes": N_("Processes")},
            brief_rows=12,
        ),
        html.Div(join_panel(vs, G, name), className="screen-only"),
        html.Div(id=ids.WHATIF_PANEL, className="whatif-panel"),
    ]


def join_panel(vs: ViewState, G, name: str) -> html.Div:
    """'Where could it join?': processes its closest co-members and neighbours are in and it is not."""
    suggestions = whatif.join_suggestions(G, vs.state)
    title = html.H3(_("Where could {name} join?").format(name=name), className="table-title")
    note = html.P(
        _(
            "Processes its nine closest co-members (most shared processes) and the other states of its UN "
            "subregion belong to and it does not, ranked by how many of them are in. A prompt for discussion, "
            "not a prediction."
        ),
        className="caption",
    )
    if suggestions.empty:
        body = html.P(
            _(
                "No suggestion: {name} already sits in every process its closest co-members and "
                "neighbours belong to, under these filters."
            ).format(name=name)
        )
    else:
        body = html.Ol(
            [
                html.Li(
                    [dcc.Link(r.process, href=profile_link(vs, "process", r.process_id)), f" — {r.reason}"]
                )
                for r in suggestions.itertuples()
            ]
        )
    return html.Div([title, note, body], className="links-panel", id="join-panel")


VIEW = View(
    name="state",
    label=N_("State profile"),
    render=render_state,
    tables={"state-memberships": tables.state_memberships_table, "co-members": tables.co_members_table},
    picks={"state-map": open_clicked_state, "state-ego": open_node},
    options=(ids.STATE_SELECT,),
    titled=True,
)
