"""The compare view: several processes at once (an UpSet chart of their exclusive intersections) and
states side by side.

The numbers come from :mod:`rcpdash.compare` (pure) over the filtered incidence with the link's
what-if edits applied; this module only puts them into tables, a figure and sentences.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ... import analysis, compare, datasets, figures, metrics, queries
from ...config import COMPARE_SELECTIONS, REGION_LABELS, ROLE_LABELS
from ...i18n import N_, _, count_text, format_number
from ...names import sort_key
from ...network import PROCESS, STATE, Incidence
from ...urlstate import ViewState, link
from .. import ids
from .common import (
    SOURCE_CELL_LABELS,
    data_table,
    empty_message,
    explain,
    figure_card,
    filter_summary,
    with_source_cells,
)
from .registry import View, pick_combination

#: The longest process label on the UpSet chart (longer ones end in an ellipsis; hovers have them whole).
CHART_LABEL_LENGTH = 20
#: How many processes or states a one-item comparison suggests adding.
SUGGESTIONS = 5
#: The role of a membership only a what-if edit adds (the CSV's code; the screen translates it).
WHAT_IF_ROLE = "what_if"


# --------------------------------------------------------------------------------------------------
# The numbers (each a frame the view shows and the CSV download sends)
# --------------------------------------------------------------------------------------------------


def compared_incidence(vs: ViewState) -> Incidence:
    """The state × process incidence under the filters, with the link's what-if edits applied."""
    return analysis.edited_incidence(vs.graph_filter(), vs.edits)


def process_label(process_id: str, short: bool = True) -> str:
    """A process's label (its acronym, else its name; `short`: cut as on the chart's axes)."""
    node = (PROCESS, process_id)
    full = analysis.full_graph()
    if node not in full:
        return process_id
    label = queries.node_label(full, node)
    return queries.short_label(label) if short else label


def state_label(iso3: str) -> str:
    """A state's name in the interface language."""
    node = (STATE, iso3)
    full = analysis.full_graph()
    return queries.node_label(full, node) if node in full else iso3


def process_sets(vs: ViewState) -> dict[str, frozenset[str]]:
    """The states of each compared process (ISO codes), in the order picked."""
    return compare.members_of(compared_incidence(vs), vs.processes)


def state_sets(vs: ViewState) -> dict[str, frozenset[str]]:
    """The processes of each compared state (ids), in the order picked."""
    return compare.processes_of(compared_incidence(vs), vs.states)


def intersections(vs: ViewState) -> pd.DataFrame | None:
    """The exclusive intersections of the compared processes (None: fewer than two)."""
    if len(vs.processes) < compare.MIN_COMPARED:
        return None
    return analysis.intersections(vs.graph_filter(), vs.processes, vs.edits)


def intersections_table(vs: ViewState) -> pd.DataFrame | None:
    """One row per non-empty combination, largest first: ``combination`` (labels), ``process_ids``,
    ``processes`` (how many it combines), ``states`` (how many), ``names`` and ``iso3`` of its states."""
    inter = intersections(vs)
    if inter is None:
        return None
    names = [sorted((state_label(s) for s in members), key=sort_key) for members in inter["members"]]
    return pd.DataFrame(
        {
            "combination": [" + ".join(process_label(p) for p in c) for c in inter["combination"]],
            "process_ids": [figures.combination_key(c) for c in inter["combination"]],
            "processes": inter["degree"].to_list(),
            "states": inter["size"].to_list(),
            "names": [", ".join(n) for n in names],
            "iso3": [", ".join(m) for m in inter["members"]],
        }
    )


def picked_members(vs: ViewState) -> tuple[str, ...] | None:
    """The states of the picked combination (None: no combination picked, or not one of the bars)."""
    inter = intersections(vs)
    if inter is None or not vs.combination:
        return None
    match = inter[[tuple(c) == vs.combination for c in inter["combination"]]]
    return tuple(match["members"].iloc[0]) if len(match) else None


