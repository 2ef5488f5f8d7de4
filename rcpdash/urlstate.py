"""Every view's state as a URL query string, and back.

A link restores the exact view: which view, the filters, the selection and the metric. Parsing is
forgiving: an unknown or malformed value is dropped (the default is used) and reported in plain
words, never raised, so a mangled link still opens a working page.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

from . import i18n
from .config import FIRST_YEAR, LAST_YEAR, PROCESS_KINDS, THEMES
from .i18n import LANGUAGES, N_, _
from .metrics import CENTRALITY_METRICS, OVERLAP_MEASURES
from .network import ROLE_CLASSES, GraphFilter
from .whatif import format_edits, parse_edits

VIEWS = ("map", "overlaps", "centrality", "network", "regions", "timeline", "themes", "state", "process")
#: Region filter options: the four regional chapters, and the interregional and global arrangements.
REGION_FILTERS: dict[str, tuple[str, ...]] = {
    "europe_central_asia": ("europe_central_asia",),
    "asia_pacific": ("asia_pacific",),
    "americas": ("americas",),
    "africa": ("africa",),
    "other": ("interregional", "global"),
}
SIDES = ("state", "process")
TOP_CHOICES = (10, 15, 20, 30, 50)
#: Guided tours a link can name: the one shipped with the app, and the presenter's own (kept in the
#: browser, see rcpdash.tours).
TOURS = ("default", "own")
MAX_TOUR_STEPS = 100
#: How a view is shown rather than what it shows: a tour step saves none of these, and stepping through
#: a tour keeps the ones on screen (a French presentation stays French and in presenter mode).
PRESENTATION_FIELDS = ("present", "tour", "step", "lang")
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
    themes: tuple[str, ...] = ()  # policy themes to keep; empty: every process, themed or not
    edits: tuple[tuple[str, str, str], ...] = ()  # what-if: ("+" or "-", iso3, process_id)
    present: bool = False  # presenter mode: large type, high contrast, no filter bar
    tour: str | None = None  # the guided tour being shown (one of TOURS)
    step: int | None = None  # its step, counted from 1
    lang: str = i18n.DEFAULT_LANGUAGE  # the interface language: en, fr or es

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


def _list(raw: str, allowed: Collection[str], name: str, messages: list[str]) -> tuple[str, ...] | None:
    if raw == "":
        return ()
    items = [x for x in raw.split(",") if x]
    bad = [x for x in items if x not in allowed]
    if bad:
        values = ", ".join(_short(b) for b in bad[:5])
        messages.append(_(_UNKNOWN_IN_LIST[name]).format(values=values))
    good = tuple(x for x in allowed if x in items)  # canonical order, no duplicates
    return good


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
        return _parse_params(params, states, processes)


def _parse_params(
    params: dict[str, list[str]], states: Collection[str], processes: Collection[str]
) -> tuple[ViewState, list[str]]:
    messages: list[str] = []
    values: dict[str, object] = {}
    for key, raw_values in params.items():
        raw = raw_values[-1].strip()
        if len(raw) > MAX_PARAM_LENGTH:
            messages.append(
                _("Ignored the {name} in the link: the value is too long.").format(name=_short(key))
            )
            continue
        if key == "view":
            _choice(raw, VIEWS, "view", values, messages)
        elif key == "regions":
            values["regions"] = _list(raw, tuple(REGION_FILTERS), "regions", messages)
        elif key == "kinds":
            values["kinds"] = _list(raw, PROCESS_KINDS, "kinds", messages)
        elif key == "themes":
            values["themes"] = _list(raw, tuple(THEMES), "themes", messages)
        elif key == "roles":
            _choice(raw, ROLE_CLASSES, "roles", values, messages)
        elif key == "metric":
            _choice(raw, tuple(CENTRALITY_METRICS), "metric", values, messages)
        elif key == "side":
            _choice(raw, SIDES, "side", values, messages)
        elif key == "measure":
            _choice(raw, OVERLAP_MEASURES, "measure", values, messages)
        elif key == "cregion":
            _choice(raw, tuple(REGION_FILTERS), "cregion", values, messages)
        elif key == "lang":
            _choice(raw, LANGUAGES, "lang", values, messages)
        elif key == "year":
            if _DIGITS.fullmatch(raw) and FIRST_YEAR <= int(raw) <= LAST_YEAR:
                values["year"] = int(raw)
            elif raw not in ("", "all"):
                messages.append(
                    _(
                        "Ignored the year '{value}' in the link: expected a year from {first} to {last}."
                    ).format(value=_short(raw), first=FIRST_YEAR, last=LAST_YEAR)
                )
        elif key == "top":
            if _DIGITS.fullmatch(raw) and int(raw) in TOP_CHOICES:
                values["top"] = int(raw)
            else:
                messages.append(
                    _("Ignored top '{value}' in the link: expected one of {choices}.").format(
                        value=_short(raw), choices=TOP_CHOICES
                    )
                )
        elif key == "state":
            _known(raw, states, "state", values, messages)
        elif key == "process":
            _known(raw, processes, "process", values, messages)
        elif key == "pair":
            a, _tilde, b = raw.partition("~")
            if processes and (a not in processes or b not in processes):
                messages.append(
                    _("Ignored the pair '{value}' in the link: unknown processes.").format(value=_short(raw))
                )
            elif a and b:
                values["pair"] = (a, b)
        elif key == "edits":
            edits, bad = parse_edits(raw_values[-1])  # unstripped: a leading space is a typed "+"
            unknown = [
                e for e in edits if (states and e[1] not in states) or (processes and e[2] not in processes)
            ]
            bad += [format_edits([e]) for e in unknown]
            if bad:
                messages.append(
                    _("Ignored what-if changes in the link that name nothing known: {values}.").format(
                        values=_short(", ".join(bad))
                    )
                )
            values["edits"] = tuple(e for e in edits if e not in unknown)
        elif key == "present":
            if raw in ("0", "1"):
                values["present"] = raw == "1"
            else:
                messages.append(
                    _("Ignored the {name} '{value}' in the link: expected one of {choices}.").format(
                        name="present", value=_short(raw), choices="0, 1"
                    )
                )
        elif key == "tour":
            _choice(raw, TOURS, "tour", values, messages)
        elif key == "step":
            if _DIGITS.fullmatch(raw) and 1 <= int(raw) <= MAX_TOUR_STEPS:
                values["step"] = int(raw)
            else:
                messages.append(
                    _("Ignored the step '{value}' in the link: expected a number from 1 to {last}.").format(
                        value=_short(raw), last=MAX_TOUR_STEPS
                    )
                )
        elif key == "focus":
            kind, _colon, ident = raw.partition(":")
            known = states if kind == "state" else processes if kind == "process" else None
            if known is None or not ident or (known and ident not in known):
                messages.append(
                    _("Ignored the focus '{value}' in the link: unknown state or process.").format(
                        value=_short(raw)
                    )
                )
            else:
                values["focus"] = raw
        else:
            messages.append(_("Ignored the unknown parameter '{name}' in the link.").format(name=_short(key)))
    return replace(DEFAULT, **values), messages


def _choice(raw: str, allowed: Collection[str], name: str, values: dict, messages: list[str]) -> None:
    if raw in allowed:
        values[name] = raw
    else:
        # `name` is the URL parameter itself (view, metric, lang…): a literal, never translated.
        messages.append(
            _("Ignored the {name} '{value}' in the link: expected one of {choices}.").format(
                name=name, value=_short(raw), choices=", ".join(allowed)
            )
        )


def _known(raw: str, known: Collection[str], name: str, values: dict, messages: list[str]) -> None:
    if not raw:
        return
    if known and raw not in known:
        messages.append(_(_UNKNOWN_ID[name]).format(value=_short(raw)))
    else:
        values[name] = raw


_FIELD_NAMES = tuple(f.name for f in fields(ViewState))


def to_query(state: ViewState) -> str:
    """The shortest query string that restores `state` (only values that differ from the default)."""
    params: dict[str, str] = {}
    # getattr, not asdict: asdict deep-copies every field, and the render asks for ten queries.
    for key in _FIELD_NAMES:
        value = getattr(state, key)
        if value == getattr(DEFAULT, key):
            continue
        if key in ("regions", "kinds", "themes"):
            params[key] = ",".join(value)
        elif key == "pair":
            params[key] = "~".join(value)
        elif key == "edits":
            params[key] = format_edits(value)
        elif key == "present":
            params[key] = "1"
        elif value is not None:
            params[key] = str(value)
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
