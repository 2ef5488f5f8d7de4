"""Bring your own data: the dataset bar (which data is shown, upload, errors, download, reset).

Its callbacks are in rcpdash.ui.dataset_callbacks. The session store (``storage_type="session"``:
this tab only, kept across reloads, never on the server's disk) holds
:func:`rcpdash.upload.session_record`; every callback that reads data runs inside
:func:`rcpdash.ui.scope.active`, which restores the dataset (from the server's bounded cache, else
from the record) and serves it to that request only.
"""

from __future__ import annotations

from dash import dcc, html

from .. import datasets, upload
from ..config import EDITION_LAST_YEARS, SOURCE_CITATION
from ..data import ValidationIssue
from ..i18n import N_, _, count_text
from ..urlstate import DEFAULT
from . import ids
from .translated import text

MAX_LISTED_PROBLEMS = 200


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
        return _(
            # The formal organisations' full memberships come from public sources listed in
            # data/sources.csv (issue 19); "sources=report" leaves them out of the views.
            "Data: the report (IOM 2005, Interstate Cooperation and Migration) and cited membership lists"
        )
    if not restored:
        return _("Your uploaded data could not be restored; showing the report's data. Upload it again.")
    states, arrangements = record.get("states"), record.get("arrangements")
    return _("Data: uploaded: {name}, {states}, {arrangements}").format(
        name=record.get("name", "?"),
        states=count_text("{n} state", "{n} states", states) if isinstance(states, int) else "?",
        arrangements=(
            count_text("{n} arrangement", "{n} arrangements", arrangements)
            if isinstance(arrangements, int)
            else "?"
        ),
    )


def edition_sources(edition: str) -> list[tuple[str, str, int, str]]:
    """(title, publisher, year, url) of the sources of the later edition's rows the views count under
    `edition` ("2013" or "both"; none for the report alone)."""
    ds = datasets.dataset()
    rows = ds.edition_memberships
    if edition == DEFAULT.edition or rows.empty:
        return []
    wanted = set(rows.loc[rows["edition"] == EDITION_LAST_YEARS.get(edition, -1), "source_id"])
    chosen = ds.sources[ds.sources["source_id"].isin(wanted)]
    return [(r.title, r.publisher, int(r.year), r.url_or_citation) for r in chosen.itertuples()]


def source_line(record: dict | None, edition: str = DEFAULT.edition) -> list:
    """The footer's source sentences: the report (and the later edition's source when one is counted),
    or the upload (its evidence is its own)."""
    if not record:
        later = [
            html.Span(
                [
                    _("Memberships of the {year} edition: {title}, {publisher}").format(
                        year=year, title=title, publisher=publisher
                    ),
                    " (",
                    html.A(url, href=url, rel="noreferrer") if url.startswith("http") else url,
                    "). ",
                ]
            )
            for title, publisher, year, url in edition_sources(edition)
        ]
        return [
            html.Span(_("Source: {citation}").format(citation=SOURCE_CITATION)),
            " ",
            *later,
            html.Span(_("Every membership cites its source; observers are never counted as members.")),
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
            count_text(
                "The upload was not loaded: {n} problem. You still see the data you had.",
                "The upload was not loaded: {n} problems. You still see the data you had.",
                len(issues),
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
    return count_text(
        "{first} and {n} more file", "{first} and {n} more files", len(filenames) - 1, first=filenames[0]
    )
