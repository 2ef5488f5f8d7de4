"""Load and validate the membership dataset in ``data/``.

The dataset is a handful of UTF-8 CSV files (see :data:`SCHEMAS`). :func:`load_dataset` reads them,
checks every rule below and returns tidy, typed frames; when anything is wrong it raises
:class:`DataValidationError` listing *every* problem with its file, row, column and what was expected.

Command line::

    python -m rcpdash.data check [DIR]     # summary, or the errors and exit status 1
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .config import (
    CONTINENTS,
    DATA_DIR,
    FIRST_YEAR,
    LAST_YEAR,
    MEMBER_ROLES,
    PROCESS_KINDS,
    REPORT_REGIONS,
    ROLES,
    STATE_KINDS,
    THEMES,
)
from .i18n import N_, _

# --------------------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------------------

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
#: A membership may end after the report's year when the text gives a planned end (a 2003-2006 project).
PLANNED_END_LIMIT = 2030
LINK_TYPES = ("joint_meeting", "observer_at", "exchange", "cooperation", "successor", "overlap")
ORG_ROLES = ("secretariat", "support", "technical_support", "funding", "observer", "member")
#: How much of a process a later edition's source lists, which decides what its silence means:
#: "complete" (every member and observer: a state it leaves out is no longer listed), "members" (every
#: member, silent on observers) or "partial" (some states only, such as a meeting's participants: a
#: state it leaves out may still belong, so nobody is ended by it).
LISTINGS = ("complete", "members", "partial")


@dataclass(frozen=True)
class Column:
    """One column of a CSV file: its type and the rule its values follow."""

    name: str
    kind: str = "text"  # text | int | year | float
    required: bool = True  # False: the cell may be empty
    choices: tuple[str, ...] | None = None
    pattern: re.Pattern[str] | None = None
    lo: float | None = None
    hi: float | None = None
    expected: str = ""  # wording used in error messages
    in_header: bool = True  # False: the header may leave the column out (its cells are then empty)


def _year(name: str, required: bool = False, hi: int = LAST_YEAR) -> Column:
    return Column(name, "year", required, lo=FIRST_YEAR, hi=hi)


def _evidence() -> list[Column]:
    return [Column("evidence"), Column("source_line", "int", lo=1)]


def _source_id() -> Column:
    """Which source in sources.csv a row comes from. Optional in the header so that datasets made before
    sources.csv existed (and Correlates of War uploads) still load; required once sources.csv lists sources."""
    return Column("source_id", required=False, in_header=False)


def _cited_by_source() -> tuple[Column, ...]:
    """The columns of a row from a public source other than the report: which source, the state's
    name exactly as that source lists it (found in `evidence`), its words, and a note."""
    return (Column("source_id"), Column("name_in_source"), Column("evidence"), Column("note", required=False))


@dataclass(frozen=True)
class TableSchema:
    """A CSV file: its columns, its key and its foreign keys."""

    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional_file: bool = False

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SCHEMAS: dict[str, TableSchema] = {
    "processes": TableSchema(
        "processes.csv",
        (
            Column("process_id", pattern=_SLUG, expected=N_("a lowercase slug like 'budapest_process'")),
            Column("name"),
            Column("acronym", required=False),
            Column("kind", choices=PROCESS_KINDS),
            Column("region", choices=REPORT_REGIONS),
            _year("founded"),
            Column("facilitators", required=False),
            Column("stated_member_count", "int", required=False, lo=0, hi=1000),
            Column("count_note", required=False),
            Column("description"),
            *_evidence(),
            # The description in French and Spanish, where someone has translated it faithfully.
            Column("description_fr", required=False, in_header=False),
            Column("description_es", required=False, in_header=False),
            _source_id(),
        ),
        key=("process_id",),
    ),
    "states": TableSchema(
        "states.csv",
        (
            Column("iso3", pattern=_ISO3, expected=N_("three capital letters (ISO 3166 alpha-3)")),
            Column("name"),
            Column("continent", choices=CONTINENTS),
            Column("subregion"),
            Column("lat", "float", lo=-90, hi=90),
            Column("lon", "float", lo=-180, hi=180),
            Column("kind", choices=STATE_KINDS),
            _source_id(),
        ),
        key=("iso3",),
    ),
    "memberships": TableSchema(
        "memberships.csv",
        (
            Column("process_id"),
            Column("iso3"),
            Column("role", choices=ROLES),
            _year("since"),
            _year("until", hi=PLANNED_END_LIMIT),
            *_evidence(),
            Column("note", required=False),
            _source_id(),
        ),
        # A state may leave and rejoin: one row per spell, told apart by its start.
        key=("process_id", "iso3", "role", "since"),
    ),
    "organizations": TableSchema(
        "organizations.csv",
        (
            Column("org_id", pattern=_SLUG, expected=N_("a lowercase slug like 'iom'")),
            Column("name"),
            Column("acronym", required=False),
            Column("process_id"),
            Column("role", choices=ORG_ROLES),
            *_evidence(),
            _source_id(),
        ),
        key=("org_id", "process_id", "role"),
    ),
    "themes": TableSchema(
        "themes.csv",
        (
            Column("process_id"),
            Column("theme", choices=tuple(THEMES)),
            *_evidence(),
            _source_id(),
        ),
        key=("process_id", "theme"),
        optional_file=True,
    ),
    "process_links": TableSchema(
        "process_links.csv",
        (
            Column("process_a"),
            Column("process_b"),
            Column("link_type", choices=LINK_TYPES),
            _year("year"),
            *_evidence(),
            Column("note", required=False),
            _source_id(),
        ),
        key=("process_a", "process_b", "link_type"),
    ),
    # The public sources the rows cite: the report, and the reference sources of full memberships.
    "sources": TableSchema(
        "sources.csv",
        (
            Column("source_id", pattern=_SLUG, expected=N_("a lowercase slug like 'iom2005'")),
            Column("title"),
            Column("publisher"),
            Column("year", "int", lo=1800, hi=2100),
            Column("url_or_citation"),
            Column("licence_note", required=False),
        ),
        key=("source_id",),
        optional_file=True,
    ),
    # Full memberships of the formal organizations the report names, from public reference sources
    # (issue 19). Kept apart from memberships.csv, which holds only what the report itself says:
    # rcpdash.network.combined_memberships merges the two (one membership per state, the report's
    # row first).
    "reference_memberships": TableSchema(
        "reference_memberships.csv",
        (
            Column("process_id"),
            Column("iso3"),
            Column("role", choices=ROLES),
            _year("since"),
            _year("until", hi=PLANNED_END_LIMIT),
            *_cited_by_source(),
        ),
        key=("process_id", "iso3", "role", "since"),
        optional_file=True,
    ),
    # Later editions of the principal RCPs' lists (issue 17): who a later public overview lists in
    # each process, in which role, with its words. Kept apart from memberships.csv (the 2005 report)
    # and joined to it only when a view asks for an edition (:func:`with_edition`).
    "edition_memberships": TableSchema(
        "edition_memberships.csv",
        (
            # The year of the edition (the overview's "as of" year); its source must be of that year.
            Column("edition", "int", lo=LAST_YEAR + 1, hi=PLANNED_END_LIMIT),
            Column("process_id"),
            Column("iso3"),
            Column("role", choices=ROLES),
            *_cited_by_source(),
            # How much of the process the source lists (:data:`LISTINGS`); one value per process and
            # edition. Empty (and an older file without the column) reads as "complete".
            Column("listing", choices=LISTINGS, required=False, in_header=False),
        ),
        key=("edition", "process_id", "iso3", "role"),
        optional_file=True,
    ),
}

#: (table, column) -> (table, column) it must refer to.
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("memberships", "process_id"): ("processes", "process_id"),
    ("memberships", "iso3"): ("states", "iso3"),
    ("organizations", "process_id"): ("processes", "process_id"),
    ("themes", "process_id"): ("processes", "process_id"),
    ("process_links", "process_a"): ("processes", "process_id"),
    ("process_links", "process_b"): ("processes", "process_id"),
    ("reference_memberships", "process_id"): ("processes", "process_id"),
    ("reference_memberships", "iso3"): ("states", "iso3"),
    ("edition_memberships", "process_id"): ("processes", "process_id"),
    ("edition_memberships", "iso3"): ("states", "iso3"),
}
#: Tables whose rows must name a source listed in sources.csv (when the dataset has one).
SOURCED_TABLES: tuple[str, ...] = (
    "processes",
    "states",
    "memberships",
    "organizations",
    "themes",
    "process_links",
    "reference_memberships",
    "edition_memberships",
)


# --------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ValidationIssue:
    """One problem in the data. ``row`` is the line in the CSV file (the header is line 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """Raised with every problem found, not just the first."""

    def __init__(self, issues: Iterable[ValidationIssue]):
        self.issues = sorted(issues, key=lambda i: (i.file, i.row or 0, i.column or "", i.message))
        lines = "\n".join(f"  - {i}" for i in self.issues)
        super().__init__(f"{len(self.issues)} problem(s) in the dataset:\n{lines}")


# --------------------------------------------------------------------------------------------------
# The dataset
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """The validated, typed tables. Treat as immutable: filters return new frames."""

    processes: pd.DataFrame
    states: pd.DataFrame
    memberships: pd.DataFrame
    organizations: pd.DataFrame
    process_links: pd.DataFrame
    themes: pd.DataFrame
    sources: pd.DataFrame = field(default_factory=lambda: _empty("sources"))
    reference_memberships: pd.DataFrame = field(default_factory=lambda: _empty("reference_memberships"))
    edition_memberships: pd.DataFrame = field(default_factory=lambda: _empty("edition_memberships"))
    source: str = field(default="", compare=False)
    #: sha256 of the files' bytes: identifies this dataset in caches shared between processes.
    fingerprint: str = field(default="", compare=False)

    def summary(self) -> dict[str, object]:
        """Counts for a quick overview: processes, states, memberships by role and by region."""
        m = self.memberships.merge(self.processes[["process_id", "region"]], on="process_id")
        return {
            "processes": len(self.processes),
            "processes_by_kind": self.processes["kind"].value_counts().sort_index().to_dict(),
            "states": len(self.states),
            "states_with_memberships": int(self.memberships["iso3"].nunique()),
            "memberships": len(self.memberships),
            "memberships_by_role": m["role"].value_counts().sort_index().to_dict(),
            "memberships_by_region": m["region"].value_counts().sort_index().to_dict(),
            "process_links": len(self.process_links),
            "organization_roles": len(self.organizations),
            "themes": len(self.themes),
            "sources": len(self.sources),
            "reference_memberships": len(self.reference_memberships),
            "edition_memberships": len(self.edition_memberships),
            "editions": sorted(int(e) for e in self.edition_memberships["edition"].dropna().unique()),
        }


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=SCHEMAS[table].names)


