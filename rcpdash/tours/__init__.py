"""Guided tours: an ordered list of saved views, each with a title and a one-line caption.

A step is a URL query string (see :mod:`rcpdash.urlstate`), so a step drives every control exactly as a
pasted link does. This module is pure (no Dash): the tour model, stepping, editing, and reading and
writing the JSON file a presenter saves and loads::

    {"format": "rcpdash-tour", "version": 1, "title": "My tour",
     "steps": [{"title": "Europe", "caption": "One line.", "query": "?regions=europe_central_asia"}]}

Messages are translated when they are made (:func:`rcpdash.i18n._`), so call these functions while
answering a request, never at import time.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from ..i18n import _, count_text
from ..urlstate import MAX_TOUR_STEPS, ViewState, parse_query, to_query

FORMAT = "rcpdash-tour"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024
MAX_TITLE_CHARS = 80
MAX_CAPTION_CHARS = 240
MAX_QUERY_CHARS = 2000
#: At most this many problems are listed for one file: the rest would bury the first.
MAX_PROBLEMS = 8
DEFAULT_TOUR_FILE = Path(__file__).with_name("default.json")
ACTIONS = ("first", "previous", "next", "last")


@dataclass(frozen=True)
class TourStep:
    """One saved view: its canonical query string (``"?view=map&…"``, ``"?"`` for the default view)."""

    query: str
    title: str
    caption: str = ""


@dataclass(frozen=True)
class Tour:
    title: str
    steps: tuple[TourStep, ...] = ()

    def to_dict(self) -> dict:
        """The tour as the JSON object a file holds."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "title": self.title,
            "steps": [{"title": s.title, "caption": s.caption, "query": s.query} for s in self.steps],
        }


EMPTY = Tour(title="")


class TourError(ValueError):
    """A tour file or step that cannot be used; `problems` are plain sentences for the user."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# --------------------------------------------------------------------------------------------------
# Stepping
# --------------------------------------------------------------------------------------------------


def target_step(action: str, current: int | None, count: int) -> int | None:
    """The step `action` (one of :data:`ACTIONS`) leads to from `current` (1-based) in a tour of
    `count` steps; None when the tour is empty. The ends stop rather than wrap: a clicker pressed once
    too often must not jump back to the start in front of an audience.

    >>> target_step("next", 3, 8), target_step("next", 8, 8), target_step("previous", 1, 8)
    (4, 8, 1)
    >>> target_step("last", None, 8), target_step("first", 5, 8), target_step("next", None, 0)
    (8, 1, None)
    """
    if count <= 0:
        return None
    here = min(max(current or 1, 1), count)
    if action == "first":
        return 1
    if action == "last":
        return count
    if action == "next":
        return here if current is None else min(here + 1, count)
    if action == "previous":
        return max(here - 1, 1)
    return here


def step_query(tour: Tour, step: int, around: ViewState, states=(), processes=()) -> str:
    """The URL query of `step` (1-based) of `tour`: the step's view, shown as `around` is (presenter
    mode, tour name, language), at step `step`."""
    saved, _messages = parse_query(tour.steps[step - 1].query, states, processes)
    return to_query(saved.presented_like(around).with_changes(step=step))


# --------------------------------------------------------------------------------------------------
# Editing a presenter's own tour
# --------------------------------------------------------------------------------------------------


def open_bare_step(vs: ViewState, states=(), processes=()) -> ViewState:
    """A link that names only a step of the default tour (``?tour=default&step=3``, perhaps with
    ``present=1`` and ``lang``) opens that step's view: a bookmark or a slide note can say "start
    here" without copying the step's whole query. A link that also sets a view keeps its view."""
    if vs.tour != "default" or vs.without_tour() != ViewState():
        return vs
    tour = default_tour()
    step = min(max(vs.step or 1, 1), len(tour.steps))
    saved, _messages = parse_query(tour.steps[step - 1].query, states, processes)
    return saved.presented_like(vs).with_changes(step=step)


def step_from_view(vs: ViewState, title: str, caption: str) -> TourStep:
    """A step that saves view `vs` (outside tour and presenter mode). An empty title becomes the
    view's name so no step is untitled."""
    title = " ".join((title or "").split())[:MAX_TITLE_CHARS] or vs.view
    caption = " ".join((caption or "").split())[:MAX_CAPTION_CHARS]
    return TourStep(query=to_query(vs.without_tour()) or "?", title=title, caption=caption)


def add_step(tour: Tour, step: TourStep) -> Tour:
    """`tour` with `step` at the end (refused beyond :data:`MAX_TOUR_STEPS`)."""
    if len(tour.steps) >= MAX_TOUR_STEPS:
        raise TourError([_("A tour holds at most {n} steps.").format(n=MAX_TOUR_STEPS)])
    return replace(tour, steps=(*tour.steps, step))


def remove_step(tour: Tour, index: int) -> Tour:
    """`tour` without its step at `index` (0-based); an index out of range changes nothing."""
    if not 0 <= index < len(tour.steps):
        return tour
    return replace(tour, steps=tour.steps[:index] + tour.steps[index + 1 :])


def move_step(tour: Tour, index: int, offset: int) -> Tour:
    """`tour` with its step at `index` moved `offset` places (−1 up, +1 down), stopping at the ends."""
    target = index + offset
    if not 0 <= index < len(tour.steps) or not 0 <= target < len(tour.steps):
        return tour
    steps = list(tour.steps)
    steps[index], steps[target] = steps[target], steps[index]
    return replace(tour, steps=tuple(steps))


# --------------------------------------------------------------------------------------------------
# Reading and writing
# --------------------------------------------------------------------------------------------------


