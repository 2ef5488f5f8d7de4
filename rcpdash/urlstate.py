"""Every view's state as a URL query string, and back.

A link restores the exact view: which view, the filters, the selection and the metric. Parsing is
forgiving: an unknown or malformed value is dropped (the default is used) and reported in plain
words, never raised, so a mangled link still opens a working page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from . import i18n
from .compare import MAX_PROCESSES, MAX_STATES
from .config import (
    EDITION_CHOICES,
    EDITION_LAST_YEARS,
    FIRST_YEAR,
    LAST_YEAR,
    PROCESS_KINDS,
    PROCESS_SELECTIONS,
    SOURCE_CHOICES,
    THEMES,
)
from .i18n import LANGUAGES, N_, _
from .metrics import CENTRALITY_METRICS, OVERLAP_MEASURES
from .network import ROLE_CLASSES, GraphFilter
from .whatif import format_edits, parse_edits

VIEWS = (
    "map",
    "overlaps",
    "centrality",
    "network",
    "regions",
    "timeline",
    "changes",
    "themes",
    "compare",
    "state",
    "process",
)
#: Region filter options: the four regional chapters, and the interregional and global arrangements.
REGION_FILTERS: dict[str, tuple[str, ...]] = {
    "europe_central_asia": ("europe_central_asia",),
    "asia_pacific": ("asia_pacific",),
    "americas": ("americas",),
    "africa": ("africa",),
    "other": ("interregional", "global"),
}
SIDES = ("state", "process")
#: The network view's graph: states and processes (two-mode), or processes linked by shared states.
NETWORK_GRAPHS = ("two_mode", "processes")
#: What colours the network's nodes: the report's regions and continents, or detected communities.
NETWORK_COLOURS = ("region", "community")
TOP_CHOICES = (10, 15, 20, 30, 50)
#: Guided tours a link can name: the one shipped with the app, and the presenter's own (kept in the
#: browser, see rcpdash.tours).
TOURS = ("default", "own")
MAX_TOUR_STEPS = 100
#: How a view is shown rather than what it shows: a tour step saves none of these, and stepping through
#: a tour keeps the ones on screen (a French presentation stays French and in presenter mode).
PRESENTATION_FIELDS = ("present", "tour", "step", "lang")
#: The filter bar's fields: what "Reset filters" sets back to their defaults.
FILTER_FIELDS = ("regions", "kinds", "roles", "year", "themes", "sources", "edition")
MAX_PARAM_LENGTH = 400  # longer values are refused unread
_DIGITS = re.compile(r"[0-9]{1,4}")  # ASCII only: str.isdigit() accepts "²", which int() refuses


@dataclass(frozen=True)
class ViewState:
    """Everything a link carries."""

    view: str = "map"
    regions: tuple[str, ...] = tuple(REGION_FILTERS)
    kinds: tuple[str, ...] = PROCESS_KINDS
    roles: str = "members"
    year: int | None = None
    metric: str = "weighted_degree"
    side: str = "state"
    top: int = 15
    measure: str = "jaccard"
    cregion: str = "europe_central_asia"
    state: str | None = None
    process: str | None = None
    pair: tuple[str, str] | None = None
    focus: str | None = None  # the node highlighted in the network view: "state:KEN", "process:apc"
    graph: str = "two_mode"  # the network view's graph (one of NETWORK_GRAPHS)
    multilateral: bool = False  # the network view without two-state arrangements
    colour: str = "region"  # what colours the network's nodes (one of NETWORK_COLOURS)
    themes: tuple[str, ...] = ()  # policy themes to keep; empty: every process, themed or not
    edits: tuple[tuple[str, str, str], ...] = ()  # what-if: ("+" or "-", iso3, process_id)
    present: bool = False  # presenter mode: large type, high contrast, no filter bar
    tour: str | None = None  # the guided tour being shown (one of TOURS)
    step: int | None = None  # its step, counted from 1
    lang: str = i18n.DEFAULT_LANGUAGE  # the interface language: en, fr or es
    sources: str = "all"  # which memberships count: "all" (report and reference sources) or "report"
    selection: str | None = None  # a ready selection of processes the overlap view shows (PROCESS_SELECTIONS)
    processes: tuple[str, ...] = ()  # the compare view's processes (2 to 8), in the order picked
    states: tuple[str, ...] = ()  # the compare view's states (2 to 6), in the order picked
    combination: tuple[str, ...] = ()  # the compare view's picked bar: the processes it combines
    edition: str = str(LAST_YEAR)  # which edition counts: "2005" (the report), "2013" or "both" (joined)

    @property
    def last_year(self) -> int:
        """The last year this state's edition speaks for (2005, or 2013 with a later edition)."""
        return EDITION_LAST_YEARS[self.edition]

    def without_tour(self) -> ViewState:
        """The same view without the fields of :data:`PRESENTATION_FIELDS`: what a tour step saves."""
        return replace(self, **{name: getattr(DEFAULT, name) for name in PRESENTATION_FIELDS})

    def presented_like(self, other: ViewState) -> ViewState:
        """This view, shown as `other` is shown (its presenter mode, tour, step and language)."""
        return replace(self, **{name: getattr(other, name) for name in PRESENTATION_FIELDS})

    def graph_filter(self) -> GraphFilter:
        """The network filter these settings ask for."""
        regions = tuple(r for key in self.regions for r in REGION_FILTERS[key])
        return GraphFilter(
            regions=None if set(self.regions) == set(REGION_FILTERS) else regions,
            kinds=None if set(self.kinds) == set(PROCESS_KINDS) else tuple(self.kinds),
            role_class=self.roles,
            year=self.year,
            themes=tuple(self.themes) or None,
        )

    @property
    def matrix_region(self) -> str:
        """The region of the overlaps view's state × state matrix. The region filter wins: the view's
        own choice (`cregion`) while the filter keeps that region, else the first region it keeps, so
        the matrix never shows states of a region the rest of the page leaves out.

        >>> ViewState(regions=("africa", "americas"), cregion="europe_central_asia").matrix_region
        'americas'
        """
        if self.cregion in self.regions or not self.regions:
            return self.cregion
        return next(key for key in REGION_FILTERS if key in self.regions)

    def with_changes(self, **changes: object) -> ViewState:
        return replace(self, **changes)


