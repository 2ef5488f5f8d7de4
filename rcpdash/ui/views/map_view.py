"""The map view: processes per state, or one process's members and observers."""

from __future__ import annotations

from dataclasses import replace

from ... import analysis, datasets, figures, queries
from ...i18n import N_, _
from ...names import state_name
from ...urlstate import ViewState
from .. import ids
from . import tables
from .common import (
    data_table,
    empty_message,
    figure_card,
    filter_summary,
)
from .headlines import headline, map_headline, process_map_headline
from .registry import View, open_clicked_state


def render_map(vs: ViewState) -> list:
    flt = vs.graph_filter()
    shaped = queries.shaped_codes()
    if vs.process:
        info = queries.process_info(datasets.dataset(), vs.process)
        name = info.name if info else vs.process
        frame = queries.map_process(
            analysis.graph(replace(flt, role_class="all")), vs.process, analysis.reference_labels()
        )
        if vs.roles == "members":
            frame = frame[frame["status"] == "member"]
        if frame.empty:
            return [
                empty_message(
                    _("No state of {name} is shown under these filters. Widen the filters above.").format(
                        name=name
                    )
                )
            ]
        title = _("{name}: members and observers · {filters}").format(name=name, filters=filter_summary(vs))
        fig = figures.process_map(frame, shaped, title, height=None)
        caption = _(
            "Blue: members (and founders, chairs, participants, beneficiaries). Orange: observers and partners."
        )
        table = data_table(
            tables.process_map_table(vs), "process-map", _("States in {name}").format(name=name)
        )
        members = int((frame["status"] == "member").sum())
        observers = None if vs.roles == "members" else int((frame["status"] != "member").sum())
        return [
            headline(process_map_headline(name, members, observers)),
            figure_card("map", fig, f"rcpdash-{vs.process}-map", caption, fill=True, table="process-map"),
            table,
        ]
    frame = queries.map_counts(
        analysis.full_graph(), analysis.graph_incidence(flt), analysis.reference_labels()
    )
    if frame.empty:
        return [
            empty_message(
                _("No state takes part in any process under these filters. Widen the filters above.")
            )
        ]
    title = _("Processes each state belongs to · {filters}").format(filters=filter_summary(vs))
    fig = figures.world_map(frame, shaped, title, height=None)
    caption = _(
        "Colour: number of processes under the filters. Small states and historical entities "
        "(the Soviet Union, Czechoslovakia, FR Yugoslavia) are drawn as dots. Click a state to open its profile."
    )
    per_state = {
        state_name(iso3, name): value
        for iso3, name, value in zip(frame["iso3"], frame["name"], frame["value"], strict=True)
    }
    return [
        headline(map_headline(per_state)),
        figure_card("map", fig, "rcpdash-map", caption, fill=True, table="map"),
        data_table(
            tables.map_table(vs),
            "map",
            _("Processes per state"),
            {
                "name": N_("State"),
                "n_processes": N_("Number of processes"),
                "processes": N_("Processes"),
                "from_sources": N_("From other sources than the report"),
            },
        ),
    ]


VIEW = View(
    name="map",
    label=N_("Map"),
    render=render_map,
    tables={"map": tables.map_table, "process-map": tables.process_map_table},
    picks={"map": open_clicked_state},
    options=(ids.PROCESS_SELECT,),
)