TableSource = Path | str | Mapping[str, bytes]


def _read_raw(source: TableSource) -> tuple[dict[str, pd.DataFrame], list[ValidationIssue], str]:
    """Read every CSV as text (no type guessing) from a folder or a {file name: bytes} mapping.

    Returns the frames, the problems and a sha256 fingerprint of the bytes read.
    """
    frames: dict[str, pd.DataFrame] = {}
    issues: list[ValidationIssue] = []
    digest = hashlib.sha256()
    for table, schema in SCHEMAS.items():
        try:
            if isinstance(source, Mapping):
                if schema.file not in source:
                    raise FileNotFoundError(schema.file)
                content = bytes(source[schema.file])
            else:
                content = (Path(source) / schema.file).read_bytes()
            digest.update(schema.file.encode() + b"\0" + content + b"\0")
            # utf-8-sig: spreadsheets ("CSV UTF-8" in Excel) start the file with a byte-order mark.
            frame, problems = _parse_csv(schema.file, content.decode("utf-8-sig"))
        except FileNotFoundError:
            if schema.optional_file:
                frames[table] = pd.DataFrame(columns=schema.names)
            else:
                issues.append(ValidationIssue(schema.file, None, None, _("file is missing")))
            continue
        except UnicodeDecodeError as exc:
            issues.append(
                ValidationIssue(
                    schema.file, None, None, _("is not UTF-8 text ({reason})").format(reason=exc.reason)
                )
            )
            continue
        except csv.Error as exc:
            issues.append(
                ValidationIssue(schema.file, None, None, _("is not valid CSV ({reason})").format(reason=exc))
            )
            continue
        issues.extend(problems)
        if frame is not None:
            frames[table] = frame
    return frames, issues, digest.hexdigest()


