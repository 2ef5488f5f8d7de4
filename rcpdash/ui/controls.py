"""Which control shows which URL field, and how its value converts: the one table of the controls.

``sync_state`` (rcpdash.ui.callbacks) reads and writes every control in :data:`CONTROLS` order. A
field's link form lives in rcpdash.urlstate.FIELDS; this table adds only what a control needs: its
id, and how the control's value differs from the field's (dropdowns hold lists where the state holds
tuples; the year filter says "all" and the slider its last mark where the state says None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..compare import MAX_PROCESSES, MAX_STATES
from ..config import THEMES
from ..urlstate import DEFAULT, ViewState
from . import ids


def _same(value: Any) -> Any:
    return value


def _or_default(field: str) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        return value or getattr(DEFAULT, field)

    return read


def _or_none(value: Any) -> Any:
    return value or None


def _chosen(allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    # Canonical order, no duplicates, nothing unknown: what a link would say.
    def read(value: Any) -> tuple[str, ...]:
        return tuple(x for x in allowed if x in (value or []))

    return read


def _picked(most: int, upper: bool = False) -> Callable[[Any], tuple[str, ...]]:
    # In the order picked, no duplicates, at most `most` (a ninth pick is not taken).
    def read(value: Any) -> tuple[str, ...]:
        items = [str(x).upper() if upper else str(x) for x in (value or [])]
        return tuple(dict.fromkeys(items))[:most]

    return read


def _year_from_filter(value: Any) -> int | None:
    return int(value) if value not in (None, "", "all") else None


def _year_from_slider(value: Any) -> int | None:
    # Its "all years" position is one past the edition's last year: state_from_controls drops it.
    return None if value is None else int(value)


@dataclass(frozen=True)
class Control:
    """A control showing the URL field `field`: `show` turns the field's value into the control's,
    `read` the control's value back (an empty control means the field's default)."""

    id: str
    field: str
    show: Callable[[Any], Any] = _same
    read: Callable[[Any], Any] = _same
    #: Where the control's value comes from when it is not the field alone (the state in, a value out):
    #: the matrix's region follows the region filter, the slider's "all" position the edition's last year.
    shown_from: Callable[[ViewState], Any] | None = None


CONTROLS: tuple[Control, ...] = (
    Control(ids.REGION_FILTER, "regions", list, _chosen(DEFAULT.regions)),
    Control(ids.KIND_FILTER, "kinds", list, _chosen(DEFAULT.kinds)),
    Control(ids.ROLE_FILTER, "roles", read=_or_default("roles")),
    Control(ids.YEAR_FILTER, "year", lambda year: str(year) if year else "all", _year_from_filter),
    Control(ids.THEME_FILTER, "themes", list, _chosen(tuple(THEMES))),
    # The timeline's slider shows the same field as the year filter; whichever moved last wins.
    Control(
        ids.YEAR_SLIDER, "year", read=_year_from_slider, shown_from=lambda vs: vs.year or vs.last_year + 1
    ),
    Control(ids.METRIC_SELECT, "metric", read=_or_default("metric")),
    Control(ids.SIDE_SELECT, "side", read=_or_default("side")),
    Control(ids.TOP_SELECT, "top", read=lambda top: int(top or DEFAULT.top)),
    Control(ids.MEASURE_SELECT, "measure", read=_or_default("measure")),
    # The matrix's region follows the region filter (ViewState.matrix_region): it shows the region drawn.
    Control(
        ids.CREGION_SELECT, "cregion", read=_or_default("cregion"), shown_from=lambda vs: vs.matrix_region
    ),
    Control(ids.STATE_SELECT, "state", read=_or_none),
    Control(ids.PROCESS_SELECT, "process", read=_or_none),
    Control(ids.SOURCE_FILTER, "sources", read=_or_default("sources")),
    Control(ids.EDITION_FILTER, "edition", read=_or_default("edition")),
    Control(ids.FOCUS_SELECT, "focus", read=_or_none),
    Control(ids.GRAPH_SELECT, "graph", read=_or_default("graph")),
    Control(ids.MULTILATERAL_SWITCH, "multilateral", lambda on: ["1"] if on else [], bool),
    Control(ids.COLOUR_SELECT, "colour", read=_or_default("colour")),
    Control(ids.COMPARE_PROCESSES, "processes", list, _picked(MAX_PROCESSES)),
    Control(ids.COMPARE_STATES, "states", list, _picked(MAX_STATES, upper=True)),
)


def control_values(vs: ViewState) -> list[Any]:
    """The value each control shows for state `vs` (in :data:`CONTROLS` order)."""
    return [
        control.show(control.shown_from(vs) if control.shown_from else getattr(vs, control.field))
        for control in CONTROLS
    ]


def state_from_controls(values: dict[str, Any], previous: ViewState, moved: str | None = None) -> ViewState:
    """Read the controls' values (by control id) into a state, keeping the fields no control shows
    (pair, focus, edits, presentation). Where two controls show one field, the one that `moved`
    decides; otherwise the first in :data:`CONTROLS`."""
    changes: dict[str, Any] = {}
    for control in CONTROLS:
        if control.id not in values:
            continue
        if control.field not in changes or control.id == moved:
            try:
                changes[control.field] = control.read(values[control.id])
            except (TypeError, ValueError, OverflowError):
                # A value the control cannot hold (a forged request): the field keeps its value.
                changes[control.field] = getattr(previous, control.field)
    state = previous.with_changes(**changes)
    # A year past the edition's last (the slider's "all" position, or a year of a later edition
    # after switching back to the report) means all years.
    if state.year is not None and state.year > state.last_year:
        state = state.with_changes(year=None)
    return state