DEFAULT = ViewState()


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


#: One whole sentence per list parameter (translations need the noun inside the sentence).
_UNKNOWN_IN_LIST = {
    "regions": N_("Ignored unknown regions in the link: {values}."),
    "kinds": N_("Ignored unknown process kinds in the link: {values}."),
    "themes": N_("Ignored unknown themes in the link: {values}."),
}
_UNKNOWN_ID = {
    "state": N_("Ignored the unknown state '{value}' in the link."),
    "process": N_("Ignored the unknown process '{value}' in the link."),
}


def parse_query(
    search: str | None,
    states: Collection[str] = (),
    processes: Collection[str] = (),
) -> tuple[ViewState, list[str]]:
    """Read a query string (with or without the leading ``?``) into a :class:`ViewState`.

    Returns the state and a list of messages about every value that was ignored, in the link's own
    language (``lang``) when it names a known one: the page will be shown in that language.

    >>> parse_query("?view=centrality&metric=betweenness&year=2000")[0].year
    2000
    >>> parse_query("?year=banana")[1]
    ["Ignored the year 'banana' in the link: expected a year from 1900 to 2005."]
    """
    if not search:
        return DEFAULT, []
    try:
        params = parse_qs(search.lstrip("?"), keep_blank_values=True, max_num_fields=50)
    except ValueError:
        return DEFAULT, [_("The link has too many parameters; showing the default view.")]
    language = params.get("lang", [""])[-1].strip()
    with i18n.using(language if language in LANGUAGES else i18n.current()):
        return _parse_params(params, Known(states, processes))


@dataclass(frozen=True)
class Known:
    """What a link's ids are checked against: the active dataset's states and processes (empty:
    accept any id, as when a tour file is read without a dataset)."""

    states: Collection[str] = ()
    processes: Collection[str] = ()


