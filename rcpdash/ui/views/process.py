"""The process profile."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from dash import dcc, html

from ... import analysis, datasets, figures, queries
from ...config import LINK_TYPE_LABELS, ORG_ROLE_LABELS
from ...i18n import N_, _, count_text, format_number
from ...urlstate import DEFAULT, ViewState, profile_link
from ...urlstate import link as view_link
from .. import ids
from . import tables
from .common import (
    SOURCE_CELL_LABELS,
    brief_controls,
    data_table,
    empty_message,
    figure_card,
    process_labels,
    with_source_cells,
)
from .headlines import headline, process_headline
from .registry import View, open_clicked_state


def render_process(vs: ViewState) -> list:
    if not vs.process:
        return [
            empty_message(
                _("Pick a process above, or click one in the network or a chart, to see its profile.")
            )
        ]
    ds = datasets.dataset()
    info = queries.process_info(ds, vs.process)
    if info is None:
        return [empty_message(_("No process with the id {id} in the data.").format(id=vs.process))]
    flt = vs.graph_filter()
    G = analysis.graph(replace(flt, role_class="all"))
    members = tables.process_members_table(vs)
    count_facts = [
        html.Dt(_("Stated membership")),
        html.Dd(
            format_number(info.stated_member_count)
            if info.stated_member_count is not None
            else _("not given")
        ),
        # Under a later edition the rows are not all the report's: the sentence below says whose.
        html.Dt(_("States the report names") if vs.edition == DEFAULT.edition else _("States listed")),
        html.Dd(
            ", ".join(
                [
                    count_text("{n} member", "{n} members", info.listed_members),
                    count_text("{n} observer", "{n} observers", info.listed_observers),
                ]
            )
        ),
    ]
    if info.count_differs or info.count_note:
        # The count note is the dataset's own English comment on the report: shown as written.
        count_facts += [
            html.Dt(_("Count versus names")),
            html.Dd(
                info.count_note or _("The count and the names differ."),
                lang="en" if info.count_note else None,
            ),
        ]
    facts = html.Dl(
        [
            html.Dt(_("Kind")),
            html.Dd(info.kind_label),
            html.Dt(_("Placed by the report in")),
            html.Dd(info.region_label),
            html.Dt(_("Founded")),
            html.Dd(str(int(info.founded)) if info.founded else _("not given")),
            html.Dt(_("Facilitators")),
            html.Dd(", ".join(info.facilitators) or _("none named")),
            *count_facts,
        ],
        className="facts",
    )
    frame = queries.map_process(G, vs.process, analysis.reference_labels())
    if vs.roles == "members":
        frame = frame[frame["status"] == "member"]
    map_fig = figures.process_map(
        frame,
        queries.shaped_codes(),
        _("Where the states of {name} are").format(name=info.acronym or info.name),
    )
    description, description_lang = info.localised_description()
    children = [
        html.Div(
            [
                html.H2(
                    info.name + (f" ({info.acronym})" if info.acronym and info.acronym != info.name else "")
                ),
                brief_controls(vs, info.acronym or info.name),
                dcc.Link(
                    _("Compare {name} with…").format(name=info.acronym or info.name),
                    href=view_link(vs, view="compare", processes=(vs.process,), states=(), combination=()),
                    className="compare-link screen-only",
                    id="compare-with",
                ),
            ],
            className="profile-header",
        ),
        headline(
            process_headline(
                info.acronym or info.name, int((frame["status"] == "member").sum()), closest_processes(vs)
            )
        ),
        html.P(description, className="lead", lang=description_lang),
        # The report's own words stay in English: they are a quotation.
        html.Blockquote(
            [
                html.Span(f"“{info.evidence}”", lang="en"),
                html.Footer(_("Report, line {line}").format(line=info.source_line)),
            ]
        ),
        facts,
        *member_sources_note(vs, info.acronym or info.name),
        figure_card(
            "process-map",
            map_fig,
            f"rcpdash-{vs.process}-map",
            table="process-members" if members is not None and len(members) else None,
        ),
    ]
    if members is not None and len(members):
        children.append(
            data_table(
                with_source_cells(members),
                "process-members",
                _("Members and observers, with each row's source"),
                {
                    "state": N_("State"),
                    "role": N_("Role"),
                    "since": N_("Since"),
                    "until": N_("Until"),
                    **SOURCE_CELL_LABELS,
                },
            )
        )
    else:
        children.append(empty_message(_("The report names no state in this process under these filters.")))
    if len(info.links):
        children.append(
            _quote_list(
                _("Linked processes"),
                [
                    [
                        dcc.Link(row.process, href=profile_link(vs, "process", row.process_id)),
                        " — " + _link_words(row.link, row.year),
                        html.Q(row.evidence, lang="en"),
                        " " + _("(line {line})").format(line=row.source_line),
                    ]
                    for row in info.links.itertuples()
                ],
            )
        )
    children.append(html.Div(id=ids.WHATIF_PANEL, className="whatif-panel"))
    if len(info.organizations):
        children.append(
            _quote_list(
                _("Organizations"),
                [
                    [
                        f"{row.organization} — "
                        + _("{label}: ").format(
                            label=_(ORG_ROLE_LABELS.get(row.role, row.role.replace("_", " ")))
                        ),
                        html.Q(row.evidence, lang="en"),
                    ]
                    for row in info.organizations.itertuples()
                ],
            )
        )
    return children


def closest_processes(vs: ViewState) -> dict[str, int]:
    """The other processes (names as the overlaps view labels them) → the states they share with
    `vs.process`, among the processes the overlaps view compares (empty when it is not one of them)."""
    shared = tables.overlap_matrix(vs.with_changes(selection=None), "shared")
    if vs.process not in shared.index:
        return {}
    labels = process_labels(vs.graph_filter())
    row = shared.loc[vs.process].drop(vs.process)
    return {labels.get(key, key): int(value) for key, value in row.items()}


def member_sources_note(vs: ViewState, name: str) -> list:
    """A sentence saying how many of the process's members the report names and which sources give
    the others ("EU: the report names 9 of its 25 member states in 2005; the other 16 come from …"),
    or, counting only what the report names, how many more the reference sources list. Nothing
    when every member counted is the report's and no reference source adds any."""
    members_only = replace(vs.graph_filter(), role_class="members")
    ds = datasets.dataset()
    counted = queries.member_sources(ds, analysis.graph(members_only), vs.process)
    when = _("in {year}").format(year=vs.year) if vs.year else _("over the years")
    if vs.sources == "report":
        with datasets.sources_in_use("all", vs.edition):
            everything = queries.member_sources(datasets.dataset(), analysis.graph(members_only), vs.process)
        more = everything.total - counted.total
        if more <= 0:
            return []
        sentence = count_text(
            "{name}: reference sources list {n} more member state {when}.",
            "{name}: reference sources list {n} more member states {when}.",
            more,
            name=name,
            when=when,
        )
        return [
            html.P(
                [sentence, " ", dcc.Link(_("Count them too"), href=view_link(vs, sources="all"))],
                className="reference-note",
            )
        ]
    if counted.others == 0:
        return []
    if vs.edition == "2013":
        # The 2013 edition alone counts none of the report's rows: "the report names none" would
        # read as if the report had no list of its own.
        template = count_text(
            "{name}: its {n} member state in the 2013 edition comes from {sources}.",
            "{name}: its {n} member states in the 2013 edition come from {sources}.",
            counted.total,
            name=name,
            sources="{sources}",
        )
    elif counted.named:
        template = count_text(
            "{name}: the report names {named} of its {total} member states {when}; "
            "the other {n} comes from {sources}.",
            "{name}: the report names {named} of its {total} member states {when}; "
            "the other {n} come from {sources}.",
            counted.others,
            name=name,
            named=format_number(counted.named),
            total=format_number(counted.total),
            when=when,
            sources="{sources}",
        )
    else:
        template = count_text(
            "{name}: the report names none of its {n} member state {when}; it comes from {sources}.",
            "{name}: the report names none of its {n} member states {when}; they come from {sources}.",
            counted.total,
            name=name,
            when=when,
            sources="{sources}",
        )
    before, _sep, after = template.partition("{sources}")
    links: list = []
    for index, (title, url) in enumerate(counted.sources):
        if index:
            links.append("; ")
        links.append(html.A(title, href=url, rel="noopener noreferrer") if url else title)
    return [html.P([before, *links, after], className="reference-note", id="member-sources")]


def _link_words(link: str, year) -> str:
    """'joint meeting (2003): ' in the interface language (`link` is the type with spaces)."""
    words = _(LINK_TYPE_LABELS.get(link.replace(" ", "_"), link))
    if pd.isna(year):
        return _("{label}: ").format(label=words)
    return _("{link} ({year}): ").format(link=words, year=int(year))


def _quote_list(title: str, items: list[list]) -> html.Div:
    """A titled list of quoted facts (linked processes, organizations); left out of printed briefs."""
    return html.Div(
        [html.H3(title, className="table-title"), html.Ul([html.Li(item) for item in items])],
        className="links-panel screen-only",
    )


VIEW = View(
    name="process",
    label=N_("Process profile"),
    render=render_process,
    tables={"process-members": tables.process_members_table},
    picks={"process-map": open_clicked_state},
    options=(ids.PROCESS_SELECT,),
    titled=True,
)
