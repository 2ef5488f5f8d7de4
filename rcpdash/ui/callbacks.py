"""Thin callbacks: URL and controls in, view state and components out.

The URL is the single source of truth. ``sync_state`` is one callback with the URL and every control
as both inputs and outputs (Dash allows a circular callback only within one callback): a new URL
(first load, back/forward, a pasted link) sets the controls; a control or a click on a figure sets the
URL. ``render_view`` then draws the view from the resulting state.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    html,
    no_update,
)
from flask import has_request_context, request

from .. import datasets, i18n, tours, whatif
from ..data import safe_csv
from ..i18n import LANGUAGES, _
from ..server import cached
from ..urlstate import DEFAULT, FILTER_FIELDS, ViewState, link, parse_query, to_query
from . import ids, views
from .controls import CONTROLS, control_values, state_from_controls
from .layout import (
    PAUSE_LABEL,
    PLAY_LABEL,
    TRANSLATED_PROPS,
    build_layout,
    first_year,
    matrix_region_options,
)
from .scope import active, checked_state, known_ids, request_scope, stored_state


def apply_whatif(vs: ViewState, op: str, value: str | None) -> ViewState:
    """Add or remove a hypothetical membership of the profile's subject (a toggle: doing the opposite
    of an earlier change cancels it)."""
    if not value or op not in ("+", "-"):
        return vs
    if vs.view == "state" and vs.state:
        edit = (op, vs.state, value)
    elif vs.view == "process" and vs.process:
        edit = (op, value, vs.process)
    else:
        return vs
    return vs.with_changes(edits=whatif.toggle(vs.edits, edit))


def next_frame(vs: ViewState, first: int) -> ViewState:
    """The timeline's next year: from the first year when showing all years, up to the edition's last."""
    if vs.year is None or vs.year >= vs.last_year:
        return vs.with_changes(year=first)
    return vs.with_changes(year=vs.year + 1)


def reduce_state(
    trigger: Any,
    search: str | None,
    values: dict[str, Any],
    previous: dict | None,
    click: dict | None,
    playing: bool = False,
) -> tuple[ViewState, list[str] | None]:
    """The new view state after `trigger` fired.

    Returns the state and the messages for the notice area (None: leave the notice as it is).
    """
    states, processes = known_ids()
    if trigger is None or trigger == ids.URL:
        vs, messages = parse_query(search, states, processes)
        return tours.open_bare_step(vs, states, processes), messages
    before = stored_state(previous) if previous else parse_query(search, states, processes)[0]
    vs = _after_event(trigger, before, values, click, playing)
    # What the event carried (a click's data, a control's value, an edit) came from the request:
    # the new state is checked as a link would be, so nothing unknown reaches a view or a cache key.
    return checked_state(vs, fallback=before), None


def _after_event(
    trigger: Any, before: ViewState, values: dict[str, Any], click: Any, playing: bool
) -> ViewState:
    """The state after a click, a what-if edit, a language button, a timer tick or a control moved."""
    if isinstance(trigger, dict) and trigger.get("type") == ids.PICK:
        return views.apply_pick(before, trigger["name"], click)
    if isinstance(trigger, dict) and trigger.get("type") == ids.WHATIF_EDIT:
        return apply_whatif(before, trigger["action"], click)
    if isinstance(trigger, dict) and trigger.get("type") == ids.WHATIF_RESET:
        return before.with_changes(edits=()) if click else before
    if isinstance(trigger, dict) and trigger.get("type") == ids.LANGUAGE_BUTTON:
        language = trigger.get("lang")
        return before.with_changes(lang=language) if click and language in LANGUAGES else before
    if trigger == ids.PLAY_TIMER:
        # A tick still in flight after Pause changes nothing.
        return next_frame(before, first_year()) if playing else before
    return state_from_controls(values, before, moved=trigger if isinstance(trigger, str) else None)


def toggled_play(timer_disabled: bool | None) -> tuple[bool, str]:
    """Play/Pause pressed: the timer's new `disabled` and the button's new label."""
    playing_now = timer_disabled is not False
    return (not playing_now, _(PAUSE_LABEL) if playing_now else _(PLAY_LABEL))


def render_key(vs: ViewState) -> str:
    # The dataset's fingerprint keeps workers serving different data from sharing entries.
    return f"{datasets.dataset().fingerprint[:16]}{to_query(vs) or '?'}"


def render_cached(vs: ViewState) -> list:
    """:func:`views.render` through the shared cache when serving a request, directly otherwise."""
    if not has_request_context():
        return views.render(vs)
    return _render_through_cache(vs)


@cached(key=render_key)
def _render_through_cache(vs: ViewState) -> list:
    return views.render(vs)


@callback(
    Output(ids.URL, "search"),
    *[Output(control.id, "value") for control in CONTROLS],
    Output(ids.VIEW_STATE, "data"),
    Output(ids.NOTICE, "children"),
    Output(ids.LANGUAGE, "data"),
    Input(ids.URL, "search"),
    *[Input(control.id, "value") for control in CONTROLS],
    Input({"type": ids.PICK, "name": ALL}, "clickData"),
    Input(ids.PLAY_TIMER, "n_intervals"),
    Input({"type": ids.WHATIF_EDIT, "action": ALL}, "value"),
    Input({"type": ids.WHATIF_RESET, "action": ALL}, "n_clicks"),
    Input(ids.DATASET_STORE, "data"),
    Input({"type": ids.LANGUAGE_BUTTON, "lang": ALL}, "n_clicks"),
    State(ids.VIEW_STATE, "data"),
    State(ids.PLAY_TIMER, "disabled"),
    State(ids.LANGUAGE, "data"),
)
def sync_state(search, *args):
    """Keep the URL, the controls and the stored view state in step; step the timeline."""
    *control_args, _picks, _ticks, _edits, _resets, record, _languages, previous, timer_disabled, language = (
        args
    )
    values = {control.id: value for control, value in zip(CONTROLS, control_args, strict=True)}
    click = ctx.triggered[0]["value"] if ctx.triggered else None
    playing = timer_disabled is False
    # Another dataset: read the address again against its states and processes.
    trigger = ids.URL if ctx.triggered_id == ids.DATASET_STORE else ctx.triggered_id
    with active(record):
        vs, messages = reduce_state(trigger, search, values, previous, click, playing)
        # Compared as validated states (the stored JSON has lists where the state has tuples).
        changed = previous is None or vs != stored_state(previous)
    query = to_query(vs)
    notice = no_update
    if messages is not None:
        notice = [html.P(m) for m in messages] if messages else []
    stored = asdict(vs)
    return (
        query if query != (search or "") else no_update,
        *control_values(vs),
        stored if changed else no_update,
        notice,
        vs.lang if vs.lang != language else no_update,
    )


# Play/Pause has callbacks of its own: Dash applies only the newest answer of a callback, so if the
# button went through sync_state a timer tick fired just after a click could swallow the Pause.
@callback(
    Output(ids.PLAY_TIMER, "disabled"),
    Output(ids.PLAY_BUTTON, "children"),
    Input(ids.PLAY_BUTTON, "n_clicks"),
    State(ids.PLAY_TIMER, "disabled"),
    State(ids.LANGUAGE, "data"),
    prevent_initial_call=True,
)
@request_scope
def toggle_play(_clicks, timer_disabled, language=None):
    """Start or pause the timeline."""
    return toggled_play(timer_disabled)


@callback(
    Output(ids.PLAY_TIMER, "disabled", allow_duplicate=True),
    Output(ids.PLAY_BUTTON, "children", allow_duplicate=True),
    Input(ids.VIEW_STATE, "data"),
    State(ids.PLAY_TIMER, "disabled"),
    prevent_initial_call=True,
)
@request_scope
def stop_at_the_end(view_state, timer_disabled):
    """Stop playing once the timeline reaches the edition's last year."""
    vs = stored_state(view_state)
    if timer_disabled is False and vs.year == vs.last_year:
        return True, _(PLAY_LABEL)
    return no_update, no_update