def combination_table(vs: ViewState) -> pd.DataFrame | None:
    """The states of the picked combination, one row per state and process, with the role and each
    row's source (the report's words); a membership only a what-if edit adds has the role
    ``what_if`` and no source."""
    members = picked_members(vs)
    if members is None:
        return None
    ds = datasets.dataset()
    G = analysis.graph(vs.graph_filter())
    frames = []
    for process_id in vs.combination:
        rows = queries.process_members(ds, G, process_id)
        rows = rows[rows["iso3"].isin(members)]
        added = [s for s in members if s not in set(rows["iso3"])]
        hypothetical = pd.DataFrame(
            {
                "iso3": added,
                "state": [state_label(s) for s in added],
                "role": WHAT_IF_ROLE,
                "source_line": float("nan"),
            }
        )
        both = pd.concat([rows, hypothetical], ignore_index=True) if added else rows
        frames.append(both.assign(process_id=process_id, process=process_label(process_id)))
    out = pd.concat(frames, ignore_index=True)
    for column in ("source", "source_url", "name_in_source", "years_from", "evidence", "source_id"):
        if column in out.columns:
            out[column] = out[column].fillna("")
    out = out.assign(_order=[sort_key(s) for s in out["state"]])
    columns = ["iso3", "state", "process_id", "process", "role", "since", "until"]
    rest = [c for c in out.columns if c not in columns and c not in ("continent", "_order")]
    return out.sort_values(["_order", "process"], kind="stable", ignore_index=True)[columns + rest]


def _role_codes(vs: ViewState) -> dict[tuple[str, str], str]:
    """(iso3, process_id) → the roles the filtered graph records, comma-separated codes."""
    G = analysis.graph(vs.graph_filter())
    out = {}
    for iso3 in vs.states:
        node = (STATE, iso3)
        if node in G:
            for process in G[node]:
                out[(iso3, process[1])] = ", ".join(G.edges[node, process]["roles"])
    return out


def state_processes_table(vs: ViewState) -> pd.DataFrame | None:
    """The compared states' processes side by side: ``process_id, process`` and one column per state
    (its ISO code) with its roles there (codes; ``what_if`` for a what-if edit, empty: not in it).
    Processes every state sits in first, then those of several, then each state's own."""
    if len(vs.states) < compare.MIN_COMPARED:
        return None
    sets = state_sets(vs)
    labels = {p: process_label(p, short=False) for items in sets.values() for p in items}
    rows = compare.side_by_side(sets, labels)
    roles = _role_codes(vs)
    frame = pd.DataFrame(
        {
            "process_id": rows["item"].to_list(),
            "process": [labels[p] for p in rows["item"]],
            **{
                iso3: [
                    roles.get((iso3, p), WHAT_IF_ROLE) if iso3 in holders else ""
                    for p, holders in zip(rows["item"], rows["holders"], strict=True)
                ]
                for iso3 in vs.states
            },
        }
    )
    return frame


def state_centralities(vs: ViewState, inc: Incidence) -> pd.DataFrame:
    """The one-mode centralities of every state under the filters (what-if edits applied)."""
    if not vs.edits:
        return analysis.centrality(vs.graph_filter(), "state").set_index("id")
    return metrics.projection_centralities(inc, "state")


def state_measures_table(vs: ViewState) -> pd.DataFrame | None:
    """The compared states side by side on where they are and how central: one row per measure
    (``measure``, in the interface language) and one column per state (its ISO code), as text."""
    if len(vs.states) < compare.MIN_COMPARED:
        return None
    full = analysis.full_graph()
    inc = compared_incidence(vs)
    sets = state_sets(vs)
    ranked = compare.ranks(state_centralities(vs, inc), vs.states, metrics.PROJECTION_METRICS)
    rows: list[dict] = []

    def place(key: str) -> dict:
        return {
            iso3: _(full.nodes[(STATE, iso3)][key]) if (STATE, iso3) in full else "" for iso3 in vs.states
        }

    rows.append({"measure": _("Continent"), **place("continent")})
    rows.append({"measure": _("Subregion"), **place("subregion")})
    rows.append(
        {
            "measure": _("Processes"),
            **{iso3: format_number(len(sets[iso3])) for iso3 in vs.states},
        }
    )
    rows.append(
        {"measure": _("Where its processes are"), **{s: _process_regions(sets[s]) for s in vs.states}}
    )
    for metric in metrics.PROJECTION_METRICS:
        cells = {}
        for r in ranked[ranked["metric"] == metric].itertuples():
            cells[r.id] = (
                _("{value} (rank {rank} of {of})").format(
                    value=format_number(r.value), rank=format_number(int(r.rank)), of=format_number(r.of)
                )
                if not pd.isna(r.rank)
                else _("not in the network")
            )
        rows.append({"measure": _(figures.METRIC_LABELS[metric]), **cells})
    return pd.DataFrame(rows, columns=["measure", *vs.states])


