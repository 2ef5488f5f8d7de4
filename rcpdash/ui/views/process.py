"""The process profile."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from dash import dcc, html

from ... import analysis, figures, queries
from ...urlstate import ViewState
from .. import ids
from .common import (
    brief_controls,
    data_table,
    empty_message,
    figure_card,
)
from .tables import table_frame


def render_process(vs: ViewState) -> list:
    if not vs.process:
        return [
            empty_message("Pick a process above, or click one in the network or a chart, to see its profile.")
        ]
    ds = analysis.dataset()
    info = queries.process_info(ds, vs.process)
    if info is None:
        return [empty_message(f"No process with the id {vs.process} in the data.")]
    flt = vs.graph_filter()
    G = analysis.graph(replace(flt, role_class="all"))
    members = table_frame(vs, "process-members")
    count_text = [
        html.Dt("Stated membership"),
        html.Dd(str(info.stated_member_count) if info.stated_member_count is not None else "not given"),
        html.Dt("States the report names"),
        html.Dd(f"{info.listed_members} member(s), {info.listed_observers} observer(s)"),
    ]
    if info.count_differs or info.count_note:
        count_text += [
            html.Dt("Count versus names"),
            html.Dd(info.count_note or "The count and the names differ."),
        ]
    facts = html.Dl(
        [
            html.Dt("Kind"),
            html.Dd(info.kind_label),
            html.Dt("Placed by the report in"),
            html.Dd(info.region_label),
            html.Dt("Founded"),
            html.Dd(str(info.founded) if info.founded else "not given"),
            html.Dt("Facilitators"),
            html.Dd(", ".join(info.facilitators) or "none named"),
            *count_text,
        ],
        className="facts",
    )
    frame = queries.map_process(G, vs.process)
    if vs.roles == "members":
        frame = frame[frame["status"] == "member"]
    map_fig = figures.process_map(
        frame, queries.shaped_codes(), f"Where {info.acronym or info.name}'s states are"
    )
    children = [
        html.Div(
            [
                html.H2(
                    info.name + (f" ({info.acronym})" if info.acronym and info.acronym != info.name else "")
                ),
                brief_controls(vs, info.acronym or info.name),
            ],
            className="profile-header",
        ),
        html.P(info.description, className="lead"),
        html.Blockquote([f"“{info.evidence}”", html.Footer(f"Report, line {info.source_line}")]),
        facts,
        figure_card("process-map", map_fig, f"rcpdash-{vs.process}-map"),
    ]
    if members is not None and len(members):
        children.append(
            data_table(
                members,
                "process-members",
                "Members and observers, with the report's words",
                {
                    "state": "State",
                    "role": "Role",
                    "since": "Since",
                    "until": "Until",
                    "evidence": "Source quote",
                    "source_line": "Line",
                },
            )
        )
    else:
        children.append(empty_message("The report names no state in this process under these filters."))
    if len(info.links):
        children.append(
            _quote_list(
                "Linked processes",
                [
                    [
                        dcc.Link(row.process, href=f"?view=process&process={row.process_id}"),
                        f" — {row.link}" + (f" ({row.year})" if not pd.isna(row.year) else "") + ": ",
                        html.Q(row.evidence),
                        f" (line {row.source_line})",
                    ]
                    for row in info.links.itertuples()
                ],
            )
        )
    children.append(html.Div(id=ids.WHATIF_PANEL, className="whatif-panel"))
    if len(info.organizations):
        children.append(
            _quote_list(
                "Organizations",
                [
                    [f"{row.organization} — {row.role.replace('_', ' ')}: ", html.Q(row.evidence)]
                    for row in info.organizations.itertuples()
                ],
            )
        )
    return children


def _quote_list(title: str, items: list[list]) -> html.Div:
    """A titled list of quoted facts (linked processes, organizations); left out of printed briefs."""
    return html.Div(
        [html.H3(title, className="table-title"), html.Ul([html.Li(item) for item in items])],
        className="links-panel screen-only",
    )