def _parse_csv(file: str, text: str) -> tuple[pd.DataFrame | None, list[ValidationIssue]]:
    """Parse CSV text into a frame of stripped strings indexed by the line each record starts on.

    Python's csv reader, not pandas: pandas skips blank lines (so row numbers drift from the file's
    lines) and silently turns an extra first cell on every row into an index.
    """
    if "\0" in text:
        return None, [ValidationIssue(file, None, None, _("is not valid CSV (it contains NUL characters)"))]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(reader, None)  # blank lines before the header ("row 1" below means the header)
    if header is None:
        return None, [ValidationIssue(file, None, None, _("is empty: expected a header row"))]
    header = [cell.strip() for cell in header]
    problems = [
        ValidationIssue(file, 1, name, _("expected each column once in the header"))
        for name in sorted({h for h in header if header.count(h) > 1})
    ]
    records, lines = [], []
    start = reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            if len(record) != len(header):
                problems.append(
                    ValidationIssue(
                        file,
                        start,
                        None,
                        _("expected {n} cells as in the header, found {found}").format(
                            n=len(header), found=len(record)
                        ),
                    )
                )
            else:
                records.append([cell.strip() for cell in record])
                lines.append(start)
        start = reader.line_num + 1
    if problems:
        return None, problems
    frame = pd.DataFrame(records, columns=header, dtype=object)
    frame.index = pd.Index(lines, name="line")
    return frame, []


#: Longest whole number a cell may hold (Int64 holds 19 digits; no year or line number needs more).
MAX_INT_DIGITS = 15
_WHOLE_NUMBER = re.compile(rf"-?[0-9]{{1,{MAX_INT_DIGITS}}}")


def _check_cell(column: Column, value: str) -> tuple[object, str | None]:
    """Convert one cell; return (value, None) or (None, what was expected)."""
    if value == "":
        return None, (None if not column.required else _("expected a value (the cell is empty)"))
    if column.kind in ("int", "year"):
        if not _WHOLE_NUMBER.fullmatch(value):
            if column.kind == "year":
                return None, _("expected a year, got {value}").format(value=_quote(value))
            return None, _("expected a whole number, got {value}").format(value=_quote(value))
        converted: object = int(value)
    elif column.kind == "float":
        try:
            converted = float(value)
        except ValueError:
            return None, _("expected a number, got {value}").format(value=_quote(value))
        if not math.isfinite(converted):
            return None, _("expected a finite number, got {value}").format(value=_quote(value))
    else:
        converted = value = unescape_cell(value)
    if column.choices is not None and value not in column.choices:
        return None, _("expected one of {choices}; got {value}").format(
            choices=", ".join(column.choices), value=_quote(value)
        )
    if column.pattern is not None and not column.pattern.match(value):
        expected = _(column.expected) if column.expected else column.pattern.pattern
        return None, _("expected {what}; got {value}").format(what=expected, value=_quote(value))
    if isinstance(converted, int | float) and (
        (column.lo is not None and converted < column.lo) or (column.hi is not None and converted > column.hi)
    ):
        if column.hi is None:
            return None, _("expected a value of at least {lo}, got {value}").format(
                lo=f"{column.lo:g}", value=_quote(value)
            )
        if column.lo is None:
            return None, _("expected a value of at most {hi}, got {value}").format(
                hi=f"{column.hi:g}", value=_quote(value)
            )
        return None, _("expected a value between {lo} and {hi}, got {value}").format(
            lo=f"{column.lo:g}", hi=f"{column.hi:g}", value=_quote(value)
        )
    return converted, None


# --------------------------------------------------------------------------------------------------
# Formula-safe cells and the canonical CSV form (exports)
# --------------------------------------------------------------------------------------------------

#: A text cell starting with one of these could run as a formula when a spreadsheet opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Formula characters, possibly after apostrophes: exactly the cells that get (or had) one more.
_ESCAPABLE = re.compile(r"'*[=+\-@\t\r]")


def escape_cell(text: str) -> str:
    """`text` safe to open in a spreadsheet: an apostrophe before a leading ``= + - @`` tab or CR.

    Reversible (:func:`unescape_cell`): a text that already starts with apostrophes followed by
    one of those characters gets one more, so ``'=x`` and ``=x`` stay two different cells.

    >>> escape_cell("=HYPERLINK(1)"), escape_cell("'=x"), escape_cell("'quoted'"), escape_cell("a-b")
    ("'=HYPERLINK(1)", "''=x", "'quoted'", 'a-b')
    """
    return "'" + text if _ESCAPABLE.match(text) else text


def unescape_cell(text: str) -> str:
    """The text :func:`escape_cell` was given: drop the one apostrophe it added, nothing else.

    >>> unescape_cell("'=HYPERLINK(1)"), unescape_cell("''=x"), unescape_cell("'quoted'")
    ('=HYPERLINK(1)', "'=x", "'quoted'")
    """
    return text[1:] if text.startswith("'") and _ESCAPABLE.match(text, 1) else text