#: What a field's reader returns for a value left out on purpose ("all" years, an empty state): the
#: default stays and nothing is reported.
KEEP_DEFAULT = object()


class Ignored(ValueError):
    """A link's value that cannot be used; its message says why, in the interface language."""


Reader = Callable[[str, Known, list[str]], object]


@dataclass(frozen=True)
class Field:
    """One URL parameter, declared once: how a link's text becomes a value, and the value text again.

    ``read(raw, known, messages)`` returns the value (or :data:`KEEP_DEFAULT`), raises
    :class:`Ignored` for a value it refuses, and appends a message for any part of a value it drops
    while keeping the rest (a list with one unknown item). ``write(value)`` is the text a link
    carries. ``strip``: read the value without surrounding spaces (what-if edits keep theirs).
    """

    read: Reader
    write: Callable[[Any], str] = str
    strip: bool = True


def _choice(name: str, allowed: Collection[str]) -> Reader:
    def read(raw: str, _known: Known, _messages: list[str]) -> object:
        if raw in allowed:
            return raw
        # `name` is the URL parameter itself (view, metric, lang…): a literal, never translated.
        raise Ignored(
            _("Ignored the {name} '{value}' in the link: expected one of {choices}.").format(
                name=name, value=_short(raw), choices=", ".join(allowed)
            )
        )

    return read


def _listing(name: str, allowed: Collection[str]) -> Reader:
    def read(raw: str, _known: Known, messages: list[str]) -> object:
        items = [x for x in raw.split(",") if x]
        bad = [x for x in items if x not in allowed]
        if bad:
            values = ", ".join(_short(b) for b in bad[:5])
            messages.append(_(_UNKNOWN_IN_LIST[name]).format(values=values))
        return tuple(x for x in allowed if x in items)  # canonical order, no duplicates

    return read


def _known_id(name: str) -> Reader:
    def read(raw: str, known: Known, _messages: list[str]) -> object:
        ids = known.states if name == "state" else known.processes
        if not raw:
            return KEEP_DEFAULT
        if ids and raw not in ids:
            raise Ignored(_(_UNKNOWN_ID[name]).format(value=_short(raw)))
        return raw

    return read


@dataclass(frozen=True)
class _RawYear:
    """A year as the link writes it: checked once the edition is known (its last year is the limit)."""

    raw: str


def _read_year(raw: str, _known: Known, _messages: list[str]) -> object:
    if raw in ("", "all"):
        return KEEP_DEFAULT
    return _RawYear(raw)


def _checked_year(state: ViewState, messages: list[str], at: int) -> ViewState:
    """`state` with its year read from the link, if it is a year of the state's edition (else none,
    said in words at position `at` of `messages`, where the link names the year: from the oldest
    year to 2005 for the report, to 2013 with the later edition)."""
    if not isinstance(state.year, _RawYear):
        return state
    raw = state.year.raw
    if _DIGITS.fullmatch(raw) and FIRST_YEAR <= int(raw) <= state.last_year:
        return replace(state, year=int(raw))
    messages.insert(
        at,
        _("Ignored the year '{value}' in the link: expected a year from {first} to {last}.").format(
            value=_short(raw), first=FIRST_YEAR, last=state.last_year
        ),
    )
    return replace(state, year=None)


def _read_top(raw: str, _known: Known, _messages: list[str]) -> object:
    if _DIGITS.fullmatch(raw) and int(raw) in TOP_CHOICES:
        return int(raw)
    raise Ignored(
        _("Ignored top '{value}' in the link: expected one of {choices}.").format(
            value=_short(raw), choices=TOP_CHOICES
        )
    )


def _read_step(raw: str, _known: Known, _messages: list[str]) -> object:
    if _DIGITS.fullmatch(raw) and 1 <= int(raw) <= MAX_TOUR_STEPS:
        return int(raw)
    raise Ignored(
        _("Ignored the step '{value}' in the link: expected a number from 1 to {last}.").format(
            value=_short(raw), last=MAX_TOUR_STEPS
        )
    )


