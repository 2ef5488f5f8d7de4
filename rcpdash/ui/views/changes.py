"""The "then and now" view: who is newly listed, no longer listed or changed role between the 2005 report
and a later edition, read only as far as each later source lists its process."""

from __future__ import annotations

import pandas as pd
from dash import html

from ... import datasets, figures, i18n, queries
from ...config import REGION_LABELS
from ...i18n import N_, _, count_text, format_number
from ...urlstate import REGION_FILTERS, ViewState
from .common import Linked, data_table, empty_message, explain, figure_card
from .headlines import headline
from .registry import View, open_clicked_state

#: The change table's headers: both editions' roles and words side by side.
CHANGE_TABLE_COLUMNS = {
    "state": N_("State"),
    "process": N_("Process"),
    "change_label": N_("Change"),
    "roles_then": N_("Role in 2005"),
    "quote_then": N_("The report's words"),
    "line_then": N_("Line"),
    "roles_now": N_("Role in the later edition"),
    "quote_now": N_("The later edition's words"),
    "source_now": N_("Later source"),
}


def changes_frame(vs: ViewState) -> pd.DataFrame:
    """Every change between the editions in the regions `vs` keeps (the files' own rows, whatever
    edition the views count), with the change in words."""
    with datasets.sources_in_use("report"):
        frame = _every_change(i18n.current())
    shown = {r for key in vs.regions for r in REGION_FILTERS[key]}
    frame = frame[frame["region"].isin(shown)]
    return frame.assign(change_label=frame["change"].map(lambda c: _(figures.CHANGE_LABELS[c])))


@datasets.per_dataset()
def _every_change(language: str) -> pd.DataFrame:
    """:func:`rcpdash.queries.edition_changes` of the request's dataset, cached per dataset and language
    (its roles are worded in `language`): about 90 ms of every re-render of this view otherwise."""
    return queries.edition_changes(datasets.dataset())


def change_sentence(frame: pd.DataFrame) -> list[str]:
    """One sentence per process reading its change ("Budapest Process: 35 member states in 2005, 49 in
    2013, …"). What a later source leaves out is read only as far as it lists the process (its
    ``listing``): a partial list names who is still there, never who left."""
    sentences = []
    for process, rows in frame.groupby("process", sort=True):
        counts = rows["change"].value_counts()
        changed = rows.loc[rows["change"] == "role_changed", "state"].tolist()
        listing = rows["listing"].iloc[0]
        named_now = int((rows["status_now"] != "").sum())
        if listing == "partial":
            also = int(((rows["status_then"] != "") & (rows["status_now"] != "")).sum())
            several = rows.loc[rows["source_now"] != "", "source_now"].nunique() > 1
            if several:
                sentence = count_text(
                    "{process}: the 2013 sources name {n} of its states ({also} also listed in 2005); they "
                    "name only some, so they cannot say who left.",
                    "{process}: the 2013 sources name {n} of its states ({also} also listed in 2005); they "
                    "name only some, so they cannot say who left.",
                    named_now,
                    process=process,
                    also=format_number(also),
                )
            else:
                sentence = count_text(
                    "{process}: the 2013 source names {n} of its states ({also} also listed in 2005); it names "
                    "only some, so it cannot say who left.",
                    "{process}: the 2013 source names {n} of its states ({also} also listed in 2005); it names "
                    "only some, so it cannot say who left.",
                    named_now,
                    process=process,
                    also=format_number(also),
                )
            sentences.append(sentence)
            continue
        parts = [
            count_text(
                "{n} member state in 2005",
                "{n} member states in 2005",
                int((rows["status_then"] == "member").sum()),
            ),
            count_text("{n} in 2013", "{n} in 2013", int((rows["status_now"] == "member").sum())),
            count_text(
                "{n} observer or partner in 2013",
                "{n} observers or partners in 2013",
                int((rows["status_now"] == "observer").sum()),
            ),
            count_text("{n} state newly listed", "{n} states newly listed", int(counts.get("joined", 0))),
            count_text("{n} no longer listed", "{n} no longer listed", int(counts.get("left", 0))),
        ]
        if listing == "members":
            parts.append(_("the 2013 source does not list observers"))
        sentence = _("{process}: {facts}.").format(process=process, facts=", ".join(parts))
        if changed:
            sentence += " " + _("Changed role: {states}.").format(states=", ".join(changed))
        sentences.append(sentence)
    return sentences