def _csv_field(text: str) -> str:
    # Quoted when it holds a separator, a quote or any line break (a lone CR too: written bare it
    # would end the record for most readers).
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _format_value(column: Column, value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if column.kind in ("int", "year"):
        return str(int(value))
    if column.kind == "float":
        return repr(float(value))  # the shortest text that reads back as the same float
    return escape_cell(str(value))


def table_bytes(table: str, frame: pd.DataFrame) -> bytes:
    """One table in the canonical form: schema column order, UTF-8, LF line ends, minimal quoting,
    formula-safe text cells. ``data/`` is stored in this form (a test checks it byte for byte)."""
    columns = SCHEMAS[table].columns
    lines = [",".join(_csv_field(c.name) for c in columns)]
    for record in frame[[c.name for c in columns]].itertuples(index=False, name=None):
        lines.append(",".join(_csv_field(_format_value(c, v)) for c, v in zip(columns, record, strict=True)))
    return ("\n".join(lines) + "\n").encode("utf-8")


def dataset_files(dataset: Dataset) -> dict[str, bytes]:
    """Every table of `dataset` as {file name: canonical CSV bytes}; :func:`read_dataset` of the
    result gives the same dataset back."""
    return {schema.file: table_bytes(table, getattr(dataset, table)) for table, schema in SCHEMAS.items()}


def _quote(value: str, limit: int = 60) -> str:
    """A cell for an error message: repr'd, and cut so a huge cell cannot flood the message."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _typed_frame(schema: TableSchema, raw: pd.DataFrame, issues: list[ValidationIssue]) -> pd.DataFrame:
    """Check columns and cells of one table and return it with proper dtypes."""
    missing = [c.name for c in schema.columns if c.name not in raw.columns]
    for name in missing:
        if schema.column(name).in_header:
            issues.append(
                ValidationIssue(schema.file, 1, name, _("required column is missing from the header"))
            )
    unknown = [c for c in raw.columns if c not in schema.names]
    for name in unknown:
        issues.append(
            ValidationIssue(
                schema.file,
                1,
                name,
                _("unknown column; expected only {columns}").format(columns=", ".join(schema.names)),
            )
        )
    out: dict[str, list[object]] = {c.name: [] for c in schema.columns}
    for line, record in zip(raw.index, raw.to_dict("records"), strict=True):
        for column in schema.columns:
            if column.name in missing:
                out[column.name].append(None)
                continue
            value, problem = _check_cell(column, record[column.name])
            if problem:
                issues.append(ValidationIssue(schema.file, line, column.name, problem))
            out[column.name].append(value)
    frame = pd.DataFrame(out, columns=schema.names)
    for column in schema.columns:
        if column.kind in ("int", "year"):
            frame[column.name] = pd.array(frame[column.name], dtype="Int64")
        elif column.kind == "float":
            frame[column.name] = pd.to_numeric(frame[column.name]).astype("float64")
        else:
            frame[column.name] = frame[column.name].fillna("").astype(str)
    frame.index = pd.Index(list(raw.index), name="line", dtype="int64")
    return frame


def _check_keys(table: str, frame: pd.DataFrame, issues: list[ValidationIssue]) -> None:
    schema = SCHEMAS[table]
    if frame.empty:
        return
    full_dupes = frame.duplicated(keep="first")
    for line in frame.index[full_dupes]:
        issues.append(ValidationIssue(schema.file, int(line), None, _("duplicate of an earlier row")))
    key_dupes = frame.duplicated(list(schema.key), keep="first") & ~full_dupes
    for line in frame.index[key_dupes]:
        values = ", ".join(f"{k}={frame.at[line, k]!r}" for k in schema.key)
        issues.append(
            ValidationIssue(
                schema.file,
                int(line),
                schema.key[-1],
                _("expected a unique key ({values} appears earlier)").format(values=values),
            )
        )


def _spells_overlap(since_a, until_a, since_b, until_b) -> bool:
    """Whether two year spells share more than a boundary year (missing ends are open)."""
    lo = max((y for y in (since_a, since_b) if not pd.isna(y)), default=None)
    hi = min((y for y in (until_a, until_b) if not pd.isna(y)), default=None)
    return lo is None or hi is None or hi > lo


def _check_rules(frames: dict[str, pd.DataFrame], issues: list[ValidationIssue]) -> None:
    """Cross-table and cross-column rules."""
    for (table, column), (target, target_column) in FOREIGN_KEYS.items():
        if table not in frames or target not in frames:
            continue
        known = set(frames[target][target_column])
        frame = frames[table]
        for line, value in frame[column].items():
            if value and value not in known:
                issues.append(
                    ValidationIssue(
                        SCHEMAS[table].file,
                        int(line),
                        column,
                        _("expected a {column} listed in {file}; got {value}").format(
                            column=target_column, file=SCHEMAS[target].file, value=repr(value)
                        ),
                    )
                )
    _check_sources(frames, issues)
    for table in ("memberships", "reference_memberships"):
        if table in frames:
            _check_spells(SCHEMAS[table].file, frames[table], issues)
    if "process_links" in frames:
        links = frames["process_links"]
        for line in links.index[links["process_a"] == links["process_b"]]:
            issues.append(
                ValidationIssue(
                    "process_links.csv", int(line), "process_b", _("expected two different processes")
                )
            )


def _check_sources(frames: dict[str, pd.DataFrame], issues: list[ValidationIssue]) -> None:
    """Every row of every table names a source listed in sources.csv (once the dataset has one)."""
    sources = frames.get("sources")
    known = set(sources["source_id"]) if sources is not None else set()
    for table in SOURCED_TABLES:
        frame = frames.get(table)
        if frame is None or "source_id" not in frame:
            continue
        for line, value in frame["source_id"].items():
            if value and value not in known:
                message = _("expected a source_id listed in sources.csv; got {value}").format(
                    value=repr(value)
                )
                if not known:
                    message += " " + _("(sources.csv is missing or empty)")
                issues.append(ValidationIssue(SCHEMAS[table].file, int(line), "source_id", message))
            elif not value and known:
                issues.append(
                    ValidationIssue(
                        SCHEMAS[table].file,
                        int(line),
                        "source_id",
                        _("expected a source_id listed in sources.csv (the cell is empty)"),
                    )
                )
    for table in ("reference_memberships", "edition_memberships"):
        ref = frames.get(table)
        if ref is None:
            continue
        for line in ref.index[
            [n not in e for n, e in zip(ref["name_in_source"], ref["evidence"], strict=True)]
        ]:
            issues.append(
                ValidationIssue(
                    SCHEMAS[table].file,
                    int(line),
                    "name_in_source",
                    _("expected the state's name as the source lists it, found in 'evidence'"),
                )
            )
    if "edition_memberships" in frames:
        _check_editions(frames["edition_memberships"], sources, issues)


def _check_editions(
    editions: pd.DataFrame, sources: pd.DataFrame | None, issues: list[ValidationIssue]
) -> None:
    """An edition's rows cite a source of the edition's year, and an observer in an edition is not
    also a member in it (a state may change role between editions, never within one)."""
    file = SCHEMAS["edition_memberships"].file
    years = dict(zip(sources["source_id"], sources["year"], strict=True)) if sources is not None else {}
    for line, row in editions.iterrows():
        year = years.get(row["source_id"])
        if year is not None and not pd.isna(row["edition"]) and int(year) != int(row["edition"]):
            issues.append(
                ValidationIssue(
                    file,
                    int(line),
                    "edition",
                    _("expected the year of its source ({year}); got {value}").format(
                        year=int(year), value=int(row["edition"])
                    ),
                )
            )
    for row in _observers_also_members(editions, ["edition", "process_id", "iso3"]).itertuples():
        issues.append(_observer_issue(file, row))
    if "listing" in editions:
        listing = editions["listing"].fillna("").replace("", "complete")
        first = listing.groupby([editions["edition"], editions["process_id"]]).transform("first")
        for line in editions.index[listing != first]:
            issues.append(
                ValidationIssue(
                    file,
                    int(line),
                    "listing",
                    _(
                        "expected the same listing on every row of a process in one edition ('{first}')"
                    ).format(first=first.loc[line]),
                )
            )


def _observers_also_members(m: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """Each observer row (its ``line``) paired with the member rows of the same `on` (suffix ``_m``)."""
    member = m[m["role"].isin(MEMBER_ROLES)].reset_index()
    observer = m[m["role"] == "observer"].reset_index()
    return observer.merge(member, on=on, suffixes=("", "_m"))


def _observer_issue(file: str, row) -> ValidationIssue:
    return ValidationIssue(
        file,
        int(row.line),
        "role",
        _("expected an observer not also listed as a member ({state} in {process})").format(
            state=row.iso3, process=row.process_id
        ),
    )


def _check_spells(file: str, m: pd.DataFrame, issues: list[ValidationIssue]) -> None:
    """Years in order, observers not also members, one role's spells not overlapping."""
    bad = m["since"].notna() & m["until"].notna() & (m["since"] > m["until"])
    for line in m.index[bad.fillna(False)]:
        issues.append(ValidationIssue(file, int(line), "until", _("expected a year not before 'since'")))
    # Observers are not members: a state cannot be both in the same process at the same time
    # (an observer that later joined has an observer row ending the year its member row starts).
    for row in _observers_also_members(m, ["process_id", "iso3"]).itertuples():
        if _spells_overlap(row.since, row.until, row.since_m, row.until_m):
            issues.append(_observer_issue(file, row))
    _check_same_role_spells(file, m, issues)


def _check_same_role_spells(file: str, m: pd.DataFrame, issues: list[ValidationIssue]) -> None:
    """Two spells of one state in one role in one process (a leave and a rejoin) must not overlap."""
    rows = m.reset_index()
    pairs = rows.merge(rows, on=["process_id", "iso3", "role"], suffixes=("", "_e"))
    pairs = pairs[pairs["line_e"] < pairs["line"]]
    for row in pairs.itertuples():
        a, b = row.since, row.since_e
        same_start = (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)
        if not same_start and _spells_overlap(row.since, row.until, row.since_e, row.until_e):
            issues.append(
                ValidationIssue(
                    file,
                    int(row.line),
                    "since",
                    _("expected spells of one role not to overlap ({state} as {role} in {process})").format(
                        state=row.iso3, role=row.role, process=row.process_id
                    ),
                )
            )


def validate_tables(source: TableSource) -> tuple[Dataset | None, list[ValidationIssue]]:
    """Read and check every table; return the dataset (None on any problem) and all problems."""
    raw, issues, fingerprint = _read_raw(source)
    frames = {table: _typed_frame(SCHEMAS[table], frame, issues) for table, frame in raw.items()}
    for table, frame in frames.items():
        _check_keys(table, frame, issues)
    _check_rules(frames, issues)
    if issues:
        return None, sorted(set(issues), key=lambda i: (i.file, i.row or 0, i.column or "", i.message))
    label = str(source) if not isinstance(source, Mapping) else "upload"
    tidy = {name: frame.reset_index(drop=True) for name, frame in frames.items()}
    return Dataset(**tidy, source=label, fingerprint=fingerprint), []


def read_dataset(source: TableSource) -> Dataset:
    """Load and validate a dataset from a folder or a {file name: bytes} mapping (not cached)."""
    dataset, issues = validate_tables(source)
    if dataset is None:
        raise DataValidationError(issues)
    return dataset


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Dataset:
    return read_dataset(Path(path))


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """The validated dataset in `data_dir`, loaded once per folder and cached."""
    return _load_cached(str(Path(data_dir).resolve()))


# --------------------------------------------------------------------------------------------------
# The report's memberships merged with the reference memberships
# --------------------------------------------------------------------------------------------------

#: The source id of the 2005 report in the shipped sources.csv.
REPORT_SOURCE_ID = "iom2005"
#: Extra columns of a merged memberships frame: where the row's years come from when not from its
#: own source (a report row the report gives no year for takes the reference's), and that source's words.
DATES_SOURCE = "dates_source_id"
DATES_EVIDENCE = "dates_evidence"
#: True on a merged row that comes from reference_memberships.csv, not from the report's own rows.
FROM_REFERENCE = "from_reference"
#: The state's name as the reference source lists it (empty on the report's own rows).
NAME_IN_SOURCE = "name_in_source"


def merge_memberships(memberships: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """The report's membership rows plus the reference rows, one membership per state and process.

    The report stays primary. Where the report names a state in a process:

    - its rows are kept as they are (role, quote, years), and no reference row is added for that state;
    - when it is in a member role and the report gives no year, it takes the years of the reference's
      latest spell in a member role (``dates_source_id`` names that source); the reference's earlier
      spells (a state that left and rejoined) are added as rows of their own.

    Every other reference row is added with its own source, quote, note and the state's name as the
    source lists it (``source_line`` empty, ``from_reference`` True: the views mark these rows "from
    <source>"). Roles the reference gives keep their meaning: observers stay observers, associates
    associates.

    >>> report = pd.DataFrame({"process_id": ["eu"], "iso3": ["AUT"], "role": ["member"],
    ...     "since": pd.array([None], dtype="Int64"), "until": pd.array([None], dtype="Int64"),
    ...     "evidence": ["Austria"], "source_line": pd.array([5], dtype="Int64"), "note": [""],
    ...     "source_id": ["iom2005"]})
    >>> ref = pd.DataFrame({"process_id": ["eu", "eu"], "iso3": ["AUT", "FIN"], "role": ["member"] * 2,
    ...     "since": pd.array([1995, 1995], dtype="Int64"), "until": pd.array([None, None], dtype="Int64"),
    ...     "source_id": ["ref"] * 2, "name_in_source": ["Austria", "Finland"],
    ...     "evidence": ["Austria, Finland", "Austria, Finland"], "note": ["", ""]})
    >>> merged = merge_memberships(report, ref)
    >>> merged[["iso3", "since", "source_id", "dates_source_id", "from_reference"]].to_dict("records")
    [{'iso3': 'AUT', 'since': 1995, 'source_id': 'iom2005', 'dates_source_id': 'ref', 'from_reference': False}, {'iso3': 'FIN', 'since': 1995, 'source_id': 'ref', 'dates_source_id': '', 'from_reference': True}]
    """
    report = memberships.copy()
    report[DATES_SOURCE] = ""
    report[DATES_EVIDENCE] = ""
    report[FROM_REFERENCE] = False
    report[NAME_IN_SOURCE] = ""
    if reference.empty:
        return report
    named = set(zip(report["process_id"], report["iso3"], strict=True))
    ref = reference.copy()
    ref["source_line"] = pd.array([None] * len(ref), dtype="Int64")
    ref[DATES_SOURCE] = ""
    ref[DATES_EVIDENCE] = ""
    ref[FROM_REFERENCE] = True
    is_named = pd.Series(
        [(p, s) in named for p, s in zip(ref["process_id"], ref["iso3"], strict=True)], index=ref.index
    )
    extra = [ref[~is_named]]
    # Reference member spells of the states the report names, latest first.
    spells = ref[is_named & ref["role"].isin(MEMBER_ROLES)]
    spells = spells.assign(_start=spells["since"].fillna(-1)).sort_values("_start", ascending=False)
    for (process_id, iso3), group in spells.groupby(["process_id", "iso3"], sort=False):
        rows = report.index[
            (report["process_id"] == process_id)
            & (report["iso3"] == iso3)
            & report["role"].isin(MEMBER_ROLES)
            & report["since"].isna()
            & report["until"].isna()
        ]
        if len(rows) == 0:
            continue  # the report gives the years, or names the state only as observer or partner
        latest = group.iloc[0]
        for row in rows:
            report.at[row, "since"] = latest["since"]
            report.at[row, "until"] = latest["until"]
            report.at[row, DATES_SOURCE] = latest["source_id"]
            report.at[row, DATES_EVIDENCE] = latest["evidence"]
        extra.append(group.iloc[1:].drop(columns="_start"))
    columns = list(report.columns)
    merged = pd.concat([report, *[e[columns] for e in extra if not e.empty]], ignore_index=True)
    for column in ("since", "until", "source_line"):
        merged[column] = merged[column].astype("Int64")
    return merged


def with_reference_memberships(dataset: Dataset) -> Dataset:
    """`dataset` with its reference memberships merged in (:func:`merge_memberships`).

    The result has its own fingerprint, so caches keep the two views apart. A dataset without
    reference rows comes back unchanged.
    """
    if dataset.reference_memberships.empty:
        return dataset
    # Datasets are frozen but hold frames (unhashable): remember merges by fingerprint instead.
    key = dataset.fingerprint
    if key and key in _MERGED:
        return _MERGED[key]
    merged = merge_memberships(dataset.memberships, dataset.reference_memberships)
    result = replace(dataset, memberships=merged, fingerprint=key + "+reference" if key else "")
    return _remember(_MERGED, key, result)


_MERGED: dict[str, Dataset] = {}


def _remember(cache: dict[str, Dataset], key: str, result: Dataset, size: int = 8) -> Dataset:
    """Keep `result` under `key` in `cache` (the oldest of `size` forgotten); no key, no keeping."""
    if key:
        if len(cache) >= size:
            cache.pop(next(iter(cache)))
        cache[key] = result
    return result


# --------------------------------------------------------------------------------------------------
# Editions: the report (2005) and a later overview, alone or joined into spells
# --------------------------------------------------------------------------------------------------

#: Extra columns of a joined memberships frame: the later edition's citation of the same spell.
EDITION_SOURCE = "edition_source_id"
EDITION_EVIDENCE = "edition_evidence"
EDITION_NAME = "edition_name_in_source"
EDITION_COLUMNS = (EDITION_SOURCE, EDITION_EVIDENCE, EDITION_NAME)
#: A later row's listing (:data:`LISTINGS`), carried by :func:`edition_rows`.
LISTING = "listing"


def _role_class(role: str) -> str:
    return "member" if role in MEMBER_ROLES else "observer"


def edition_rows(edition_table: pd.DataFrame, edition: int) -> pd.DataFrame:
    """The rows of `edition` as membership rows dated by the edition (``since`` = its year): what
    that overview lists, and nothing about when a state joined."""
    rows = edition_table[edition_table["edition"] == edition]
    return pd.DataFrame(
        {
            "process_id": rows["process_id"].to_numpy(),
            "iso3": rows["iso3"].to_numpy(),
            "role": rows["role"].to_numpy(),
            "since": pd.array([edition] * len(rows), dtype="Int64"),
            "until": pd.array([None] * len(rows), dtype="Int64"),
            "evidence": rows["evidence"].to_numpy(),
            "source_line": pd.array([None] * len(rows), dtype="Int64"),
            "note": rows["note"].to_numpy(),
            "source_id": rows["source_id"].to_numpy(),
            EDITION_SOURCE: rows["source_id"].to_numpy(),
            EDITION_EVIDENCE: rows["evidence"].to_numpy(),
            EDITION_NAME: rows["name_in_source"].to_numpy(),
            NAME_IN_SOURCE: rows["name_in_source"].to_numpy(),
            LISTING: listing_of(rows).to_numpy(),
        }
    )


def listing_of(rows: pd.DataFrame) -> pd.Series:
    """Each edition row's listing (:data:`LISTINGS`), an empty or missing one read as "complete"."""
    if "listing" not in rows:
        return pd.Series(["complete"] * len(rows), index=rows.index, dtype=object)
    return rows["listing"].fillna("").replace("", "complete")


def listing_covers(listing: str, role_class: str) -> bool:
    """Whether a source of `listing` names every state of `role_class` ("member" or "observer") in its
    process: only then does its silence on a state the report lists mean the state is no longer listed."""
    return listing == "complete" or (listing == "members" and role_class == "member")


def join_editions(memberships: pd.DataFrame, later: pd.DataFrame, edition: int) -> pd.DataFrame:
    """The report's rows and a later edition's rows (:func:`edition_rows`) joined into spells.

    Only the processes the later edition covers change; the year rule counts what an edition
    confirms:

    - a state both editions list in a process in the same class of role (a member role, or observer
      and partner) is **one spell**: the report's row, its years and quote, carrying the later
      edition's words in ``edition_evidence`` (``edition_source_id``, ``edition_name_in_source``); a
      role only the later edition gives it (Turkey as chair) starts in the edition's year;
    - a state only the report lists there (or lists in the other class of role) ends with the report's
      year, 2005, when the later source lists that class of role in full (its ``listing``,
      :func:`listing_covers`): it does not list the state so, and neither says when it left. A source
      that names only some states (a meeting's participants) ends nobody: the report's row stays as
      the report gives it;
    - a state only the later edition lists starts in the edition's year (it joined between the two;
      neither says when).

    >>> report = pd.DataFrame({"process_id": ["p", "p"], "iso3": ["AUT", "CAN"], "role": ["member"] * 2,
    ...     "since": pd.array([None, None], dtype="Int64"), "until": pd.array([None, None], dtype="Int64"),
    ...     "evidence": ["Austria", "Canada"], "source_line": pd.array([5, 5], dtype="Int64"),
    ...     "note": ["", ""], "source_id": ["iom2005"] * 2})
    >>> later = pd.DataFrame({"edition": [2013] * 3, "process_id": ["p"] * 3, "iso3": ["AUT", "CAN", "ALB"],
    ...     "role": ["member", "observer", "member"], "source_id": ["s13"] * 3,
    ...     "name_in_source": ["Austria", "Canada", "Albania"], "evidence": ["Austria", "Canada", "Albania"],
    ...     "note": [""] * 3})
    >>> joined = join_editions(report, edition_rows(later, 2013), 2013)
    >>> joined[["iso3", "role", "since", "until", "edition_source_id"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'iso3': 'AUT', 'role': 'member', 'since': None, 'until': None, 'edition_source_id': 's13'},
     {'iso3': 'CAN', 'role': 'member', 'since': None, 'until': 2005, 'edition_source_id': ''},
     {'iso3': 'CAN', 'role': 'observer', 'since': 2013, 'until': None, 'edition_source_id': 's13'},
     {'iso3': 'ALB', 'role': 'member', 'since': 2013, 'until': None, 'edition_source_id': 's13'}]
    """
    joined = memberships.copy()
    for column in (*EDITION_COLUMNS, NAME_IN_SOURCE):
        if column not in joined:
            joined[column] = ""
    covered = set(later["process_id"])
    listing = dict(zip(later["process_id"], listing_of(later), strict=True))
    later_classes = {
        (p, s, _role_class(r))
        for p, s, r in zip(later["process_id"], later["iso3"], later["role"], strict=True)
    }
    # The later edition's first row per (process, state, class of role): the words carried by the spell.
    citation = {}
    for row in later.itertuples(index=False):
        citation.setdefault((row.process_id, row.iso3, _role_class(row.role)), row)
    continued: set[tuple[str, str, str]] = set()
    for index, row in joined.iterrows():
        if row["process_id"] not in covered:
            continue
        key = (row["process_id"], row["iso3"], _role_class(row["role"]))
        if key in later_classes and (pd.isna(row["until"]) or row["until"] >= edition):
            cited = citation[key]
            joined.at[index, EDITION_SOURCE] = cited.source_id
            joined.at[index, EDITION_EVIDENCE] = getattr(cited, EDITION_EVIDENCE)
            joined.at[index, EDITION_NAME] = getattr(cited, EDITION_NAME)
            continued.add((row["process_id"], row["iso3"], row["role"]))
            continued.add(key)
        elif pd.isna(row["until"]) and listing_covers(listing[row["process_id"]], key[2]):
            joined.at[index, "until"] = LAST_YEAR  # the last edition listing it so
    # A later row starts a spell unless a report row of its class continues (and its own role is
    # that row's, or the class's first citation already rides on it).
    fresh = [
        i
        for i, row in enumerate(later.itertuples(index=False))
        if (row.process_id, row.iso3, _role_class(row.role)) not in continued
        or (
            (row.process_id, row.iso3, row.role) not in continued
            and citation[(row.process_id, row.iso3, _role_class(row.role))] is not row
        )
    ]
    extra = later.iloc[fresh].reindex(columns=joined.columns)
    for column in joined.columns:
        if column not in later.columns:
            extra[column] = False if joined[column].dtype == bool else ""
    merged = pd.concat([joined, extra], ignore_index=True) if len(extra) else joined
    for column in ("since", "until", "source_line"):
        merged[column] = merged[column].astype("Int64")
    return merged


#: Which memberships the views count, by edition (the link's ``edition``): the 2005 report alone (the
#: default), a later edition alone, or both joined into spells.
def with_edition(dataset: Dataset, choice: str) -> Dataset:
    """`dataset` as edition `choice` lists it: "2005" (unchanged), a later edition's year as a string
    (its rows alone, :func:`edition_rows`) or "both" (the report and the latest edition joined,
    :func:`join_editions`). Cached by fingerprint, like :func:`with_reference_memberships`."""
    editions = dataset.edition_memberships
    if choice == str(LAST_YEAR) or editions.empty:
        return dataset
    latest = int(editions["edition"].max())
    edition = latest if choice == "both" else int(choice)
    key = f"{dataset.fingerprint}+edition:{choice}" if dataset.fingerprint else ""
    if key and key in _EDITIONS:
        return _EDITIONS[key]
    rows = edition_rows(editions, edition)
    if choice == "both":
        memberships = join_editions(dataset.memberships, rows, edition)
    else:
        columns = [*dataset.memberships.columns, *EDITION_COLUMNS]
        memberships = rows.reindex(
            columns=[*columns, *([] if NAME_IN_SOURCE in columns else [NAME_IN_SOURCE])]
        )
        for column in ("since", "until", "source_line"):
            memberships[column] = memberships[column].astype("Int64")
        for column in memberships.columns:
            if memberships[column].dtype == object:
                memberships[column] = memberships[column].fillna("")
    return _remember(_EDITIONS, key, replace(dataset, memberships=memberships, fingerprint=key))


_EDITIONS: dict[str, Dataset] = {}


def edition_last_year(dataset: Dataset, choice: str) -> int:
    """The last year edition `choice` speaks for: the report's year, or the latest edition's."""
    editions = dataset.edition_memberships
    if choice == str(LAST_YEAR) or editions.empty:
        return LAST_YEAR
    return int(editions["edition"].max()) if choice == "both" else int(choice)


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------


def _format_counts(counts: Mapping[str, object]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def format_summary(dataset: Dataset) -> str:
    """A short human-readable summary of the dataset."""
    s = dataset.summary()
    return "\n".join(
        [
            f"processes:    {s['processes']} ({_format_counts(s['processes_by_kind'])})",
            f"states:       {s['states']} ({s['states_with_memberships']} with at least one membership)",
            f"memberships:  {s['memberships']}",
            f"  by role:    {_format_counts(s['memberships_by_role'])}",
            f"  by region:  {_format_counts(s['memberships_by_region'])}",
            f"process links: {s['process_links']}; organization roles: {s['organization_roles']}; "
            f"process themes: {s['themes']}",
            f"reference memberships: {s['reference_memberships']} (full memberships of formal organizations); "
            f"sources: {s['sources']}",
            *(
                [
                    f"later editions: {', '.join(map(str, s['editions']))} ({s['edition_memberships']} rows; "
                    f"processes: {', '.join(sorted(dataset.edition_memberships['process_id'].unique()))})"
                ]
                if s["edition_memberships"]
                else []
            ),
        ]
    )


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    """`python -m rcpdash.data check [DIR]`: print a summary, or every error and return 1."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "check" or len(args) > 2:
        out("usage: python -m rcpdash.data check [DIR]")
        return 2
    folder = Path(args[1]) if len(args) == 2 else DATA_DIR
    if not folder.is_dir():
        out(f"error: {folder} is not a folder")
        return 1
    dataset, issues = validate_tables(folder)
    if dataset is None:
        out(f"{len(issues)} problem(s) in {folder}:")
        for issue in issues:
            out(f"  - {issue}")
        return 1
    out(f"dataset in {folder}: OK")
    for line in format_summary(dataset).splitlines():
        out(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def safe_csv(frame: pd.DataFrame) -> str:
    """CSV text of `frame` in which no cell can run as a spreadsheet formula.

    A text cell starting with ``= + - @`` or a tab/carriage return gets a leading apostrophe
    (OWASP's advice; :func:`rcpdash.data.escape_cell`); numbers are written as numbers.
    """

    def cell(value: object) -> object:
        return escape_cell(value) if isinstance(value, str) else value

    out = io.StringIO()
    # CRLF, as RFC 4180 says: with "\n" alone a lone "\r" inside a cell would go out unquoted and
    # split the row for every reader.
    frame.map(cell).to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return out.getvalue()
