"""A tour as a :class:`rcpdash.tours.deck.Deck`: each step's view drawn as the presenter sees it.

Each step is rendered by the views exactly as in presenter mode (:func:`rcpdash.ui.views.render`), and
its figures are taken from the rendered components, so a deck shows what the app shows. The report's
quotes for a step come from the data: the process it shows, or the state it profiles or highlights.

Used by the tour panel's download (:mod:`rcpdash.ui.tour_callbacks`) and by the command line
``python -m rcpdash.tours export`` (:mod:`rcpdash.tours.__main__`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import dcc

from .. import __version__, analysis, datasets, i18n, queries
from ..config import SOURCE_CITATION
from ..i18n import _
from ..tours import Tour
from ..tours.deck import MAX_DECK_STEPS, MAX_QUOTES, Deck, DeckError, Quote, Slide
from ..urlstate import ViewState, parse_query
from . import views
from .dataset_panel import badge_text


def graphs(component) -> list[dict]:
    """The figures of every dcc.Graph inside `component` (a component or a list), in page order."""
    found: list[dict] = []
    if isinstance(component, list | tuple):
        for child in component:
            found += graphs(child)
        return found
    if isinstance(component, dcc.Graph) and component.figure:
        figure = component.figure
        found.append(figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure)
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str | int | float):
        found += graphs(children)
    return found


def step_quotes(vs: ViewState) -> tuple[Quote, ...]:
    """The report's own words for what step `vs` shows: the process it shows (its defining quote), or
    the memberships of the state it profiles or highlights (the longest quotes first, at most
    :data:`MAX_QUOTES`). Nothing for a view of everything: its numbers are the data's, not a quote."""
    ds = datasets.dataset()
    kind, _colon, key = (vs.focus or "").partition(":")
    process = vs.process if vs.view in ("map", "process") else None
    process = process or (key if kind == "process" else None)
    state = vs.state if vs.view == "state" else (key if kind == "state" else None)
    if process:
        info = queries.process_info(ds, process)
        if info is None or not info.evidence:
            return ()
        return (Quote(info.evidence, _("Report, line {line}").format(line=info.source_line)),)
    if state:
        with datasets.sources_in_use(vs.sources):
            rows = queries.state_memberships(ds, analysis.graph(vs.graph_filter()), state)
        rows = rows[rows["source_line"].notna() & (rows["evidence"].fillna("") != "")]
        rows = rows.assign(_length=rows["evidence"].str.len()).sort_values("_length", ascending=False)
        return tuple(
            Quote(
                row.evidence,
                f"{row.process} · " + _("Report, line {line}").format(line=int(row.source_line)),
            )
            for row in rows.head(MAX_QUOTES).itertuples()
            if not pd.isna(row.source_line)
        )
    return ()


def made_from(record: dict | None = None, when: dt.date | None = None) -> str:
    """What data and date a deck was made from, in the current language (`record`: the session's
    uploaded dataset, None for the served one)."""
    ds = datasets.dataset()
    when = when or dt.datetime.now(dt.UTC).date()
    return _("Made on {date} with rcpdash {version} from: {data} (dataset {fingerprint}).").format(
        date=when.isoformat(),
        version=__version__,
        data=badge_text(record),
        fingerprint=(ds.fingerprint or "?")[:12],
    )


def build_deck(
    tour: Tour, lang: str, shipped: bool, states=(), processes=(), record: dict | None = None
) -> Deck:
    """`tour` as a deck in language `lang`. `shipped`: the default tour, whose English texts are
    translated (a presenter's own are shown as written). Raises :class:`DeckError` for an empty tour."""
    if not tour.steps:
        raise DeckError(_("The tour has no steps."))
    if len(tour.steps) > MAX_DECK_STEPS:  # before drawing any view
        raise DeckError(
            _("The tour has {count} steps; a deck takes at most {n}.").format(
                count=len(tour.steps), n=MAX_DECK_STEPS
            )
        )
    show = _ if shipped else str
    slides = []
    with i18n.using(lang):
        for step in tour.steps:
            vs, _messages = parse_query(step.query, states, processes)
            vs = vs.with_changes(present=True, lang=lang)
            slides.append(
                Slide(
                    title=show(step.title),
                    caption=show(step.caption) if step.caption else "",
                    figures=tuple(graphs(views.render(vs))),
                    quotes=step_quotes(vs),
                    query=step.query,
                )
            )
        return Deck(
            title=show(tour.title) if tour.title else _("My tour"),
            slides=tuple(slides),
            lang=lang,
            source=_("Source: {citation}").format(citation=SOURCE_CITATION),
            made_from=made_from(record),
        )