@callback(
    Output({"type": ids.UI_TEXT, "key": ALL}, "children"),
    *[Output(component, prop) for component, prop, _build in TRANSLATED_PROPS],
    Output({"type": ids.LANGUAGE_BUTTON, "lang": ALL}, "aria-pressed"),
    Output(ids.DOCUMENT_META, "data"),
    Output(ids.PLAY_BUTTON, "children", allow_duplicate=True),
    Input(ids.LANGUAGE, "data"),
    State(ids.PLAY_TIMER, "disabled"),
    prevent_initial_call=True,
)
@request_scope
def translate_shell(language, timer_disabled):
    """Put the static shell (header, filters, options, footer) into the page's language.

    Runs when the language changes (sync_state writes it only then): a link, a reload, back/forward
    and the EN/FR/ES buttons all come through here, so the shell can never disagree with the URL.
    """
    texts = [_(output["id"]["key"]) for output in ctx.outputs_list[0]]
    props = [build() for _component, _prop, build in TRANSLATED_PROPS]
    pressed = [
        "true" if output["id"]["lang"] == i18n.current() else "false" for output in ctx.outputs_list[-3]
    ]
    meta = {"lang": i18n.current(), "title": _("rcpdash · interstate cooperation on migration")}
    play = _(PAUSE_LABEL) if timer_disabled is False else _(PLAY_LABEL)
    return texts, *props, pressed, meta, play