def region_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Per report region: how many states are newly listed, no longer listed, changed role, stayed or
    are not named by a partial later list."""
    counts = frame.pivot_table(index="region", columns="change", values="iso3", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=list(queries.CHANGES), fill_value=0).reset_index()
    return counts.assign(region=counts["region"].map(lambda r: _(REGION_LABELS.get(r, r))))


def render_changes(vs: ViewState) -> list:
    frame = changes_frame(vs)
    if frame.empty:
        return [
            empty_message(
                _(
                    "No later edition lists a process in these regions: the data holds the 2005 report's lists "
                    "only here. Widen the regions above."
                )
            )
        ]
    with datasets.sources_in_use("report"):
        states = datasets.dataset().states.set_index("iso3")
    # A state in several covered processes takes its most telling change (queries.CHANGES order).
    order = {c: i for i, c in enumerate(queries.CHANGES)}
    first = frame.assign(_o=frame["change"].map(order)).sort_values("_o").drop_duplicates("iso3")
    detail = first["change_label"] + " · " + first["process"]
    mapped = pd.DataFrame(
        {
            "iso3": first["iso3"],
            "name": first["state"],
            "lat": first["iso3"].map(states["lat"]),
            "lon": first["iso3"].map(states["lon"]),
            "change": first["change"],
            "detail": detail,
        }
    )
    fig = figures.change_map(
        mapped,
        queries.shaped_codes(),
        _("Changes from 2005 to 2013"),
        height=None,
    )
    processes = ", ".join(sorted(frame["process"].unique()))
    joined = int((frame["change"] == "joined").sum())
    return [
        headline(
            count_text(
                "The 2013 edition adds {n} listing the 2005 report did not have: a state in a process, as member, "
                "observer or partner.",
                "The 2013 edition adds {n} listings the 2005 report did not have: a state in a process, as member, "
                "observer or partner.",
                joined,
            )
        ),
        explain(*change_sentence(frame)),
        figure_card(
            "changes-map",
            fig,
            "rcpdash-then-and-now",
            _(
                "Green: newly listed; red: no longer listed; purple: changed role (member and observer); blue: listed "
                "in both; grey: not named by a later source that names only some states. Click a state to open "
                "its profile."
            ),
            fill=True,
            table="changes",
        ),
        explain(
            _(
                "Compared: {processes}, the processes the later edition's stored sources list. Every other "
                "process has only the report's list."
            ).format(processes=processes)
        ),
        data_table(
            region_frame(frame),
            "change-regions",
            _("Changes per region"),
            {
                "region": N_("Region"),
                "joined": N_("Newly listed"),
                "left": N_("No longer listed"),
                "role_changed": N_("Changed role"),
                "stayed": N_("Listed in both"),
                "not_named": N_("Not named by a partial list"),
            },
        ),
        html.Div(
            data_table(
                # On screen the later source's title links to it; the CSV keeps title and URL apart.
                frame.assign(
                    source_now=[
                        Linked(t, u) if t else ""
                        for t, u in zip(frame["source_now"], frame["source_now_url"], strict=True)
                    ]
                )[list(CHANGE_TABLE_COLUMNS)],
                "changes",
                _("Who is newly listed, no longer listed or changed role, with both editions' words"),
                CHANGE_TABLE_COLUMNS,
            ),
        ),
    ]


def changes_table(vs: ViewState) -> pd.DataFrame:
    return changes_frame(vs)[[*CHANGE_TABLE_COLUMNS, "source_now_url"]]


def change_regions_table(vs: ViewState) -> pd.DataFrame:
    return region_frame(changes_frame(vs))


VIEW = View(
    name="changes",
    label=N_("Then and now"),
    render=render_changes,
    tables={"changes": changes_table, "change-regions": change_regions_table},
    picks={"changes-map": open_clicked_state},
)
