"""Thin callbacks for presenter mode and guided tours (the logic is in :mod:`rcpdash.ui.presenter`
and :mod:`rcpdash.tours`).

Every button here writes the URL; ``callbacks.sync_state`` then sets the controls and the view from
it, so a tour step behaves exactly like a pasted link and back/forward walk through the steps.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, callback, ctx, html, no_update

from .. import i18n
from . import ids, presenter
from .scope import known_ids, request_scope, stored_state


@callback(
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.PRESENT_TOGGLE, "n_clicks"),
    Input(ids.PRESENT_EXIT, "n_clicks"),
    Input(ids.TOUR_START_DEFAULT, "n_clicks"),
    Input(ids.TOUR_START_OWN, "n_clicks"),
    Input(ids.TOUR_END, "n_clicks"),
    Input({"type": ids.TOUR_NAV, "action": ALL}, "n_clicks"),
    State(ids.URL, "search"),
    State(ids.OWN_TOUR, "data"),
    prevent_initial_call=True,
)
def navigate(*args):
    """Enter or leave presenter mode, start, step or end a tour."""
    *_clicks, search, own_data = args
    if not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update  # a button appearing, not a click
    query = presenter.navigate(ctx.triggered_id, search, own_data, *known_ids())
    return no_update if query is None or query == (search or "") else query or "?"


@callback(
    Output(ids.APP_ROOT, "className"),
    Output(ids.TOUR_BAR, "hidden"),
    Output(ids.TOUR_COUNTER, "children"),
    Output(ids.TOUR_TITLE, "children"),
    Output(ids.TOUR_CAPTION, "children"),
    *[Output(ids.tour_nav(action), "disabled") for action, _text, _label in presenter.NAV_ACTIONS],
    Output(ids.TOUR_NAME_SHOWN, "children"),
    Input(ids.VIEW_STATE, "data"),
    Input(ids.OWN_TOUR, "data"),
)
@request_scope
def show_tour(view_state, own_data):
    """Presenter mode's page style, and the tour bar for the current step."""
    vs = stored_state(view_state)
    bar = presenter.tour_bar_content(vs, own_data, *known_ids())
    return (
        presenter.app_class(vs),
        bar["hidden"],
        bar["counter"],
        bar["title"],
        bar["caption"],
        *bar["disabled"],
        bar["name"],
    )


@callback(
    Output(ids.OWN_TOUR, "data"),
    Output(ids.TOUR_MESSAGE, "children"),
    Output(ids.TOUR_UPLOAD, "contents"),
    Input(ids.TOUR_ADD, "n_clicks"),
    Input({"type": ids.TOUR_EDIT, "action": ALL, "index": ALL}, "n_clicks"),
    Input(ids.TOUR_CLEAR, "submit_n_clicks"),
    Input(ids.TOUR_UPLOAD, "contents"),
    State(ids.OWN_TOUR, "data"),
    State(ids.URL, "search"),
    State(ids.TOUR_STEP_TITLE, "value"),
    State(ids.TOUR_STEP_CAPTION, "value"),
    State(ids.TOUR_UPLOAD, "filename"),
    State(ids.TOUR_NAME, "value"),
    State(ids.LANGUAGE, "data"),
    prevent_initial_call=True,
)
@request_scope
def edit_own_tour(
    _add, _edits, _clear, _contents, data, search, title, caption, filename, tour_name=None, language=None
):
    """Add the current view, move or remove a step, clear, or load a file into the presenter's tour."""
    value = ctx.triggered[0]["value"] if ctx.triggered else None
    if not value:
        return no_update, no_update, no_update  # a step's buttons re-drawn, or the upload reset
    stored, message, changed = presenter.edit_own_tour(
        ctx.triggered_id, value, data, search, title, caption, filename, *known_ids(), tour_name=tour_name
    )
    # The upload is emptied so that loading the same file again (after fixing it) fires again.
    return (
        stored if changed else no_update,
        [html.P(m) for m in message],
        None if ctx.triggered_id == ids.TOUR_UPLOAD else no_update,
    )


@callback(
    Output(ids.OWN_TOUR, "data", allow_duplicate=True),
    Output(ids.TOUR_MESSAGE, "children", allow_duplicate=True),
    Input(ids.TOUR_NAME, "value"),
    State(ids.OWN_TOUR, "data"),
    State(ids.LANGUAGE, "data"),
    prevent_initial_call=True,
)
@request_scope
def rename_own_tour(typed, data, language=None):
    """Title the presenter's tour as typed (on Enter or leaving the field); presenter mode shows it."""
    stored, message, changed = presenter.rename_own_tour(data, typed)
    return (stored, [html.P(m) for m in message]) if changed else (no_update, no_update)


@callback(
    Output(ids.OWN_TOUR_STEPS, "children"),
    Output(ids.TOUR_START_OWN, "disabled"),
    Output(ids.TOUR_SAVE, "disabled"),
    Output(ids.TOUR_NAME, "value"),
    Input(ids.OWN_TOUR, "data"),
    Input(ids.LANGUAGE, "data"),
)
@request_scope
def show_own_tour(data, language=None):
    """The presenter's steps (in the page's language), whether there is anything to present or save,
    and the tour's title in its field."""
    tour = presenter.own_tour(data)
    return presenter.step_list(tour), not tour.steps, not tour.steps, tour.title


@callback(
    Output(ids.TOUR_DOWNLOAD, "data"),
    Input(ids.TOUR_SAVE, "n_clicks"),
    State(ids.OWN_TOUR, "data"),
    prevent_initial_call=True,
)
def save_tour(clicks, data):
    """Download the presenter's tour as a JSON file."""
    payload = presenter.tour_file(data) if clicks else None
    return payload if payload else no_update


@callback(
    Output(ids.TOUR_EXPORT_DOWNLOAD, "data"),
    Output(ids.TOUR_EXPORT_MESSAGE, "children"),
    Input({"type": ids.TOUR_EXPORT, "format": ALL}, "n_clicks"),
    State(ids.TOUR_EXPORT_WHICH, "value"),
    State(ids.OWN_TOUR, "data"),
    State(ids.LANGUAGE, "data"),
    State(ids.DATASET_STORE, "data"),
    prevent_initial_call=True,
)
@request_scope
def export_tour(_clicks, which, own_data, language=None, record=None):
    """Send the chosen tour as an offline HTML file, slides or a PDF, in the page's language."""
    if not ctx.triggered or not ctx.triggered[0]["value"] or not isinstance(ctx.triggered_id, dict):
        return no_update, no_update
    payload, message = presenter.export_file(
        which, ctx.triggered_id.get("format"), own_data, i18n.current(), *known_ids(), record=record
    )
    return payload if payload else no_update, message