def tour_to_json(tour: Tour) -> str:
    """The file a presenter saves: UTF-8 JSON, indented so it reads and diffs well."""
    return json.dumps(tour.to_dict(), ensure_ascii=False, indent=2) + "\n"


def tour_from_json(raw: bytes | str, states: Collection[str] = (), processes: Collection[str] = ()) -> Tour:
    """Read and validate a tour file. Raises :class:`TourError` listing every problem found."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise TourError([_too_big(len(raw))])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TourError([_("The file is not text (UTF-8), so it cannot be a tour file.")]) from None
    elif len(raw.encode("utf-8")) > MAX_FILE_BYTES:
        raise TourError([_too_big(len(raw.encode("utf-8")))])
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TourError(
            [
                _("The file is not valid JSON (line {line}, column {column}).").format(
                    line=exc.lineno, column=exc.colno
                )
            ]
        ) from None
    except RecursionError:
        raise TourError([_("The file is nested too deeply to be a tour file.")]) from None
    return tour_from_dict(data, states, processes)


def tour_from_dict(data: object, states: Collection[str] = (), processes: Collection[str] = ()) -> Tour:
    """A validated :class:`Tour` from a parsed JSON value; raises :class:`TourError`.

    Every step's query is read by :func:`rcpdash.urlstate.parse_query` against the known states and
    processes: anything it would ignore (an unknown view, state or parameter) is a problem, so a tour
    never shows something other than what its author saved.
    """
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise TourError(
            [_('A tour file holds one JSON object with a list of "steps" (save a tour to see an example).')]
        )
    if "format" in data and data["format"] != FORMAT:
        raise TourError(
            [_('This is not an rcpdash tour file: its "format" should be "{format}".').format(format=FORMAT)]
        )
    if "version" in data and data["version"] != VERSION:
        raise TourError(
            [
                _("This tour file has version {version}; this app reads version {supported}.").format(
                    version=_short(data["version"]), supported=VERSION
                )
            ]
        )
    title = data.get("title", "")
    problems: list[str] = []
    if not isinstance(title, str) or len(title) > MAX_TITLE_CHARS:
        problems.append(
            _("The tour's title must be text of at most {n} characters.").format(n=MAX_TITLE_CHARS)
        )
    raw_steps = data["steps"]
    if not raw_steps:
        problems.append(_("The tour has no steps."))
    if len(raw_steps) > MAX_TOUR_STEPS:
        raise TourError(
            [
                _("The tour has {count} steps; a tour holds at most {n}.").format(
                    count=len(raw_steps), n=MAX_TOUR_STEPS
                )
            ]
        )
    steps = []
    for number, raw in enumerate(raw_steps, start=1):
        try:
            steps.append(_step_from_dict(raw, number, states, processes))
        except TourError as exc:
            problems.extend(exc.problems)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(
                count_text(
                    "… and {n} more problem.", "… and {n} more problems.", len(problems) - MAX_PROBLEMS
                )
            )
        raise TourError(shown)
    return Tour(title=" ".join(title.split()), steps=tuple(steps))


def _step_from_dict(
    raw: object, number: int, states: Collection[str], processes: Collection[str]
) -> TourStep:
    if not isinstance(raw, dict):
        raise TourError(
            [_("Step {n} is not an object with a title, a caption and a query.").format(n=number)]
        )
    problems = []
    title, caption, query = raw.get("title"), raw.get("caption", ""), raw.get("query")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE_CHARS:
        problems.append(
            _("Step {n}: the title must be text of 1 to {max} characters.").format(
                n=number, max=MAX_TITLE_CHARS
            )
        )
    if not isinstance(caption, str) or len(caption) > MAX_CAPTION_CHARS:
        problems.append(
            _("Step {n}: the caption must be text of at most {max} characters.").format(
                n=number, max=MAX_CAPTION_CHARS
            )
        )
    if not isinstance(query, str) or len(query) > MAX_QUERY_CHARS:
        problems.append(_('Step {n}: the query must be text such as "?view=map".').format(n=number))
    else:
        vs, messages = parse_query(query, states, processes)
        problems.extend(_("Step {n}: {problem}").format(n=number, problem=m) for m in messages)
    if problems:
        raise TourError(problems)
    return TourStep(
        query=to_query(vs.without_tour()) or "?",
        title=" ".join(title.split()),
        caption=" ".join(caption.split()),
    )


def decode_upload(contents: str) -> bytes:
    """The bytes of a file a browser sent as a data URL (``data:…;base64,…``), refusing big files
    before decoding them."""
    header, sep, payload = (contents or "").partition(",")
    if not sep or not header.startswith("data:") or not header.endswith(";base64"):
        raise TourError([_("The file could not be read; please choose it again.")])
    if len(payload) * 3 // 4 > MAX_FILE_BYTES + 2:
        raise TourError([_too_big(len(payload) * 3 // 4)])
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise TourError([_("The file could not be read; please choose it again.")]) from None


def _too_big(size: int) -> str:
    return _("The file is {size} KB; a tour file may be at most {max} KB.").format(
        size=max(1, round(size / 1024)), max=MAX_FILE_BYTES // 1024
    )


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:17] + "..."


# --------------------------------------------------------------------------------------------------
# The tour shipped with the app
# --------------------------------------------------------------------------------------------------


@cache
def default_tour() -> Tour:
    """The tour in ``rcpdash/tours/default.json``, in English (show its texts through ``_()``).
    Its queries are checked against the real data by the tests."""
    return tour_from_json(DEFAULT_TOUR_FILE.read_bytes())


def default_tour_texts() -> list[str]:
    """Every English text of the default tour, for the translation catalogs: the tour's title and
    each step's title and caption."""
    tour = default_tour()
    return [tour.title, *(text for s in tour.steps for text in (s.title, s.caption) if text)]