# <html lang> and the tab's title follow the language (assets/rcpdash.js): screen readers pick
# their pronunciation from it.
clientside_callback(
    ClientsideFunction(namespace="rcpdash", function_name="set_document_language"),
    Output(ids.DOCUMENT_META, "id"),
    Input(ids.DOCUMENT_META, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.VIEW_CONTENT, "children"),
    *[Output(ids.wrapper(cid), "hidden") for cid in views.OPTION_WRAPPERS],
    *[Output(ids.view_link(v), "href") for v in views.VIEWS],
    *[Output(ids.view_link(v), "className") for v in views.VIEWS],
    Output(ids.FILTER_SUMMARY, "children"),
    Output(ids.FILTER_RESET, "href"),
    Output(ids.wrapper(ids.FILTER_RESET), "hidden"),
    Output(ids.CREGION_SELECT, "options"),
    Output(ids.wrapper(ids.YEAR_FILTER), "hidden"),
    Output(ids.YEAR_FILTER_NOTE, "hidden"),
    Output(ids.VIEW_DRAWN, "data"),
    Input(ids.VIEW_STATE, "data"),
    Input(ids.DATASET_STORE, "data"),
    State(ids.VIEW_DRAWN, "data"),
)
@request_scope
def render_view(view_state, record=None, drawn=None):
    """Draw the current view, show only the options it uses, and point the view links at the
    same filters and selection. A view already on the page (drawn into the layout by
    :func:`page_layout`, or an input that fired without changing anything) is not sent again."""
    # A tour's step number changes nothing on screen (one cache entry per view), and a view link
    # leaves the tour but not presenter mode.
    vs = stored_state(view_state).with_changes(tour=None, step=None)
    key = render_key(vs)
    if view_state is None or key == drawn:
        return no_update, *[no_update] * (len(views.OPTION_WRAPPERS) + 2 * len(views.VIEWS) + 6), no_update
    content = render_cached(vs)
    hidden, hrefs, classes = view_chrome(vs)
    return content, *hidden, *hrefs, *classes, *filter_chrome(vs), *filter_agreement(vs), key


def view_chrome(vs: ViewState) -> tuple[list[bool], list[str], list[str]]:
    """Around the view `vs`: which option wrappers are hidden (in ``views.OPTION_WRAPPERS`` order),
    and each view link's href and class (in ``views.VIEWS`` order)."""
    hidden = [vs.view not in views_ for views_ in views.OPTION_WRAPPERS.values()]
    hrefs = [link(vs, view=v) for v in views.VIEWS]
    classes = ["view-link view-link--active" if v == vs.view else "view-link" for v in views.VIEWS]
    return hidden, hrefs, classes


def filter_chrome(vs: ViewState) -> tuple[str, str, bool]:
    """The folded filter panel's words for what is active, its reset link, and whether that link is
    hidden (nothing to reset)."""
    reset = vs.with_changes(**{name: getattr(DEFAULT, name) for name in FILTER_FIELDS})
    return views.active_filters(vs), link(reset), reset == vs


