"""Bring your own data: the dataset bar (which data is shown, upload, errors, download, reset) and
the callbacks that choose the dataset of each request from the user's session.

The session store (``storage_type="session"``: this tab only, kept across reloads, never on the
server's disk) holds :func:`rcpdash.upload.session_record`; every callback that reads data runs inside
:func:`active`, which restores the dataset (from the server's bounded cache, else from the record)
and serves it to that request only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import MissingCallbackContextException

from .. import datasets, i18n, upload
from ..config import SOURCE_CITATION
from ..data import ValidationIssue
from ..i18n import N_, _
from ..queries import node_options, options
from . import ids
from .dataset_values import dataset_line, first_year, slider_marks, year_options
from .translated import text

MAX_LISTED_PROBLEMS = 200


@contextmanager
def active(record: dict | None) -> Iterator[bool]:
    """Serve the session's dataset inside the block; yields False when it could not be restored
    (the report's data is served then, and the dataset bar says so)."""
    try:
        ds = upload.restore(record)
        restored = True
    except upload.DatasetUnavailable:
        ds, restored = None, False
    with datasets.using(ds):
        yield restored


def help_text() -> str:
    """What an upload may hold, in the current language."""
    return _(
        "Upload the dataset's CSV files (processes.csv, states.csv, memberships.csv, "
        "organizations.csv, process_links.csv, optionally themes.csv), a zip of them, or a "
        "Correlates of War IGO state-year file (state_year_formatv3.csv, or its zip). "
        "Up to {mb} MB and {rows} rows per file. It stays in this browser tab only."
    ).format(mb=upload.MAX_UPLOAD_BYTES // (1024 * 1024), rows=f"{upload.MAX_ROWS:,}")


def limit_text() -> str:
    return _("The files are larger than {mb} MB, the limit for an upload: zip them first.").format(
        mb=upload.MAX_UPLOAD_BYTES // (1024 * 1024)
    )


#: The bar's texts that are props or formatted sentences: layout.TRANSLATED_PROPS re-translates them
#: when the language changes (its plain words follow through translated.text).
TRANSLATED_PROPS: list[tuple[str | dict, str, object]] = [
    (ids.DATASET_HELP, "children", help_text),
    (ids.DATASET_LIMIT_NOTICE, "children", limit_text),
    (ids.DATASET_BAR, "aria-label", lambda: _("Dataset")),
]


def dataset_bar() -> html.Section:
    """Which dataset is shown, and the controls to bring your own."""
    return html.Section(
        [
            html.P(badge_text(None), id=ids.DATASET_BADGE, className="dataset-badge", role="status"),
            html.Details(
                [
                    html.Summary(text(N_("Use your own data"))),
                    html.P(help_text(), id=ids.DATASET_HELP, className="dataset-help"),
                    dcc.Upload(
                        html.Div(text(N_("Drop files here or click to choose (several at once, or a zip)"))),
                        id=ids.DATASET_UPLOAD,
                        multiple=True,
                        className="dataset-upload",
                        className_active="dataset-upload dataset-upload--active",
                    ),
                    html.P(
                        limit_text(),
                        id=ids.DATASET_LIMIT_NOTICE,
                        className="dataset-error",
                        hidden=True,
                        **{"data-limit": str(upload.MAX_UPLOAD_BYTES)},
                    ),
                    html.Div(
                        id=ids.DATASET_MESSAGES, className="dataset-messages", **{"aria-live": "polite"}
                    ),
                    html.Div(
                        [
                            html.Button(
                                text(N_("Download this dataset (zip of CSV files)")),
                                id=ids.DATASET_EXPORT,
                                type="button",
                                className="dataset-button",
                            ),
                            html.Button(
                                text(N_("Back to the report's data")),
                                id=ids.DATASET_RESET,
                                type="button",
                                className="dataset-button",
                                hidden=True,
                            ),
                        ],
                        className="dataset-actions",
                    ),
                ],
                className="dataset-details",
            ),
            dcc.Download(id=ids.DATASET_DOWNLOAD),
        ],
        id=ids.DATASET_BAR,
        className="dataset-bar",
        **{"aria-label": _("Dataset")},
    )


def badge_text(record: dict | None, restored: bool = True) -> str:
    """The header line saying which dataset every view shows."""
    if not record:
        return _("Data: the report (IOM 2005, Interstate Cooperation and Migration)")
    if not restored:
        return _("Your uploaded data could not be restored; showing the report's data. Upload it again.")
    return _("Data: uploaded: {name}, {states} states, {arrangements} arrangements").format(
        name=record.get("name", "?"),
        states=record.get("states", "?"),
        arrangements=record.get("arrangements", "?"),
    )


def source_line(record: dict | None) -> list:
    """The footer's source sentences: the report, or the upload (its evidence is its own)."""
    if not record:
        return [
            html.Span(_("Source: {citation}").format(citation=SOURCE_CITATION)),
            " ",
            html.Span(
                _("Every membership cites the report verbatim; observers are never counted as members.")
            ),
        ]
    return [
        html.Span(_("Source: your upload, {name}.").format(name=record.get("name", "?"))),
        " ",
        html.Span(
            _("Each row's evidence points into the uploaded files; observers are never counted as members.")
        ),
    ]


def problem_list(issues: list[ValidationIssue]) -> list:
    """Every problem as a table row: file, row, column, what was expected (the first 200)."""
    rows = [
        html.Tr(
            [
                html.Td(i.file),
                html.Td("" if i.row is None else str(i.row)),
                html.Td(i.column or ""),
                html.Td(i.message),
            ]
        )
        for i in issues[:MAX_LISTED_PROBLEMS]
    ]
    more = len(issues) - MAX_LISTED_PROBLEMS
    return [
        html.P(
            _("The upload was not loaded: {n} problems. You still see the data you had.").format(
                n=len(issues)
            ),
            className="dataset-error",
        ),
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [html.Th(_("File")), html.Th(_("Row")), html.Th(_("Column")), html.Th(_("Problem"))]
                    )
                ),
                html.Tbody(rows),
            ],
            className="dataset-problems",
        ),
        *([html.P(_("… and {n} more.").format(n=more))] if more > 0 else []),
    ]


def upload_name(filenames: list[str]) -> str:
    """A short name for the upload: its file, or its first file and how many more."""
    if len(filenames) == 1:
        return filenames[0]
    return _("{first} and {n} more files").format(first=filenames[0], n=len(filenames) - 1)


@callback(
    Output(ids.DATASET_STORE, "data"),
    Output(ids.DATASET_MESSAGES, "children"),
    Output(ids.DATASET_UPLOAD, "contents"),
    Input(ids.DATASET_UPLOAD, "contents"),
    State(ids.DATASET_UPLOAD, "filename"),
    State(ids.LANGUAGE, "data"),
    prevent_initial_call=True,
)
def receive_upload(contents, filenames, language=None):
    """Validate an upload; keep it in the session, or list every problem and keep what was shown."""
    if not contents:
        return no_update, no_update, no_update
    with i18n.using(language):
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
                _(
                    "{n} membership spells lie wholly outside the years the dashboard shows and were left out."
                ).format(n=loaded.left_out)
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
        return (no_update,) * 10
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
def export_dataset(clicks, record):
    """The dataset being shown as a zip of its CSV files (formula-safe; loads back unchanged)."""
    if not clicks:
        return no_update
    with active(record):
        content = upload.export_zip(datasets.dataset())
    name = "rcpdash-dataset.zip" if not record else "rcpdash-uploaded-dataset.zip"
    return dcc.send_bytes(content, name)