def _flag(name: str) -> Reader:
    """A switch: 1 on, 0 off."""

    def read(raw: str, _known: Known, _messages: list[str]) -> object:
        if raw in ("0", "1"):
            return raw == "1"
        raise Ignored(
            _("Ignored the {name} '{value}' in the link: expected one of {choices}.").format(
                name=name, value=_short(raw), choices="0, 1"
            )
        )

    return read


def _read_pair(raw: str, known: Known, _messages: list[str]) -> object:
    a, _tilde, b = raw.partition("~")
    if known.processes and (a not in known.processes or b not in known.processes):
        raise Ignored(
            _("Ignored the pair '{value}' in the link: unknown processes.").format(value=_short(raw))
        )
    return (a, b) if a and b else KEEP_DEFAULT


#: One whole sentence per list and problem (translations need the noun inside the sentence).
_COMPARED_WORDS = {
    "processes": (
        N_("Ignored unknown processes in the link: {values}."),
        N_("A comparison takes at most {n} processes; kept the first {n}."),
    ),
    "states": (
        N_("Ignored unknown states in the link: {values}."),
        N_("A comparison takes at most {n} states; kept the first {n}."),
    ),
}


def _compared(name: str, most: int) -> Reader:
    """The compare view's processes or states: ids comma-separated, in the order given (state codes
    in capitals), unknown ones dropped, at most `most`. One alone is kept without a message: the
    profiles' "compare with…" links start so, and the view asks for a second."""

    def read(raw: str, known: Known, messages: list[str]) -> object:
        unknown_words, too_many = _COMPARED_WORDS[name]
        ids = known.states if name == "states" else known.processes
        # State codes in capitals, ASCII only: "ß".upper() is "SS", so upper-casing any other text
        # could lengthen a kept value past MAX_PARAM_LENGTH and its link would not read back the same.
        items = [x.strip().upper() if name == "states" and x.isascii() else x.strip() for x in raw.split(",")]
        items = list(dict.fromkeys(x for x in items if x))
        bad = [x for x in items if ids and x not in ids]
        items = [x for x in items if x not in bad]
        said = [_(unknown_words).format(values=", ".join(_short(b) for b in bad[:5]))] if bad else []
        if len(items) > most:
            said.append(_(too_many).format(n=most))
            items = items[:most]
        if said:  # one message per parameter
            messages.append(" ".join(said))
        return tuple(items) if items else KEEP_DEFAULT

    return read


def _read_combination(raw: str, known: Known, _messages: list[str]) -> object:
    items = tuple(dict.fromkeys(x for x in raw.split("~") if x))
    if len(items) > MAX_PROCESSES or (known.processes and any(x not in known.processes for x in items)):
        raise Ignored(
            _("Ignored the combination '{value}' in the link: unknown processes.").format(value=_short(raw))
        )
    return items or KEEP_DEFAULT


def _read_edits(raw: str, known: Known, messages: list[str]) -> object:
    edits, bad = parse_edits(raw)
    unknown = [
        e
        for e in edits
        if (known.states and e[1] not in known.states) or (known.processes and e[2] not in known.processes)
    ]
    bad += [format_edits([e]) for e in unknown]
    if bad:
        messages.append(
            _("Ignored what-if changes in the link that name nothing known: {values}.").format(
                values=_short(", ".join(bad))
            )
        )
    return tuple(e for e in edits if e not in unknown)


def _read_focus(raw: str, known: Known, _messages: list[str]) -> object:
    kind, _colon, ident = raw.partition(":")
    ids = known.states if kind == "state" else known.processes if kind == "process" else None
    if ids is None or not ident or (ids and ident not in ids):
        raise Ignored(
            _("Ignored the focus '{value}' in the link: unknown state or process.").format(value=_short(raw))
        )
    return raw


