"""The state profile, with 'where could it join?'."""

from __future__ import annotations

from dash import dcc, html

from ... import analysis, figures, queries, whatif
from ...network import ego_graph, layout_positions, state_node
from ...urlstate import ViewState
from .. import ids
from .common import (
    MAX_EGO_PARTNERS,
    brief_controls,
    data_table,
    empty_message,
    figure_card,
)
from .tables import table_frame


def render_state(vs: ViewState) -> list:
    if not vs.state:
        return [empty_message("Pick a state above, or click one on the map, to see its profile.")]
    flt = vs.graph_filter()
    G = analysis.graph(flt)
    node = state_node(vs.state)
    base = analysis.full_graph().nodes.get(node)
    if base is None:
        return [empty_message(f"No state with the code {vs.state} in the data.")]
    header = html.Div(
        [
            html.H2(base["name"]),
            html.P(
                f"{base['continent']} · {base['subregion']} · {base['entity_kind']} · ISO code {vs.state}"
            ),
        ],
        className="profile-header",
    )
    header = html.Div([header, brief_controls(vs, base["name"])])
    if node not in G:
        return [header, empty_message(f"{base['name']} takes part in no process under these filters.")]
    memberships = table_frame(vs, "state-memberships")
    co = table_frame(vs, "co-members")
    ego = ego_graph(G, node, closest=set(co["iso3"].head(MAX_EGO_PARTNERS)))
    ego_fig = figures.network_figure(
        ego,
        layout_positions(ego, iterations=150),  # a small picture settles fast; 500 cost ~30 ms at scale
        f"{base['name']}: its processes and their members",
        height=520,
        label_top=40,
    )
    co_map = co.rename(columns={"shared": "value"}).merge(
        analysis.dataset().states[["iso3", "lat", "lon"]], on="iso3"
    )
    co_map = co_map.assign(processes=co_map["processes"].str.replace(";", ", "))
    map_fig = figures.world_map(
        co_map,
        queries.shaped_codes(),
        f"Who {base['name']} meets, by shared processes",
        value_label="Shared processes",
        height=420,
        highlight=(base["name"], base["lat"], base["lon"]),
    )
    top = co.head(5)
    sentence = (
        f"{base['name']} takes part in {G.degree(node)} process(es) under these filters and meets "
        f"{len(co)} other states in them; most often "
        + ", ".join(f"{r.name} ({r.shared})" for r in top.itertuples())
        + "."
    )
    return [
        header,
        html.P(sentence, className="lead"),
        data_table(
            memberships,
            "state-memberships",
            "Processes, with the report's words",
            {
                "process": "Process",
                "role": "Role",
                "since": "Since",
                "until": "Until",
                "evidence": "Source quote",
                "source_line": "Line",
            },
        ),
        html.Div(
            [
                html.Div(
                    figure_card("state-ego", ego_fig, f"rcpdash-{vs.state}-ego"), className="screen-only"
                ),
                figure_card("state-map", map_fig, f"rcpdash-{vs.state}-co-members-map"),
            ],
            className="two-columns",
        ),
        data_table(co, "co-members", "Co-members ranked by shared processes", brief_rows=12),
        html.Div(join_panel(vs, G, base["name"]), className="screen-only"),
        html.Div(id=ids.WHATIF_PANEL, className="whatif-panel"),
    ]


def join_panel(vs: ViewState, G, name: str) -> html.Div:
    """'Where could it join?': processes its closest co-members and neighbours are in and it is not."""
    suggestions = whatif.join_suggestions(G, vs.state)
    title = html.H3(f"Where could {name} join?", className="table-title")
    note = html.P(
        "Processes its nine closest co-members (most shared processes) and the other states of its UN "
        "subregion belong to and it does not, ranked by how many of them are in. A prompt for discussion, "
        "not a prediction.",
        className="caption",
    )
    if suggestions.empty:
        body = html.P(
            f"No suggestion: {name} already sits in every process its closest co-members and "
            "neighbours belong to, under these filters."
        )
    else:
        body = html.Ol(
            [
                html.Li([dcc.Link(r.process, href=f"?view=process&process={r.process_id}"), f" — {r.reason}"])
                for r in suggestions.itertuples()
            ]
        )
    return html.Div([title, note, body], className="links-panel", id="join-panel")
