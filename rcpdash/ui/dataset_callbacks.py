"""The dataset bar's callbacks: receive an upload, reset, follow the dataset in use, export it."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import MissingCallbackContextException

from .. import datasets, i18n, upload
from ..i18n import _, count_text
from ..queries import node_options, options
from . import ids
from .dataset_panel import badge_text, problem_list, source_line, upload_name
from .dataset_values import compare_options, dataset_line, first_year, slider_marks, year_options
from .scope import active, request_scope


@callback(
    Output(ids.DATASET_STORE, "data"),
    Output(ids.DATASET_MESSAGES, "children"),
    Output(ids.DATASET_UPLOAD, "contents"),
    Input(ids.DATASET_UPLOAD, "contents"),
    State(ids.DATASET_UPLOAD, "filename"),
    State(ids.LANGUAGE, "data"),
    prevent_initial_call=True,
)
@request_scope
def receive_upload(contents, filenames, language=None):
    """Validate an upload; keep it in the session, or list every problem and keep what was shown."""
    if not contents:
        return no_update, no_update, no_update
    return _receive(contents, filenames)


def _receive(contents, filenames):
    contents = contents if isinstance(contents, list) else [contents]
    filenames = filenames if isinstance(filenames, list) else [filenames]
    files, issues = upload.decode_contents(contents, filenames)
    loaded = None
    if not issues:
        loaded, issues = upload.load_upload(files, upload_name(filenames))
    if loaded is None:
        return no_update, problem_list(issues), None
    message = [html.P(_("Loaded {name}.").format(name=loaded.name), className="dataset-ok")]
    if loaded.left_out:
        message.append(
            html.P(
                count_text(
                    "{n} membership spell lies wholly outside the years the dashboard shows and was left out.",
                    "{n} membership spells lie wholly outside the years the dashboard shows and were left out.",
                    loaded.left_out,
                )
            )
        )
    return loaded.record, message, None


@callback(
    Output(ids.DATASET_STORE, "data", allow_duplicate=True),
    Output(ids.DATASET_MESSAGES, "children", allow_duplicate=True),
    Input(ids.DATASET_RESET, "n_clicks"),
    prevent_initial_call=True,
)
def reset_dataset(clicks):
    """Back to the report's data."""
    if not clicks:
        return no_update, no_update
    return None, []


@callback(
    Output(ids.DATASET_BADGE, "children"),
    Output(ids.DATASET_SUMMARY, "children"),
    Output(ids.DATASET_SOURCE, "children"),
    Output(ids.DATASET_RESET, "hidden"),
    Output(ids.STATE_SELECT, "options"),
    Output(ids.PROCESS_SELECT, "options"),
    Output(ids.FOCUS_SELECT, "options"),
    Output(ids.COMPARE_STATES, "options"),
    Output(ids.COMPARE_PROCESSES, "options"),
    Output(ids.YEAR_FILTER, "options"),
    Output(ids.YEAR_SLIDER, "min"),
    Output(ids.YEAR_SLIDER, "marks"),
    Input(ids.DATASET_STORE, "data"),
    Input(ids.LANGUAGE, "data"),
)
def follow_dataset(record, language=None):
    """Everything outside the views that comes from the data: the header and footer lines, the
    state and process choices, the years; in the page's language (it runs again when that changes)."""

    if not record and _first_call():
        # A first load without an upload: the layout already shows the report's values, and sending
        # them again would re-render a dropdown the user may already have opened.
        return (no_update,) * 12
    # Not @request_scope: the badge must know whether the session's dataset could be restored.
    with active(record) as restored, i18n.using(language):
        states, processes = options(datasets.dataset())
        return (
            badge_text(record, restored),
            dataset_line(),
            source_line(record if restored else None),
            not record,
            states,
            processes,
            node_options(states, processes),
            *compare_options(),
            year_options(),
            first_year(),
            slider_marks(),
        )


def _first_call() -> bool:
    """Whether this is the page's initial call (no input changed yet)."""
    try:
        return ctx.triggered_id is None
    except MissingCallbackContextException:  # called directly (tests, tools): not a page load
        return False


@callback(
    Output(ids.DATASET_DOWNLOAD, "data"),
    Input(ids.DATASET_EXPORT, "n_clicks"),
    State(ids.DATASET_STORE, "data"),
    prevent_initial_call=True,
)
@request_scope
def export_dataset(clicks, record):
    """The dataset being shown as a zip of its CSV files (formula-safe; loads back unchanged)."""
    if not clicks:
        return no_update
    content = upload.export_zip(datasets.dataset())
    name = "rcpdash-dataset.zip" if not record else "rcpdash-uploaded-dataset.zip"
    return dcc.send_bytes(content, name)