def filter_agreement(vs: ViewState) -> tuple[list[dict], bool, bool]:
    """Where a filter and a view's own control show one thing, they agree: the overlaps matrix's
    region list (the regions the filter leaves out cannot be picked), and on the timeline the year
    filter gives way to the slider (hidden, with a note in its place). Returns the matrix's region
    options, whether the year filter is hidden and whether its note is."""
    timeline = vs.view == "timeline"
    return matrix_region_options(vs), timeline, not timeline


def page_layout():
    """The page for the link being opened, with its view already drawn.

    Dash asks for the layout before any callback runs; drawing the linked view into it saves the
    two callback round trips (sync the state, then render) that otherwise stand between the first
    paint and the first figure. The link comes from the layout request's ``Referer`` (same-origin
    only, see rcpdash.server); without one, or for a page in another language (its shell is
    translated by a callback), the plain shell is sent and the callbacks draw the view as before.
    An uploaded dataset lives in the browser's session, which the server cannot see here: its
    first render_view call (the record differs from the drawn key) redraws such a page.
    """
    page = build_layout()
    vs = linked_state()
    if vs is None:
        return page
    shown = vs.with_changes(tour=None, step=None)
    components = {c.id: c for c in _components(page) if isinstance(getattr(c, "id", None), str)}
    for control, value in zip(CONTROLS, control_values(vs), strict=True):
        components[control.id].value = value
    components[ids.VIEW_STATE].data = asdict(vs)
    components[ids.VIEW_CONTENT].children = render_cached(shown)
    components[ids.VIEW_DRAWN].data = render_key(shown)
    hidden, hrefs, classes = view_chrome(shown)
    for cid, value in zip(views.OPTION_WRAPPERS, hidden, strict=True):
        components[ids.wrapper(cid)].hidden = value
    for view, href, class_name in zip(views.VIEWS, hrefs, classes, strict=True):
        components[ids.view_link(view)].href = href
        components[ids.view_link(view)].className = class_name
    summary, reset_href, reset_hidden = filter_chrome(shown)
    components[ids.FILTER_SUMMARY].children = summary
    components[ids.FILTER_RESET].href = reset_href
    components[ids.wrapper(ids.FILTER_RESET)].hidden = reset_hidden
    options, year_hidden, note_hidden = filter_agreement(shown)
    components[ids.CREGION_SELECT].options = options
    components[ids.wrapper(ids.YEAR_FILTER)].hidden = year_hidden
    components[ids.YEAR_FILTER_NOTE].hidden = note_hidden
    return page


def linked_state() -> ViewState | None:
    """The view state of the page whose layout is being requested, if it can be drawn in advance."""
    if not has_request_context() or not request.referrer:
        return None
    page = urlsplit(request.referrer)
    if page.netloc != request.host:
        return None
    search = f"?{page.query}" if page.query else ""
    vs, _messages = reduce_state(None, search, {}, None, None)
    return vs if vs.lang == i18n.DEFAULT_LANGUAGE else None


def _components(component):
    """Every component of a layout tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _components(child)


# A table's "Download CSV" button is a plain button (assets/rcpdash.js sets the csv-request store
# on a click): as a pattern-matching input, every view's new buttons made Dash call this callback
# once more after each render, for nothing.
@callback(
    Output(ids.CSV_DOWNLOAD, "data"),
    Input(ids.CSV_REQUEST, "data"),
    State(ids.VIEW_STATE, "data"),
    State(ids.DATASET_STORE, "data"),
    prevent_initial_call=True,
)
@request_scope
def download_csv(requested, view_state, record=None):
    """Send the table asked for (``{"table": name}``), as CSV safe to open in a spreadsheet."""
    table = requested.get("table") if isinstance(requested, dict) else None
    if not isinstance(table, str) or len(table) > 64:
        return no_update
    frame = views.table_frame(stored_state(view_state), table)
    if frame is None:
        return no_update
    return {"content": safe_csv(frame), "filename": f"rcpdash-{table}.csv", "type": "text/csv"}


@callback(
    Output(ids.WHATIF_PANEL, "children"), Input(ids.VIEW_STATE, "data"), Input(ids.DATASET_STORE, "data")
)
@request_scope
def render_whatif(view_state, record=None):
    """The what-if panel of a profile: its own callback, so the profile shows without waiting for it."""
    return views.render_whatif(stored_state(view_state))
