"""What a view is: one declaration per view module, from which the rest of the UI is derived.

Each ``rcpdash/ui/views/<view>.py`` ends with ``VIEW = View(...)``: its name in links, its label,
its render function, the tables it shows (for the CSV download), what a click on each of its
figures selects, and which view options it shows. :mod:`rcpdash.ui.views` lists the declarations in
the order of the header's links; the header, the option bar, the render and CSV callbacks and the
click handling all read that list, so a new view is one module and one line there.

The pick functions below are what a click on a figure selects; they take and return a
:class:`~rcpdash.urlstate.ViewState` and a plotly click point, nothing of Dash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from ...figures import parse_node_key
from ...urlstate import ViewState

#: What a click on a figure selects: the state before, the clicked point → the state after.
Pick = Callable[[ViewState, dict], ViewState]
#: A table's frame under a state (None: the table is not shown for this state).
TableFrame = Callable[[ViewState], pd.DataFrame | None]


@dataclass(frozen=True)
class View:
    """One view of the dashboard, declared once in its own module."""

    name: str  # the `view` value in links (one of rcpdash.urlstate.VIEWS)
    label: str  # shown in the header and as the view's heading (an N_() text, translated where shown)
    render: Callable[[ViewState], list]  # the view's components for a state
    tables: Mapping[str, TableFrame] = field(default_factory=dict)  # table name → its frame
    picks: Mapping[str, Pick] = field(default_factory=dict)  # figure name → what a click selects
    options: tuple[str, ...] = ()  # ids of the view options it shows (rcpdash.ui.ids)
    titled: bool = False  # its content starts with its own <h2> (the profile's name)


def open_clicked_state(vs: ViewState, point: dict) -> ViewState:
    """A click on a map: that state's profile (the code is in customdata, or the location)."""
    custom = point.get("customdata")
    iso3 = custom[0] if isinstance(custom, list) and custom else point.get("location")
    return vs.with_changes(view="state", state=iso3) if isinstance(iso3, str) and iso3 else vs


def open_row_state(vs: ViewState, point: dict) -> ViewState:
    """A click on a state × state heatmap: the profile of the row's state."""
    iso3 = point.get("y")
    return vs.with_changes(view="state", state=iso3) if isinstance(iso3, str) and iso3 else vs


def pick_pair(vs: ViewState, point: dict) -> ViewState:
    """A click on the process × process heatmap: that pair of processes."""
    a, b = point.get("y"), point.get("x")
    return vs.with_changes(pair=(a, b)) if isinstance(a, str) and isinstance(b, str) and a and b else vs


def pick_row_process(vs: ViewState, point: dict) -> ViewState:
    """A click on the theme matrix: that row's process on the map."""
    process = point.get("y")
    return vs.with_changes(process=process) if isinstance(process, str) and process else vs


def open_ranked(vs: ViewState, point: dict) -> ViewState:
    """A click on a ranking bar: the profile of the state or process it ranks."""
    custom = point.get("customdata")
    key = "state" if vs.side == "state" else "process"
    return vs.with_changes(view=key, **{key: custom}) if isinstance(custom, str) else vs


def toggle_focus(vs: ViewState, point: dict) -> ViewState:
    """A click on a network node: highlight it and its neighbours; a second click clears."""
    node = parse_node_key(point.get("customdata"))
    if node is None:
        return vs
    key = f"{node[0]}:{node[1]}"
    return vs.with_changes(focus=None if vs.focus == key else key)


def open_node(vs: ViewState, point: dict) -> ViewState:
    """A click on an ego network's node: that state's or process's profile."""
    node = parse_node_key(point.get("customdata"))
    return vs if node is None else vs.with_changes(view=node[0], **{node[0]: node[1]})


def pick_combination(vs: ViewState, point: dict) -> ViewState:
    """A click on an UpSet bar or dot: list the states of its combination; a second click clears."""
    custom = point.get("customdata")
    key = custom[0] if isinstance(custom, list) and custom else custom
    if not isinstance(key, str) or not key:
        return vs
    combination = tuple(key.split("~"))
    return vs.with_changes(combination=() if vs.combination == combination else combination)