#: Every URL parameter, in :class:`ViewState` order: the one place a field's link form is defined.
#: The parser, :func:`to_query` and :func:`link` are driven by it; the controls that show a field
#: are listed once, in rcpdash.ui.controls.
FIELDS: dict[str, Field] = {
    "view": Field(_choice("view", VIEWS)),
    "regions": Field(_listing("regions", tuple(REGION_FILTERS)), ",".join),
    "kinds": Field(_listing("kinds", PROCESS_KINDS), ",".join),
    "roles": Field(_choice("roles", ROLE_CLASSES)),
    "year": Field(_read_year),
    "metric": Field(_choice("metric", tuple(CENTRALITY_METRICS))),
    "side": Field(_choice("side", SIDES)),
    "top": Field(_read_top),
    "measure": Field(_choice("measure", OVERLAP_MEASURES)),
    "cregion": Field(_choice("cregion", tuple(REGION_FILTERS))),
    "state": Field(_known_id("state")),
    "process": Field(_known_id("process")),
    "pair": Field(_read_pair, "~".join),
    "focus": Field(_read_focus),
    "graph": Field(_choice("graph", NETWORK_GRAPHS)),
    "multilateral": Field(_flag("multilateral"), lambda _value: "1"),
    "colour": Field(_choice("colour", NETWORK_COLOURS)),
    "themes": Field(_listing("themes", tuple(THEMES)), ",".join),
    "edits": Field(_read_edits, format_edits, strip=False),  # a leading space is a typed "+"
    "present": Field(_flag("present"), lambda _value: "1"),
    "tour": Field(_choice("tour", TOURS)),
    "step": Field(_read_step),
    "lang": Field(_choice("lang", LANGUAGES)),
    "sources": Field(_choice("sources", SOURCE_CHOICES)),
    "selection": Field(_choice("selection", tuple(PROCESS_SELECTIONS))),
    "processes": Field(_compared("processes", MAX_PROCESSES), ",".join),
    "states": Field(_compared("states", MAX_STATES), ",".join),
    "combination": Field(_read_combination, "~".join),
    "edition": Field(_choice("edition", EDITION_CHOICES)),
}


def _parse_params(params: dict[str, list[str]], known: Known) -> tuple[ViewState, list[str]]:
    messages: list[str] = []
    values: dict[str, object] = {}
    year_at = 0
    for key, raw_values in params.items():
        field = FIELDS.get(key)
        if field is None:
            messages.append(_("Ignored the unknown parameter '{name}' in the link.").format(name=_short(key)))
            continue
        raw = raw_values[-1].strip() if field.strip else raw_values[-1]
        if len(raw) > MAX_PARAM_LENGTH:
            messages.append(_("Ignored the {name} in the link: the value is too long.").format(name=key))
            continue
        try:
            value = field.read(raw, known, messages)
        except Ignored as refused:
            messages.append(str(refused))
            continue
        if value is not KEEP_DEFAULT:
            values[key] = value
        if isinstance(value, _RawYear):
            year_at = len(messages)  # its message, if any, goes where the link names the year
    return _checked_year(replace(DEFAULT, **values), messages, year_at), messages


def to_query(state: ViewState) -> str:
    """The shortest query string that restores `state` (only values that differ from the default)."""
    params: dict[str, str] = {}
    # getattr, not asdict: asdict deep-copies every field, and the render asks for ten queries.
    for key, field in FIELDS.items():
        value = getattr(state, key)
        if value != getattr(DEFAULT, key) and value is not None:
            params[key] = field.write(value)
    return "?" + urlencode(params, safe=",~:") if params else ""


def link(current: ViewState, /, **changes: object) -> str:
    """An in-app href: the page's state `current` with `changes`. Built from the state itself, so a
    link keeps the language, presenter mode and filters of the page it is on (a hand-written
    ``?view=...`` dropped them: a click switched a French page to English and reset the filters)."""
    return to_query(current.with_changes(**changes)) or "?"


def profile_link(current: ViewState, kind: str, key: str) -> str:
    """The href of the profile of state or process `key` (`kind` "state" or "process"), from the
    page `current`: the same filters and presentation, none of the old subject's selections."""
    return link(current, view=kind, **{kind: key}, pair=None, focus=None, edits=(), tour=None, step=None)