def _process_regions(process_ids: frozenset[str]) -> str:
    """How many of the processes the report places in each region: "Africa 5, Interregional 2"."""
    full = analysis.full_graph()
    counts: dict[str, int] = {}
    for p in process_ids:
        region = full.nodes[(PROCESS, p)]["region"]
        counts[region] = counts.get(region, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{_(REGION_LABELS.get(r, r))} {format_number(n)}" for r, n in ordered) or "–"


# --------------------------------------------------------------------------------------------------
# The view
# --------------------------------------------------------------------------------------------------


def ready_selections(vs: ViewState) -> html.Div:
    """The ready comparisons as links (each replaces what is compared)."""
    items: list = [html.Span(_("Ready comparisons:"), className="selection-label")]
    for label, kind, chosen in COMPARE_SELECTIONS.values():
        if getattr(vs, kind) == chosen:
            items.append(html.Strong(_(label), className="selection-link selection-link--active"))
            continue
        changes = {"processes": (), "states": (), "combination": ()}
        changes[kind] = chosen
        items.append(dcc.Link(_(label), href=link(vs, **changes), className="selection-link"))
    return html.Div(items, className="selection-bar screen-only", id="compare-selections")


def _suggestions(vs: ViewState, kind: str) -> html.P | None:
    """For a comparison of one: links that add its closest company (the processes sharing most
    states with it, the states sharing most processes)."""
    inc = analysis.graph_incidence(vs.graph_filter())
    if kind == "processes":
        node = (PROCESS, vs.processes[0])
        if node not in inc.process_index:
            return None
        row = inc.process_overlap[inc.process_index[node]]
        order = sorted(
            (j for j in range(len(row)) if row[j] > 0 and inc.processes[j] != node),
            key=lambda j: (-row[j], inc.processes[j][1]),
        )
        picks = [(inc.processes[j][1], process_label(inc.processes[j][1])) for j in order[:SUGGESTIONS]]
        intro = _("Processes sharing most states with {name}:").format(name=process_label(vs.processes[0]))
    else:
        co = metrics.co_members(analysis.graph(vs.graph_filter()), vs.states[0]).head(SUGGESTIONS)
        picks = [(r.iso3, state_label(r.iso3)) for r in co.itertuples()]
        intro = _("States sharing most processes with {name}:").format(name=state_label(vs.states[0]))
    if not picks:
        return None
    links: list = [intro, " "]
    for i, (key, label) in enumerate(picks):
        if i:
            links.append(" · ")
        links.append(dcc.Link(label, href=link(vs, **{kind: (*getattr(vs, kind), key)}, combination=())))
    return html.P(links, className="compare-suggestions")


def _whatif_note(vs: ViewState) -> html.P | None:
    """Which what-if changes the numbers include, and the way back to the real network."""
    if not vs.edits:
        return None
    return html.P(
        [
            count_text(
                "These numbers include {n} what-if change from a profile.",
                "These numbers include {n} what-if changes from a profile.",
                len(vs.edits),
            ),
            " ",
            dcc.Link(_("Show the real network"), href=link(vs, edits=())),
        ],
        className="reference-note",
        id="compare-whatif-note",
    )


def render_processes(vs: ViewState) -> list:
    """The UpSet chart of the compared processes, its table and the picked combination's states."""
    if len(vs.processes) < compare.MIN_COMPARED:
        return [
            empty_message(
                _("Pick at least one more process in “Processes to compare” above: a comparison needs two.")
            ),
            _suggestions(vs, "processes"),
        ]
    sets = process_sets(vs)
    inter = intersections(vs)
    if inter.empty:
        return [
            empty_message(
                _("No state belongs to any of these processes under these filters. Widen the filters above.")
            )
        ]
    names = {p: process_label(p) for p in vs.processes}
    union = int(inter["size"].sum())
    every = inter[inter["degree"] == len(vs.processes)]
    lead = [
        count_text(
            "{n} state belongs to at least one of these processes under these filters.",
            "{n} states belong to at least one of these processes under these filters.",
            union,
        )
    ]
    if len(every):
        members = sorted((state_label(s) for s in every["members"].iloc[0]), key=sort_key)
        lead.append(
            count_text(
                "{n} belongs to all of them: {states}.",
                "{n} belong to all of them: {states}.",
                len(members),
                states=", ".join(members),
            )
        )
    else:
        lead.append(_("No state belongs to all of them."))
    title = _("Which states sit in which of these processes · {filters}").format(filters=filter_summary(vs))
    fig = figures.upset_chart(
        inter,
        compare.set_sizes(sets),
        # Shorter than elsewhere: the labels share a phone's width with the dot matrix.
        {p: queries.short_label(process_label(p, short=False), CHART_LABEL_LENGTH) for p in vs.processes},
        # The filters on a line of their own (a phone cuts a long one-line title off).
        title.replace(" · ", " ·<br>", 1),
        picked=vs.combination,
    )
    caption = _(
        "Each bar counts the states in exactly the processes its dots name and in none of the other "
        "processes compared; the bars beside the rows give each process's own size. Click a bar to list "
        "its states with their roles and the report's words."
    )
    if len(inter) > figures.MAX_UPSET_BARS:
        caption += " " + _("Only the {n} largest are drawn; the table has them all.").format(
            n=figures.MAX_UPSET_BARS
        )
    children: list = [
        html.P(" ".join(lead), className="lead headline", id="compare-processes-sentence"),
        _whatif_note(vs),
        # On a phone the chart keeps a readable width and scrolls sideways inside its card.
        html.Div(
            figure_card(
                "compare-upset",
                fig,
                "rcpdash-compare-" + "-".join(vs.processes),
                caption,
                table="compare-intersections",
            ),
            className="upset-scroll",
            tabIndex=0,
            role="region",
            **{"aria-label": _("Which states sit in which of these processes")},
        ),
    ]
    children.append(_combination_panel(vs, names))
    children.append(
        data_table(
            intersections_table(vs),
            "compare-intersections",
            _("Every combination of these processes, largest first"),
            {
                "combination": N_("Processes"),
                "processes": N_("How many"),
                "states": N_("States"),
                "names": N_("Which"),
            },
            row_headers=True,
        )
    )
    children.append(_combination_links(vs, inter, names))
    return children


def _combination_panel(vs: ViewState, names: dict[str, str]) -> html.Div:
    """The states of the picked bar, with roles and sources (nothing picked: an empty element, so a
    click fills it in place and the components after it stay as they are)."""
    frame = combination_table(vs)
    if frame is None:
        return html.Div(id="compare-combination-panel")
    title = count_text(
        "In {combination} and no other process compared: {n} state",
        "In {combination} and no other process compared: {n} states",
        frame["iso3"].nunique(),
        combination=" + ".join(names.get(p, p) for p in vs.combination),
    )
    shown = with_source_cells(frame)
    hypothetical = shown["role"] == WHAT_IF_ROLE
    shown = shown.assign(
        role=shown["role"].where(~hypothetical, _("what-if")),
        cited=shown["cited"].where(~hypothetical, _("a what-if change, not in the data")),
    )
    return html.Div(
        [
            data_table(
                shown,
                "compare-combination",
                title,
                {"state": N_("State"), "process": N_("Process"), "role": N_("Role"), **SOURCE_CELL_LABELS},
            ),
            dcc.Link(_("Close this list"), href=link(vs, combination=()), className="selection-link"),
        ],
        className="pair-panel",
        id="compare-combination-panel",
    )


def _combination_links(vs: ViewState, inter: pd.DataFrame, names: dict[str, str]) -> html.Details:
    """Every bar as a link, for the keyboard (a bar of the chart takes no focus)."""
    return html.Details(
        [
            html.Summary(_("List the states of a combination")),
            html.Ul(
                [
                    html.Li(
                        dcc.Link(
                            " + ".join(names.get(p, p) for p in combo) + f" ({format_number(int(size))})",
                            href=link(vs, combination=tuple(combo)),
                        )
                    )
                    for combo, size in zip(inter["combination"], inter["size"], strict=True)
                ],
                className="combination-links",
            ),
        ],
        className="chart-data screen-only",
    )


def render_states(vs: ViewState) -> list:
    """The compared states side by side: the difference in words, their processes, their measures."""
    if len(vs.states) < compare.MIN_COMPARED:
        return [
            empty_message(
                _("Pick at least one more state in “States to compare” above: a comparison needs two.")
            ),
            _suggestions(vs, "states"),
        ]
    sets = state_sets(vs)
    names = {s: state_label(s) for s in vs.states}
    labels = {p: process_label(p, short=False) for items in sets.values() for p in items}
    sentences = compare.difference_sentences(sets, names, labels)
    children: list = [
        html.Div(
            [html.P(s) for s in sentences],
            className="lead headline compare-sentences",
            id="compare-states-sentence",
        ),
        _whatif_note(vs),
    ]
    processes = state_processes_table(vs)
    if processes is not None and len(processes):
        roles = {s: processes[s].map(lambda codes: _role_words(codes)) for s in vs.states}
        children.append(
            data_table(
                processes.assign(**roles),
                "compare-states",
                _("Their processes side by side: shared ones first"),
                {"process": N_("Process"), **names},
                row_headers=True,
            )
        )
    else:
        children.append(empty_message(_("No state of these takes part in a process under these filters.")))
    children.append(
        data_table(
            state_measures_table(vs),
            "compare-state-measures",
            _("Where they are and how central (rank among all states)"),
            {"measure": N_("Measure"), **names},
            row_headers=True,
        )
    )
    return children


def _role_words(codes: str) -> str:
    """A cell of the side-by-side table: the roles in the interface language ("" stays empty)."""
    if not codes:
        return ""
    if codes == WHAT_IF_ROLE:
        return _("what-if")
    return ", ".join(_(ROLE_LABELS.get(c, c)) for c in codes.split(", "))


def render_compare(vs: ViewState) -> list:
    children: list = [ready_selections(vs)]
    if not vs.processes and not vs.states:
        children.append(
            empty_message(
                _(
                    "Pick 2 to 8 processes, or 2 to 6 states, in the lists above, or start from a ready "
                    "comparison: which states sit in all of them, which in only one, and how states differ."
                )
            )
        )
        children.append(explain(upset_note()))
        return children
    if vs.processes:
        children += [html.H3(_("Processes compared"), className="section-title"), *render_processes(vs)]
    if vs.states:
        children += [html.H3(_("States compared"), className="section-title"), *render_states(vs)]
    if vs.processes:
        children.append(explain(upset_note()))
    return [c for c in children if c is not None]


def upset_note() -> str:
    """What an UpSet chart is, in the interface language."""
    return _(
        "An UpSet chart (Lex et al., 2014) shows how several sets overlap where a Venn diagram stops being "
        "readable: each state is counted once, in the bar of exactly the processes it belongs to."
    )


VIEW = View(
    name="compare",
    label=N_("Compare"),
    render=render_compare,
    tables={
        "compare-intersections": intersections_table,
        "compare-combination": combination_table,
        "compare-states": state_processes_table,
        "compare-state-measures": state_measures_table,
    },
    picks={"compare-upset": pick_combination},
    options=(ids.COMPARE_PROCESSES, ids.COMPARE_STATES),
)
