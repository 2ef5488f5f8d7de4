"""Property-based tests (hypothesis) for the dataset loader and the URL state.

Loader (`rcpdash.data.validate_tables`):

* any bytes in place of one file: never raises; the issues are well formed and name only that file
  or, for broken foreign keys, a file that references it; a file that cannot be read as CSV (not
  UTF-8, NUL characters, no header, repeated header names, rows with the wrong number of cells) is
  reported on its own and not loaded;
* one cell of the tiny dataset changed: the exact list of issues is predicted by an independent
  oracle (cell rules with their messages, keys, foreign keys, row rules, and the file line each
  record starts on), and a valid result differs from the tiny dataset in that one cell only;
* blank lines, multi-line cells and rows with missing or extra cells: issues name the file line;
* valid datasets round-trip through ``DataFrame.to_csv``;
* ``safe_csv`` output reads back cell for cell.

URL state (`rcpdash.urlstate`):

* any query string: never raises, the state is always a valid one, messages are short and worded
  like the known templates, year and top keep exactly the ASCII numbers they allow, and the parsed
  state is canonical (re-encoding it loses nothing);
* any valid state survives ``to_query`` then ``parse_query`` with no messages.

The regression tests at the end pin the bugs these properties found (now fixed) with exact issues.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import string
from dataclasses import fields
from urllib.parse import parse_qs, quote, quote_plus

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from rcpdash.config import (
    CONTINENTS,
    FIRST_YEAR,
    LAST_YEAR,
    MEMBER_ROLES,
    PROCESS_KINDS,
    PROCESS_SELECTIONS,
    THEMES,
)
from rcpdash.data import (
    FOREIGN_KEYS,
    SCHEMAS,
    Column,
    Dataset,
    ValidationIssue,
    _check_cell,
    _quote,
    dataset_files,
    escape_cell,
    safe_csv,
    unescape_cell,
    validate_tables,
)
from rcpdash.metrics import CENTRALITY_METRICS, OVERLAP_MEASURES
from rcpdash.network import ROLE_CLASSES
from rcpdash.urlstate import (
    DEFAULT,
    MAX_TOUR_STEPS,
    NETWORK_COLOURS,
    NETWORK_GRAPHS,
    REGION_FILTERS,
    SIDES,
    TOP_CHOICES,
    TOURS,
    VIEWS,
    ViewState,
    parse_query,
    to_query,
)

from .fixtures import tiny_tables

# No example database: the suite must not leave a .hypothesis folder behind.
SLOW = {"database": None, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
FAST = {"database": None, "deadline": None}
#: RCPDASH_PROPERTY_SCALE=20 runs twenty times as many examples (a longer hunt than the ~15 s default).
SCALE = float(os.environ.get("RCPDASH_PROPERTY_SCALE", "1"))


def examples(n: int) -> int:
    return max(1, round(n * SCALE))


TINY_BYTES = tiny_tables()
# The oracle covers the tables of the tiny dataset; sources.csv and reference_memberships.csv (optional,
# absent there) are checked by tests/test_data.py and tests/test_reference_data.py.
TABLES = [table for table, schema in SCHEMAS.items() if schema.file in TINY_BYTES]
FILES = {SCHEMAS[table].file for table in TABLES}
FILE_TABLE = {SCHEMAS[table].file: table for table in TABLES}
COLUMNS = {table: {c.name: c for c in SCHEMAS[table].columns} for table in TABLES}
# The tiny dataset has no sources.csv and no reference_memberships.csv (both optional).
TINY_ROWS = {
    t: list(csv.reader(io.StringIO(TINY_BYTES[s.file].decode())))
    for t, s in SCHEMAS.items()
    if s.file in TINY_BYTES
}

NUL_MESSAGE = "is not valid CSV (it contains NUL characters)"
EMPTY_MESSAGE = "is empty: expected a header row"
REPEATED_MESSAGE = "expected each column once in the header"
CELL_COUNT = re.compile(r"expected ([0-9]+) cells as in the header, found ([0-9]+)")
#: Python's int() refuses longer digit strings: the loader must refuse them before calling it.
INT_STR_LIMIT = 4300


def _load(tables: dict[str, bytes]) -> Dataset:
    dataset, issues = validate_tables(tables)
    assert issues == [] and dataset is not None
    return dataset


TINY = _load(TINY_BYTES)


def _issue_order(issue: ValidationIssue) -> tuple:
    return (issue.file, issue.row or 0, issue.column or "", issue.message)


def _frame(dataset: Dataset, table: str) -> pd.DataFrame:
    return getattr(dataset, table)


def _csv_bytes(rows: list[list[str]], quoting: int = csv.QUOTE_MINIMAL, terminator: str = "\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=terminator, quoting=quoting).writerows(rows)
    return out.getvalue().encode("utf-8")


def _line_breaks(text: str) -> int:
    """How many line breaks `text` holds ("\\r\\n", a lone "\\r" or a lone "\\n" each count once)."""
    return len(re.findall(r"\r\n|\r|\n", text))


# --------------------------------------------------------------------------------------------------
# An independent oracle for the loader's rules
# --------------------------------------------------------------------------------------------------

_SLUG = r"[a-z0-9][a-z0-9_]*"
_PATTERNS = {
    ("processes", "process_id"): _SLUG,
    ("organizations", "org_id"): _SLUG,
    ("states", "iso3"): r"[A-Z]{3}",
    ("sources", "source_id"): _SLUG,
}
#: Whole numbers: ASCII digits only, at most 15 of them, an optional minus sign.
_WHOLE = r"-?[0-9]{1,15}"


def _shown(value: str) -> str:
    """A cell as error messages show it: repr'd, cut to 60 characters with an ellipsis."""
    return repr(value) if len(value) <= 60 else repr(value[:59] + "…")


def _cell_problem(table: str, column: Column, value: str) -> str | None:
    """The message for a stripped cell that breaks the documented rule of its column, else None."""
    if value == "":
        return "expected a value (the cell is empty)" if column.required else None
    if column.kind == "text":
        value = unescape_cell(value)  # an apostrophe before a formula character is an export's escape
    got = _shown(value)
    number: float | None = None
    if column.kind in ("int", "year"):
        if not re.fullmatch(_WHOLE, value):
            return f"expected {'a year' if column.kind == 'year' else 'a whole number'}, got {got}"
        number = int(value)
    elif column.kind == "float":
        try:
            number = float(value)
        except ValueError:
            return f"expected a number, got {got}"
        if math.isnan(number) or math.isinf(number):
            return f"expected a finite number, got {got}"
    if column.choices is not None and value not in column.choices:
        return f"expected one of {', '.join(column.choices)}; got {got}"
    pattern = _PATTERNS.get((table, column.name))
    if pattern is not None and not re.fullmatch(pattern, value):
        return f"expected {column.expected}; got {got}"
    lo, hi = column.lo, column.hi
    if number is not None and ((lo is not None and number < lo) or (hi is not None and number > hi)):
        if hi is None:
            return f"expected a value of at least {lo:g}, got {got}"
        if lo is None:
            return f"expected a value of at most {hi:g}, got {got}"
        return f"expected a value between {lo:g} and {hi:g}, got {got}"
    return None


def _typed(column: Column, value: str, ok: bool) -> object:
    """The value the loader keeps for a stripped cell (a missing value when the cell is bad)."""
    if column.kind in ("int", "year"):
        return int(value) if ok and value else pd.NA
    if column.kind == "float":
        return float(value) if ok and value else math.nan
    return value if ok else ""


def _plain(value: object) -> object:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def _rule_issues(
    frames: dict[str, pd.DataFrame], lines: dict[str, list[int]] | None = None
) -> set[ValidationIssue]:
    """Every key, foreign-key and cross-column issue of typed frames, computed in plain Python.

    `lines` gives the file line of each row (default: row i is on line i + 2).
    """
    lines = {
        t: lines[t] if lines and t in lines else [i + 2 for i in range(len(f))] for t, f in frames.items()
    }
    issues: set[ValidationIssue] = set()
    for table, frame in frames.items():
        schema = SCHEMAS[table]
        rows = [tuple(_plain(v) for v in r) for r in frame.itertuples(index=False)]
        keys = [tuple(_plain(frame.at[i, k]) for k in schema.key) for i in range(len(frame))]
        for i in range(len(frame)):
            if rows[i] in rows[:i]:
                issues.add(ValidationIssue(schema.file, lines[table][i], None, "duplicate of an earlier row"))
            elif keys[i] in keys[:i]:
                values = ", ".join(f"{k}={frame.at[i, k]!r}" for k in schema.key)
                message = f"expected a unique key ({values} appears earlier)"
                issues.add(ValidationIssue(schema.file, lines[table][i], schema.key[-1], message))
    for (table, column), (target, target_column) in FOREIGN_KEYS.items():
        if table not in frames:
            continue
        known = set(frames[target][target_column])
        for i, value in enumerate(frames[table][column]):
            if value and value not in known:
                message = f"expected a {target_column} listed in {SCHEMAS[target].file}; got {value!r}"
                issues.add(ValidationIssue(SCHEMAS[table].file, lines[table][i], column, message))
    m = [r._asdict() for r in frames["memberships"].itertuples(index=False)]
    m_lines = lines["memberships"]
    for i, row in enumerate(m):
        since, until = _plain(row["since"]), _plain(row["until"])
        if since is not None and until is not None and since > until:
            issues.add(
                ValidationIssue("memberships.csv", m_lines[i], "until", "expected a year not before 'since'")
            )
    for i, obs in enumerate(m):
        if obs["role"] != "observer":
            continue
        for mem in m:
            if mem["role"] in MEMBER_ROLES and (mem["process_id"], mem["iso3"]) == (
                obs["process_id"],
                obs["iso3"],
            ):
                starts = [y for y in (_plain(obs["since"]), _plain(mem["since"])) if y is not None]
                ends = [y for y in (_plain(obs["until"]), _plain(mem["until"])) if y is not None]
                if not starts or not ends or min(ends) > max(starts):
                    message = f"expected an observer not also listed as a member ({obs['iso3']} in {obs['process_id']})"
                    issues.add(ValidationIssue("memberships.csv", m_lines[i], "role", message))
    for i, row in enumerate(m):
        for j in range(i):
            other = m[j]
            if (other["process_id"], other["iso3"], other["role"]) != (
                row["process_id"],
                row["iso3"],
                row["role"],
            ):
                continue
            if _plain(other["since"]) == _plain(row["since"]):
                continue  # the same key: reported as a duplicate
            starts = [y for y in (_plain(row["since"]), _plain(other["since"])) if y is not None]
            ends = [y for y in (_plain(row["until"]), _plain(other["until"])) if y is not None]
            if not starts or not ends or min(ends) > max(starts):
                message = (
                    f"expected spells of one role not to overlap ({row['iso3']} as {row['role']} in "
                    f"{row['process_id']})"
                )
                issues.add(ValidationIssue("memberships.csv", m_lines[i], "since", message))
    links = frames["process_links"]
    for i, (a, b) in enumerate(zip(links["process_a"], links["process_b"], strict=True)):
        if a == b:
            issues.add(
                ValidationIssue(
                    "process_links.csv",
                    lines["process_links"][i],
                    "process_b",
                    "expected two different processes",
                )
            )
    return issues


def test_oracle_agrees_on_the_tiny_dataset():
    frames = {t: _frame(TINY, t) for t in TABLES}
    assert _rule_issues(frames) == set()
    patterned = {(t, c.name) for t, s in SCHEMAS.items() for c in s.columns if c.pattern is not None}
    assert patterned == set(_PATTERNS)
    for table, (header, *rows) in TINY_ROWS.items():
        for row in rows:
            for name, value in zip(header, row, strict=True):
                assert _cell_problem(table, COLUMNS[table][name], value.strip()) is None, (table, name, value)


# --------------------------------------------------------------------------------------------------
# Strategies for hostile content
# --------------------------------------------------------------------------------------------------

NASTY = [
    "=cmd|' /C calc'!A0",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    "\t=1",
    "<script>alert(1)</script>",
    "\u202eevil\u202c",
    "שלום",
    "مرحبا",
    "\x00",
    "a\x00b",
    '"',
    '""',
    ",",
    "a,b",
    "\n",
    "\r",
    "\r\n",
    "x\ry",
    "two\nlines",
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-Infinity",
    "1e400",
    "NULL",
    "None",
    "N/A",
    "",
    " ",
    "\ufeff",
    "\u3000",
    "١٩٩١",
    "１９９１",
    "²",
    "①",
    "1_000",
    "0x1F",
    "0",
    "-0",
    "-5",
    "007",
    "1900",
    "2005",
    "2006",
    "2030",
    "2031",
    "1899",
    "90.5",
    "-180",
    "1e1",
    "9" * 15,
    "-" + "9" * 15,
    "9" * 16,
    "1" + "0" * 15,
    str(2**63 - 1),
    str(2**63),
    "1" + "0" * 19,
    "9" * 400,
    "9" * INT_STR_LIMIT,
    "9" * (INT_STR_LIMIT + 1),
    "-" + "9" * (INT_STR_LIMIT + 1),
    "x" * 100_000,
]
ALL_COLUMN_NAMES = sorted({c for s in SCHEMAS.values() for c in s.names})
EXISTING_VALUES = sorted({v for rows in TINY_ROWS.values() for row in rows for v in row})

digit_strings = st.tuples(st.sampled_from(["", "-"]), st.integers(0, 25)).map(lambda t: t[0] + "9" * t[1])
cells = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(EXISTING_VALUES),
    st.text(max_size=20),
    st.integers(-5000, 5000).map(str),
    st.integers(0, INT_STR_LIMIT + 50).map(lambda n: "7" * n),
    digit_strings,
    st.floats().map(str),
)
#: Records that are blank: the loader skips them (a line of spaces or of empty cells is blank too).
BLANK_ROWS = [[], [""], [" ", ""], ["\t"], ["", "", ""]]


@st.composite
def csvish(draw, table: str) -> bytes:
    """Text that looks like CSV: random or real headers, random cells, blank lines, several writers
    and codecs."""
    real = SCHEMAS[table].names
    header = draw(
        st.one_of(
            st.just(real),
            st.permutations(real),
            st.lists(st.one_of(st.sampled_from(ALL_COLUMN_NAMES), st.text(max_size=10)), max_size=12),
        )
    )
    width = st.integers(0, 12) if draw(st.booleans()) else st.just(len(header))
    n = draw(width)
    record = st.lists(cells, min_size=n, max_size=n)
    rows = draw(st.lists(st.one_of(record, record, st.sampled_from(BLANK_ROWS)), max_size=6))
    how = draw(st.sampled_from(["minimal", "all", "naive"]))
    if how == "naive":
        end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        text = end.join(",".join(r) for r in [header, *rows]) + draw(st.sampled_from(["", end]))
        raw = text.encode("utf-8")
    else:
        raw = _csv_bytes([header, *rows], csv.QUOTE_ALL if how == "all" else csv.QUOTE_MINIMAL)
    codec = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    if codec == "utf-8":
        return raw
    return raw.decode("utf-8").encode(codec, errors="replace")


@st.composite
def spliced(draw, file: str) -> bytes:
    """The real file with a slice replaced by random bytes."""
    original = TINY_BYTES[file]
    start = draw(st.integers(0, len(original)))
    stop = draw(st.integers(start, len(original)))
    return original[:start] + draw(st.binary(max_size=8)) + original[stop:]


@st.composite
def substituted(draw) -> tuple[str, bytes]:
    file = draw(st.sampled_from(sorted(FILES)))
    content = draw(
        st.one_of(
            st.binary(max_size=300),
            st.text().map(str.encode),
            csvish(FILE_TABLE[file]),
            spliced(file),
        )
    )
    return file, content


def _referencing_fk_message(issue: ValidationIssue, target_table: str) -> bool:
    """Whether `issue` is a broken reference, from another table, to `target_table`."""
    for (table, column), (target, target_column) in FOREIGN_KEYS.items():
        if target == target_table and SCHEMAS[table].file == issue.file and issue.column == column:
            prefix = f"expected a {target_column} listed in {SCHEMAS[target].file}; got "
            if issue.message.startswith(prefix):
                return True
    return False


def _is_structural(issue: ValidationIssue) -> bool:
    """Whether `issue` stops its file from loading: unreadable, no header, repeated names, bad rows."""
    if issue.row is None:
        return True
    if issue.row == 1 and issue.message == REPEATED_MESSAGE:
        return True
    return issue.column is None and CELL_COUNT.fullmatch(issue.message) is not None


# --------------------------------------------------------------------------------------------------
# 1a. Any bytes for one file
# --------------------------------------------------------------------------------------------------


def _states_with(prefix: str = "", blank: str = "") -> bytes:
    header, *rows = TINY_BYTES["states.csv"].decode().splitlines()
    return ("\n".join([header, *(blank + prefix + r for r in rows)]) + "\n").encode()


@settings(max_examples=examples(120), **SLOW)
@given(substituted())
@example(("states.csv", b"\xff\xfe"))
@example(("memberships.csv", b""))
@example(("memberships.csv", b" \r\n\t\n"))
@example(("processes.csv", b"\x00"))
@example(("processes.csv", TINY_BYTES["processes.csv"].replace(b"IOM", b"I\x00M")))
@example(("themes.csv", "=cmd|' /C calc'!A0\n<script>\n\u202eevil".encode()))
@example(("states.csv", TINY_BYTES["states.csv"].replace(b"\n", b"\r")))
@example(("states.csv", _states_with(prefix="junk,")))
@example(("states.csv", _states_with(blank="\n ,\n")))
@example(("states.csv", b"iso3,name,iso3\nAAA,x,AAA\n"))
@example(("states.csv", TINY_BYTES["states.csv"].replace(b"60", b"nan")))
@example(("processes.csv", TINY_BYTES["processes.csv"].replace(b"1991", b"9" * (INT_STR_LIMIT + 1))))
@example(("memberships.csv", TINY_BYTES["memberships.csv"].replace(b",2,", b",0,")))
@example(("memberships.csv", TINY_BYTES["memberships.csv"].replace(b",2,", b"," + b"9" * 20 + b",")))
@example(("organizations.csv", TINY_BYTES["organizations.csv"] + b"x" * 200_000 + b"\n"))
def test_any_bytes_for_one_file_give_a_dataset_or_located_issues(case):
    file, content = case
    tables = {**TINY_BYTES, file: content}
    dataset, issues = validate_tables(tables)

    assert isinstance(issues, list)
    assert (dataset is None) == bool(issues)
    assert issues == sorted(set(issues), key=_issue_order)  # sorted, no repeats
    for issue in issues:
        assert isinstance(issue, ValidationIssue)
        assert issue.file in FILES
        assert issue.row is None or (isinstance(issue.row, int) and issue.row >= 1)
        assert issue.column is None or isinstance(issue.column, str)
        assert isinstance(issue.message, str) and issue.message
        if issue.row is None:  # a file-level problem: only the replaced file can have one
            assert issue.file == file and issue.column is None
        if issue.file != file:
            # Only a table that references the replaced one can suffer, and only by broken references.
            assert _referencing_fk_message(issue, FILE_TABLE[file]), issue
        if issue.row is not None:
            # Rows are file lines (the header is line 1): never beyond the file's last line.
            assert issue.row <= 1 + _line_breaks(tables[issue.file].decode("utf-8")), issue
        if count := CELL_COUNT.fullmatch(issue.message):
            assert issue.file == file and issue.row >= 2 and issue.column is None
            assert count[1] != count[2]

    # A file that cannot be read as a table is reported on its own: nothing about its cells, and
    # nothing about references to it (there is no table to check them against).
    if any(_is_structural(i) for i in issues):
        assert all(_is_structural(i) and i.file == file for i in issues), issues
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:  # refused as a whole
        assert len(issues) == 1
        assert (issues[0].file, issues[0].row, issues[0].column) == (file, None, None)
        assert issues[0].message.startswith("is not UTF-8 text (")
    else:
        if "\x00" in text:
            assert issues == [ValidationIssue(file, None, None, NUL_MESSAGE)]
        elif text.strip(" \t\r\n") == "":
            assert issues == [ValidationIssue(file, None, None, EMPTY_MESSAGE)]
    event(f"structural: {sorted({(i.message[:12]) for i in issues if _is_structural(i)})}")

    if dataset is not None:
        for table in TABLES:
            if SCHEMAS[table].file != file:
                assert_frame_equal(_frame(dataset, table), _frame(TINY, table))
            else:
                assert list(_frame(dataset, table).columns) == SCHEMAS[table].names


# --------------------------------------------------------------------------------------------------
# 1b. One cell of the tiny dataset changed
# --------------------------------------------------------------------------------------------------

WHITESPACE = ["", " ", "  ", "\t", "\n", "\r", "\xa0", "\u3000", "\r\n"]


@st.composite
def one_cell(draw) -> tuple[str, int, str, str]:
    table = draw(st.sampled_from(TABLES))
    header, *rows = TINY_ROWS[table]
    index = draw(st.integers(0, len(rows) - 1))
    # Half the time a column that cross-row rules read: keys, references, membership years.
    rule_columns = sorted(
        {*SCHEMAS[table].key, *(c for t, c in FOREIGN_KEYS if t == table)}
        | ({"since", "until"} if table == "memberships" else set())
    )
    name = draw(st.sampled_from(header) | st.sampled_from(rule_columns))
    column = COLUMNS[table][name]
    old = rows[index][header.index(name)]
    same_column = [r[header.index(name)] for r in rows]
    ids = [r[0] for r in TINY_ROWS["processes"][1:]] + [r[0] for r in TINY_ROWS["states"][1:]]
    value = draw(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(NASTY),
            st.sampled_from(column.choices or (old,)),
            st.sampled_from(same_column),
            st.sampled_from([*ids, "p9", "ZZZ", "aaa", "P1", "p-1", "_p", "AAAA"]),
            st.sampled_from(ids),  # twice: keys and references are where the cross-row rules live
            st.integers(1895, 2035).map(str),
            st.tuples(st.sampled_from(WHITESPACE), st.sampled_from(WHITESPACE)).map(
                lambda w: w[0] + old + w[1]
            ),
            st.integers(-100, 3000).map(str),
            digit_strings,
            st.floats().map(str),
        )
    )
    return table, index, name, value


@settings(max_examples=examples(150), **SLOW)
@given(one_cell())
@example(("memberships", 4, "until", "1990"))  # until before since
@example(("memberships", 0, "iso3", "CCC"))  # CCC becomes member and observer of p1
@example(("process_links", 0, "process_b", "p1"))  # a process linked to itself
@example(("states", 0, "iso3", " BBB "))  # a duplicate key; AAA's memberships lose their state
@example(("states", 0, "iso3", "BBB\n"))  # the same, and the later rows move down a line
@example(("processes", 0, "process_id", "P1"))  # a bad slug; p1's references break
@example(("processes", 1, "process_id", " p2\t"))  # whitespace only: still valid
@example(("memberships", 0, "iso3", "x\ry\r\nz"))  # three lines: the duplicate after it is on line 5
@example(("states", 4, "lat", "-90"))
@example(("states", 4, "lon", "inf"))
@example(("states", 0, "lat", "nan"))
@example(("processes", 0, "founded", "9" * INT_STR_LIMIT))
@example(("processes", 0, "founded", "9" * (INT_STR_LIMIT + 1)))
@example(("memberships", 0, "source_line", "0"))
@example(("memberships", 0, "source_line", "-3"))
@example(("memberships", 0, "source_line", "9" * 15))
@example(("memberships", 0, "source_line", str(2**63)))
@example(("processes", 2, "stated_member_count", "²"))
@example(("memberships", 2, "note", "=cmd|' /C calc'!A0\r<script>"))
@example(("memberships", 2, "note", "a\x00b"))
def test_one_changed_cell_gives_exactly_the_predicted_issues(case):
    table, index, name, value = case
    schema, column = SCHEMAS[table], COLUMNS[table][name]
    stripped = value.strip()
    rows = [list(r) for r in TINY_ROWS[table]]
    rows[index + 1][rows[0].index(name)] = value
    tables = {**TINY_BYTES, schema.file: _csv_bytes(rows, quoting=csv.QUOTE_ALL)}

    dataset, issues = validate_tables(tables)

    if "\x00" in value:  # the whole file is refused, and no other file is checked against it
        assert (dataset, issues) == (None, [ValidationIssue(schema.file, None, None, NUL_MESSAGE)])
        return
    problem = _cell_problem(table, column, stripped)
    frames = {t: _frame(TINY, t).copy() for t in TABLES}
    frames[table].at[index, name] = _typed(column, stripped, problem is None)
    # Each record is numbered by the line it starts on: a multi-line cell moves the later rows down.
    breaks = _line_breaks(value)
    lines = {table: [i + 2 + (breaks if i > index else 0) for i in range(len(rows) - 1)]}
    expected = _rule_issues(frames, lines)
    if problem is not None:
        expected.add(ValidationIssue(schema.file, index + 2, name, problem))
    assert issues == sorted(expected, key=_issue_order)
    assert (dataset is None) == bool(issues)
    event(f"cell ok: {problem is None}; rule issues: {sorted({i.message[:20] for i in expected})}")

    if stripped == TINY_ROWS[table][index + 1][rows[0].index(name)]:
        assert dataset is not None  # only surrounding whitespace was added
    if dataset is not None:
        for t in TABLES:  # the one cell changed, nothing else
            assert_frame_equal(_frame(dataset, t), frames[t], check_dtype=True)


# --------------------------------------------------------------------------------------------------
# 1c. Blank lines, multi-line cells and ragged rows: issues name the file line
# --------------------------------------------------------------------------------------------------

#: Lines the loader skips: nothing, spaces, or cells that are all empty or blank.
BLANK_LINES = ["", " ", "\t", "\xa0", "\u3000", ",", ",,,", " , ", '""', '"",""']
#: A free text column of each table, to hold a cell that spans lines.
FREE_COLUMN = {
    "processes": "description",
    "states": "subregion",
    "memberships": "note",
    "organizations": "name",
    "themes": "evidence",
    "process_links": "note",
}
MULTI_LINE = ["two\nlines", "three\r\nshort\rlines", "ends with a break\n", "\r\nstarts with one", "a\n\n\nb"]
#: A cell each table refuses, and the message.
BAD_CELL = {
    **{t: ("source_line", "0", "expected a value of at least 1, got '0'") for t in TABLES},
    "states": ("lat", "nan", "expected a finite number, got 'nan'"),
}


@st.composite
def laid_out(draw) -> tuple[str, bytes, list[ValidationIssue], pd.DataFrame | None]:
    """A tiny table written with blank lines, multi-line cells and maybe ragged rows or a bad cell.

    Returns the table, its bytes, the issues expected and the frame expected when there are none.
    """
    table = draw(st.sampled_from(TABLES))
    file = SCHEMAS[table].file
    header, *rows = TINY_ROWS[table]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    bad_row = draw(st.none() | st.integers(0, len(rows) - 1))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end, quoting=quoting)
    writer.writerow(header)
    line = 2  # the line the next record starts on
    expected = _frame(TINY, table).copy()
    ragged, bad = [], []
    for i, row in enumerate(rows):
        for blank in draw(st.lists(st.sampled_from(BLANK_LINES), max_size=2)):
            out.write(blank + end)
            line += 1
        record = list(row)
        free = header.index(FREE_COLUMN[table])
        if draw(st.booleans()):
            record[free] = draw(st.sampled_from(MULTI_LINE))
            expected.at[i, FREE_COLUMN[table]] = record[free].strip()
        if i == bad_row:
            name, value, message = BAD_CELL[table]
            record[header.index(name)] = value
            bad.append(ValidationIssue(file, line, name, message))
        shape = draw(st.sampled_from(["same", "same", "same", "extra", "fewer"]))
        if shape == "extra":
            at = draw(st.integers(0, len(record)))
            record[at:at] = draw(st.lists(st.sampled_from(["junk", "", " "]), min_size=1, max_size=2))
        elif shape == "fewer":
            record = record[: draw(st.integers(1, len(record) - 1))]
        if len(record) != len(header):
            message = f"expected {len(header)} cells as in the header, found {len(record)}"
            ragged.append(ValidationIssue(file, line, None, message))
        writer.writerow(record)
        line += 1 + sum(_line_breaks(cell) for cell in record)
    for blank in draw(st.lists(st.sampled_from(BLANK_LINES), max_size=2)):
        out.write(blank + end)
    text = out.getvalue()
    if draw(st.booleans()):
        text = text.removesuffix(end)  # no line break at the end of the file
    issues = ragged or bad  # a ragged file is not loaded, so its cells are not checked
    return table, text.encode("utf-8"), sorted(issues, key=_issue_order), None if issues else expected


@settings(max_examples=examples(100), **SLOW)
@given(laid_out())
@example(("states", _states_with(blank="\n"), [], _frame(TINY, "states")))
def test_blank_lines_multi_line_cells_and_ragged_rows_are_reported_at_their_file_lines(case):
    table, content, expected_issues, expected_frame = case
    dataset, issues = validate_tables({**TINY_BYTES, SCHEMAS[table].file: content})
    assert issues == expected_issues
    if expected_frame is not None:
        assert dataset is not None
        assert_frame_equal(_frame(dataset, table), expected_frame, check_dtype=True)
    event(f"issues: {sorted({i.message[:12] for i in issues})}")


# --------------------------------------------------------------------------------------------------
# 1d. Valid datasets round-trip through to_csv
# --------------------------------------------------------------------------------------------------

# NUL is left out: the loader refuses any file holding one (see 1a).
# A lone "\r" is only written with "\r\n" line ends: Python's csv writer (and so DataFrame.to_csv)
# does not quote it when the line terminator is "\n", so any reader splits the row there.
# "\r\n" inside a cell is always quoted.
FREE_SPECIALS = [
    "a, b, and c",
    'He said "no"',
    '"',
    "line one\nline two",
    "crlf\r\ninside",
    "Ünïcödé ✓ 日本語 🌍",
    "<script>alert(1)</script>",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\u202eright-to-left\u202c",
    "שלום עולם",
    "NA",
    "nan",
    "null",
    "#comment",
    "\ufeffbom",
    "a\n\nb",
]
CR_SPECIALS = ["x\ry", "lone\rreturn\rtwice", "\r\rboth\n\r"]


def free_text(allow_cr: bool) -> st.SearchStrategy[str]:
    specials = FREE_SPECIALS + (CR_SPECIALS if allow_cr else [])
    excluded = "\x00" if allow_cr else "\x00\r"
    return st.one_of(
        st.sampled_from(specials),
        st.integers(1000, 5000).map(lambda n: "x" * n),
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters=excluded), max_size=40),
        st.lists(st.sampled_from(specials), min_size=2, max_size=4).map(" ".join),
    ).map(str.strip)


@st.composite
def valid_variation(draw) -> tuple[dict[str, bytes], str, list[int], list[tuple[str, str]], list[str]]:
    end = draw(st.sampled_from(["\n", "\r\n"]))
    free = free_text(allow_cr=end == "\r\n")
    required = free.map(lambda text: text or "quote")
    header, *memberships = TINY_ROWS["memberships"]
    keep = draw(st.lists(st.integers(0, len(memberships) - 1), unique=True))  # a subset, in any order
    texts = [(draw(required), draw(free)) for _ in keep]
    rows = [header]
    for i, (evidence, note) in zip(keep, texts, strict=True):
        row = dict(zip(header, memberships[i], strict=True))
        rows.append([*list(row.values())[:-3], evidence, row["source_line"], note])
    p_header, *processes = TINY_ROWS["processes"]
    descriptions = [draw(required) for _ in processes]
    p_rows = [p_header]
    for row, description in zip(processes, descriptions, strict=True):
        p_rows.append([description if h == "description" else v for h, v in zip(p_header, row, strict=True)])
    link_header, *links = TINY_ROWS["process_links"]
    link_note = draw(free)
    tables = {
        **TINY_BYTES,
        "memberships.csv": _csv_bytes(rows, terminator=end),
        "processes.csv": _csv_bytes(p_rows, terminator=end),
        "process_links.csv": _csv_bytes([link_header, [*links[0][:-1], link_note]], terminator=end),
    }
    return tables, end, keep, texts, [*descriptions, link_note]


@settings(max_examples=examples(40), **SLOW)
@given(valid_variation())
@example(
    (
        {
            **TINY_BYTES,
            "memberships.csv": _csv_bytes(TINY_ROWS["memberships"][:1]),
            "process_links.csv": _csv_bytes(
                [TINY_ROWS["process_links"][0], [*TINY_ROWS["process_links"][1][:-1], "a\rb\r\nc\nd"]],
                terminator="\r\n",
            ),
        },
        "\r\n",
        [],
        [],
        [
            *(row[SCHEMAS["processes"].names.index("description")] for row in TINY_ROWS["processes"][1:]),
            "a\rb\r\nc\nd",
        ],
    )
)
def test_valid_datasets_round_trip_through_to_csv(case):
    tables, end, keep, texts, others = case
    first = _load(tables)
    # The loaded frames hold exactly what was written, less the one apostrophe that escapes a
    # formula character ("'=" is how an export writes "=").
    m = first.memberships
    assert m["iso3"].tolist() == [TINY.memberships.at[i, "iso3"] for i in keep]
    assert list(zip(m["evidence"], m["note"], strict=True)) == [
        (unescape_cell(e), unescape_cell(n)) for e, n in texts
    ]
    assert first.processes["description"].tolist() == [unescape_cell(t) for t in others[:-1]]
    assert first.process_links["note"].tolist() == [unescape_cell(t) for t in others[-1:]]

    # Text cells are written formula-safe (an apostrophe before = + - @) and read back unescaped.
    written = {
        schema.file: pd.DataFrame(
            {
                c.name: _frame(first, table)[c.name].map(escape_cell)
                if c.kind == "text"
                else _frame(first, table)[c.name]
                for c in schema.columns
            }
        )
        .to_csv(index=False, columns=schema.names, lineterminator=end)
        .encode("utf-8")
        for table, schema in SCHEMAS.items()
    }
    second = _load(written)
    canonical = _load(dataset_files(first))  # the canonical export too
    for table in TABLES:
        assert_frame_equal(_frame(canonical, table), _frame(first, table), check_dtype=True)
    for table in TABLES:
        assert_frame_equal(_frame(second, table), _frame(first, table), check_dtype=True)


# --------------------------------------------------------------------------------------------------
# 1e. safe_csv output reads back cell for cell
# --------------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=examples(60), **FAST)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from([*FREE_SPECIALS, *CR_SPECIALS, "\rx", "\t=1", "+1", ""]), st.text()),
            st.integers(-(2**40), 2**40),
        ),
        max_size=5,
    )
)
def test_safe_csv_reads_back_with_formulas_neutralised(rows):
    frame = pd.DataFrame(rows, columns=["text", "number"])
    text = safe_csv(frame)
    read = list(csv.reader(io.StringIO(text, newline="")))
    shown = [(escape_cell(t), str(n)) for t, n in rows]
    assert all(not t.startswith(_FORMULA_START) for t, _ in shown)
    assert read == [["text", "number"], *map(list, shown)]
    # Every record ends with CRLF; any other line break is inside a quoted cell.
    assert text.endswith("\r\n")
    assert _line_breaks(text) == len(read) + sum(_line_breaks(t) for t, _ in shown)


# --------------------------------------------------------------------------------------------------
# 2. URL state
# --------------------------------------------------------------------------------------------------

STATES = ("KEN", "THA", "AAA")
PROCESSES = ("apc", "midsa", "bali_process")
KEYS = [f.name for f in fields(ViewState)]
_Q = r"'.*'"
MESSAGE_TEMPLATES = [
    re.compile(p, re.DOTALL)
    for p in (
        r"The link has too many parameters; showing the default view\.",
        r"Ignored the .* in the link: the value is too long\.",
        rf"Ignored the (view|roles|metric|side|measure|cregion|present|tour|lang|sources|graph|multilateral|colour|selection|edition) {_Q} in the link: expected one of .*\.",
        r"Ignored unknown (regions|process kinds|themes) in the link: .*\.",
        rf"Ignored the year {_Q} in the link: expected a year from {FIRST_YEAR} to ({LAST_YEAR}|2013)\.",
        rf"Ignored top {_Q} in the link: expected one of \(10, 15, 20, 30, 50\)\.",
        rf"Ignored the step {_Q} in the link: expected a number from 1 to {MAX_TOUR_STEPS}\.",
        rf"Ignored the unknown (state|process) {_Q} in the link\.",
        rf"Ignored the pair {_Q} in the link: unknown processes\.",
        r"Ignored what-if changes in the link that name nothing known: .*\.",
        rf"Ignored the focus {_Q} in the link: unknown state or process\.",
        rf"Ignored the unknown parameter {_Q} in the link\.",
        r"(Ignored unknown (processes|states) in the link: .*\.)? ?"
        r"(A comparison takes at most [0-9]+ (processes|states); kept the first [0-9]+\.)?",
        rf"Ignored the combination {_Q} in the link: unknown processes\.",
    )
]


def _ordered_subset(options) -> st.SearchStrategy[tuple[str, ...]]:
    options = tuple(options)
    return st.lists(st.booleans(), min_size=len(options), max_size=len(options)).map(
        lambda keep: tuple(o for o, k in zip(options, keep, strict=True) if k)
    )


view_states = st.builds(
    ViewState,
    view=st.sampled_from(VIEWS),
    regions=_ordered_subset(REGION_FILTERS),
    kinds=_ordered_subset(PROCESS_KINDS),
    roles=st.sampled_from(ROLE_CLASSES),
    year=st.none() | st.integers(FIRST_YEAR, LAST_YEAR),
    metric=st.sampled_from(list(CENTRALITY_METRICS)),
    side=st.sampled_from(SIDES),
    top=st.sampled_from(TOP_CHOICES),
    measure=st.sampled_from(OVERLAP_MEASURES),
    cregion=st.sampled_from(list(REGION_FILTERS)),
    state=st.none() | st.sampled_from(STATES),
    process=st.none() | st.sampled_from(PROCESSES),
    pair=st.none() | st.tuples(st.sampled_from(PROCESSES), st.sampled_from(PROCESSES)),
    focus=st.none()
    | st.sampled_from(STATES).map("state:".__add__)
    | st.sampled_from(PROCESSES).map("process:".__add__),
    graph=st.sampled_from(NETWORK_GRAPHS),
    multilateral=st.booleans(),
    colour=st.sampled_from(NETWORK_COLOURS),
    themes=_ordered_subset(THEMES),
    edits=st.lists(
        st.tuples(st.sampled_from("+-"), st.sampled_from(STATES), st.sampled_from(PROCESSES)), max_size=5
    ).map(tuple),
    present=st.booleans(),
    tour=st.none() | st.sampled_from(TOURS),
    step=st.none() | st.integers(1, MAX_TOUR_STEPS),
    processes=st.lists(st.sampled_from(PROCESSES), unique=True, max_size=3).map(tuple),
    states=st.lists(st.sampled_from(STATES), unique=True, max_size=3).map(tuple),
    combination=st.lists(st.sampled_from(PROCESSES), unique=True, max_size=3).map(tuple),
)

PARAM_NAMES = [*KEYS, "year", "top", "zzz", "", "VIEW", "year ", "a=b"]
KNOWN_VALUES = [
    *VIEWS,
    *PROCESS_SELECTIONS,
    *REGION_FILTERS,
    *PROCESS_KINDS,
    "fr",
    "es",
    "de",
    *THEMES,
    *ROLE_CLASSES,
    *CENTRALITY_METRICS,
    *SIDES,
    *map(str, TOP_CHOICES),
    *OVERLAP_MEASURES,
    *STATES,
    *PROCESSES,
    "all",
    "2000",
    " 2000\u3000",
    "02000",
    "0015",
    "+15",
    "-15",
    "15.0",
    "١٩٩٩",
    "１９９９",
    "²",
    "①",
    "1²",
    "1899",
    "state:KEN",
    "process:apc",
    "planet:earth",
    "state:",
    "apc~midsa",
    "apc~",
    "~",
    "+KEN:apc,-THA:midsa",
    " KEN:apc",
    "+KEN:apc:x",
    "*KEN:apc",
    "africa,mars,,africa",
    "health,visas,poetry",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "\u202eevil",
    "%",
    "%zz",
    "%2B",
    "+",
    "x" * 400,
    "x" * 401,
    ",".join(f"+KEN:p{i}" for i in range(30)),
]
param_values = st.one_of(
    st.sampled_from(KNOWN_VALUES),
    st.text(max_size=60),
    st.text(min_size=395, max_size=405),
    st.integers(0, 3000).map(str),
    # digits of every kind: str.isdigit() and int() accept many that a link must not carry
    st.text(alphabet="0123456789 ²³¹①⑩١٢٩٠１９०५", max_size=6),
)
encodings = st.sampled_from(["raw", "quote", "quote_plus"])


def _encode(text: str, how: str) -> str:
    return text if how == "raw" else quote(text, safe="") if how == "quote" else quote_plus(text, safe="")


queries = st.lists(st.tuples(st.sampled_from(PARAM_NAMES), param_values, encodings), max_size=20).map(
    lambda params: "?" + "&".join(f"{_encode(k, h)}={_encode(v, h)}" for k, v, h in params)
)
searches = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet="&=%+?,~:;# aA1~", max_size=200),
    st.text(min_size=1000, max_size=5000),
    queries,
    st.integers(0, 80).map(lambda n: "?" + "&".join(["year=2000"] * n)),
)


def _assert_valid_state(vs: ViewState, states, processes) -> None:
    assert isinstance(vs, ViewState)
    assert vs.view in VIEWS and vs.roles in ROLE_CLASSES and vs.side in SIDES
    assert vs.metric in CENTRALITY_METRICS and vs.measure in OVERLAP_MEASURES
    assert vs.cregion in REGION_FILTERS and vs.top in TOP_CHOICES
    assert vs.regions == tuple(r for r in REGION_FILTERS if r in vs.regions)
    assert vs.kinds == tuple(k for k in PROCESS_KINDS if k in vs.kinds)
    assert vs.themes == tuple(t for t in THEMES if t in vs.themes)
    assert vs.year is None or (type(vs.year) is int and FIRST_YEAR <= vs.year <= LAST_YEAR)
    assert type(vs.top) is int
    assert type(vs.present) is bool and vs.tour in (None, *TOURS)
    assert vs.graph in NETWORK_GRAPHS and vs.colour in NETWORK_COLOURS and type(vs.multilateral) is bool
    assert vs.selection in (None, *PROCESS_SELECTIONS)
    assert vs.step is None or (type(vs.step) is int and 1 <= vs.step <= MAX_TOUR_STEPS)
    assert len(vs.edits) <= 20 and all(op in "+-" and len(op) == 1 for op, _, _ in vs.edits)
    if states:
        assert vs.state is None or vs.state in states
        assert all(e[1] in states for e in vs.edits)
    if processes:
        assert vs.process is None or vs.process in processes
        assert vs.pair is None or set(vs.pair) <= set(processes)
        assert all(e[2] in processes for e in vs.edits)
    if states and processes and vs.focus is not None:
        kind, _, ident = vs.focus.partition(":")
        assert ident in {"state": states, "process": processes}[kind]


def _ascii_number(raw: str) -> int | None:
    """The number a year or top value names: one to four ASCII digits, nothing else."""
    return int(raw) if re.fullmatch(r"[0-9]{1,4}", raw) else None


@pytest.mark.parametrize("known", ["known", "unknown"])
@settings(max_examples=examples(300), **FAST)
@given(search=searches)
@example(search="?" + "&".join(["view=map"] * 50))
@example(search="?edits=+KEN:apc, THA:midsa,-AAA:bali_process,junk&pair=apc~midsa&focus=state:KEN")
@example(search="?year=%D9%A2%D9%A0%D9%A0%D9%A0&top=30&regions=,,africa,africa,mars")
@example(search="?state=" + "x" * 401 + "&" + "y" * 500 + "=1")
@example(search="?year=²")
@example(search="?top=①&year=%C2%B9%C2%B9")
@example(search="?year=%EF%BC%92%EF%BC%90%EF%BC%90%EF%BC%90&top=%EF%BC%91%EF%BC%95")  # fullwidth digits
@example(search="?states=" + "ß" * 250 + ",ken")  # "ß".upper() is "SS": a kept value must not grow
def test_parse_query_never_raises_and_is_canonical(search, known):
    states, processes = (STATES, PROCESSES) if known == "known" else ((), ())
    vs, messages = parse_query(search, states, processes)

    _assert_valid_state(vs, states, processes)
    assert isinstance(messages, list)
    for message in messages:
        assert isinstance(message, str) and len(message) <= 300, message
        # A link naming French or Spanish gets its messages in that language (tests/test_i18n.py).
        assert vs.lang != "en" or any(t.fullmatch(message) for t in MESSAGE_TEMPLATES), message
    if not search or not search.lstrip("?"):
        assert (vs, messages) == (DEFAULT, [])
    elif search.lstrip("?").count("&") >= 50:
        assert (vs, messages) == (DEFAULT, ["The link has too many parameters; showing the default view."])
    else:
        params = parse_qs(search.lstrip("?"), keep_blank_values=True)
        assert len(messages) <= len(params)  # at most one message per parameter
        # Fields the link does not name keep their defaults.
        for key in KEYS:
            if key not in params:
                assert getattr(vs, key) == getattr(DEFAULT, key)
        # Year and top: kept exactly when they are ASCII numbers in range, else one message.
        if "year" in params:
            raw = params["year"][-1].strip()
            year = _ascii_number(raw)
            # Up to the last year of the link's edition (2005 for the report, 2013 with the later edition).
            year = year if year is not None and FIRST_YEAR <= year <= vs.last_year else None
            assert vs.year == year
            said = sum(m.startswith(("Ignored the year '", "Ignored the year in ")) for m in messages)
            assert vs.lang != "en" or said == (0 if year is not None or raw in ("", "all") else 1), (
                raw,
                messages,
            )
        if "top" in params:
            raw = params["top"][-1].strip()
            top = _ascii_number(raw)
            top = top if top in TOP_CHOICES else None
            assert vs.top == (DEFAULT.top if top is None else top)
            said = sum(m.startswith(("Ignored top '", "Ignored the top in ")) for m in messages)
            assert vs.lang != "en" or said == (0 if top is not None else 1), (raw, messages)
        event(f"year kept: {vs.year is not None}; top given: {'top' in params}")
    # What was kept is canonical: writing it out and reading it back changes nothing and says nothing.
    assert parse_query(to_query(vs), states, processes) == (vs, [])


@settings(max_examples=examples(300), **FAST)
@given(view_states)
def test_valid_states_round_trip_through_the_query(vs):
    query = to_query(vs)
    assert parse_query(query, STATES, PROCESSES) == (vs, [])
    assert parse_query(query, (), ()) == (vs, [])  # nothing is dropped for want of a known list
    assert parse_query(query.lstrip("?"), STATES, PROCESSES) == (vs, [])
    # A "+" typed by hand (form-encoded as a space) reads as the %2B that links are written with.
    assert parse_query(query.replace("%2B", "+"), STATES, PROCESSES) == (vs, [])
    # The query is the shortest: only values that differ from the default, URL-safe characters only.
    assert (query == "") == (vs == DEFAULT)
    differing = {k for k in KEYS if getattr(vs, k) != getattr(DEFAULT, k)}
    assert set(parse_qs(query.lstrip("?"), keep_blank_values=True)) == differing
    assert set(query) <= set(string.ascii_letters + string.digits + "?&=%,~:_.-+")


# --------------------------------------------------------------------------------------------------
# Regressions: bugs these properties found, now fixed
# --------------------------------------------------------------------------------------------------


def _with_cell(table: str, index: int, name: str, value: str) -> dict[str, bytes]:
    rows = [list(r) for r in TINY_ROWS[table]]
    rows[index + 1][rows[0].index(name)] = value
    return {**TINY_BYTES, SCHEMAS[table].file: _csv_bytes(rows)}


@pytest.mark.parametrize(
    ("table", "name", "value", "message"),
    [
        # int() refused more than 4300 digits (ValueError); the message shows 59 of them and "…"
        ("processes", "founded", "9" * 4301, "expected a year, got '" + "9" * 59 + "…'"),
        ("processes", "founded", "-" + "9" * 4301, "expected a year, got '-" + "9" * 58 + "…'"),
        ("processes", "stated_member_count", "7" * 5000, "expected a whole number, got '" + "7" * 59 + "…'"),
        ("processes", "founded", "9" * 16, "expected a year, got '9999999999999999'"),
        # no upper bound: the message formatted hi=None with :g (TypeError)
        ("memberships", "source_line", "0", "expected a value of at least 1, got '0'"),
        ("memberships", "source_line", "-0", "expected a value of at least 1, got '-0'"),
        ("memberships", "source_line", "-12", "expected a value of at least 1, got '-12'"),
        # beyond Int64 (TypeError/OverflowError building the column): now more than 15 digits
        ("memberships", "source_line", str(2**63), "expected a whole number, got '9223372036854775808'"),
        (
            "memberships",
            "source_line",
            "1" + "0" * 19,
            "expected a whole number, got '10000000000000000000'",
        ),
        ("memberships", "source_line", "1" + "0" * 15, "expected a whole number, got '1000000000000000'"),
        # digits int() takes but a data file should not hold
        ("memberships", "source_line", "１２", "expected a whole number, got '１２'"),
        ("process_links", "year", "٢٠٠٤", "expected a year, got '٢٠٠٤'"),
        # NaN compared false with both bounds, so it passed the range check
        ("states", "lat", "nan", "expected a finite number, got 'nan'"),
        ("states", "lat", "NaN", "expected a finite number, got 'NaN'"),
        ("states", "lon", "-inf", "expected a finite number, got '-inf'"),
        ("states", "lon", "Infinity", "expected a finite number, got 'Infinity'"),
    ],
)
def test_bad_numbers_give_one_exact_issue(table, name, value, message):
    dataset, issues = validate_tables(_with_cell(table, 0, name, value))
    assert dataset is None
    assert issues == [ValidationIssue(SCHEMAS[table].file, 2, name, message)]
    assert message.endswith(", got " + _quote(value))


def test_quote_cuts_long_cells():
    assert _quote("9" * 4301) == "'" + "9" * 59 + "…'"
    assert _quote("9" * 60) == "'" + "9" * 60 + "'"
    assert _quote("a'b\n" * 30) == repr(("a'b\n" * 30)[:59] + "…")


def test_fifteen_digits_are_the_longest_whole_number():
    dataset = _load(_with_cell("memberships", 0, "source_line", "9" * 15))
    assert dataset.memberships.at[0, "source_line"] == 999_999_999_999_999


def test_one_sided_ranges_say_which_side():
    assert _check_cell(Column("n", "int", lo=1), "0") == (None, "expected a value of at least 1, got '0'")
    assert _check_cell(Column("n", "float", hi=2.5), "3") == (
        None,
        "expected a value of at most 2.5, got '3'",
    )
    assert _check_cell(Column("n", "int", lo=0, hi=9), "10") == (
        None,
        "expected a value between 0 and 9, got '10'",
    )


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("?year=²", f"Ignored the year '²' in the link: expected a year from {FIRST_YEAR} to {LAST_YEAR}."),
        (
            "?year=١٩٩٩",
            f"Ignored the year '١٩٩٩' in the link: expected a year from {FIRST_YEAR} to {LAST_YEAR}.",
        ),
        (
            "?year=１９９９",
            f"Ignored the year '１９９９' in the link: expected a year from {FIRST_YEAR} to {LAST_YEAR}.",
        ),
        ("?top=①", "Ignored top '①' in the link: expected one of (10, 15, 20, 30, 50)."),
        ("?top=¹⁵", "Ignored top '¹⁵' in the link: expected one of (10, 15, 20, 30, 50)."),
    ],
)
def test_non_ascii_digits_in_year_or_top_are_ignored_with_one_message(search, message):
    # str.isdigit() accepted "²" and "①", which int() refuses (ValueError)
    assert parse_query(search) == (DEFAULT, [message])


def test_an_extra_cell_on_every_row_is_reported_on_each_line():
    # pandas took a first extra cell on every row as the index and dropped it silently
    dataset, issues = validate_tables({**TINY_BYTES, "states.csv": _states_with(prefix="junk,")})
    assert dataset is None
    message = "expected 7 cells as in the header, found 8"
    assert issues == [ValidationIssue("states.csv", line, None, message) for line in range(2, 7)]


@pytest.mark.parametrize(
    "lines",
    [
        "state\n\nBBB,Borduria,Europa,",  # a blank line
        "state\n \t,\r\nBBB,Borduria,Europa,",  # a line of blank cells
        '"state\n"\nBBB,Borduria,Europa,',  # the row before ends in a two-line cell
    ],
)
def test_row_numbers_are_file_lines(lines):
    # blank lines were skipped, so later rows were numbered too low
    text = TINY_BYTES["states.csv"].decode().replace("state\nBBB,Borduria,Europe,", lines)
    dataset, issues = validate_tables({**TINY_BYTES, "states.csv": text.encode()})
    assert dataset is None
    message = f"expected one of {', '.join(CONTINENTS)}; got 'Europa'"
    assert issues == [ValidationIssue("states.csv", 4, "continent", message)]  # "Europa" is on line 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00", NUL_MESSAGE),
        (TINY_BYTES["states.csv"].replace(b"Aland", b"Al\x00and"), NUL_MESSAGE),
        (b"", EMPTY_MESSAGE),
        (b"\r\n \n", EMPTY_MESSAGE),
    ],
)
def test_unreadable_files_give_one_file_level_issue(content, message):
    dataset, issues = validate_tables({**TINY_BYTES, "states.csv": content})
    assert dataset is None
    assert issues == [ValidationIssue("states.csv", None, None, message)]


def test_repeated_header_names_are_reported_once_each():
    text = TINY_BYTES["states.csv"].decode().replace("lat,lon,kind", "lat,lat,kind", 1)
    dataset, issues = validate_tables({**TINY_BYTES, "states.csv": text.encode()})
    assert dataset is None
    assert issues == [ValidationIssue("states.csv", 1, "lat", REPEATED_MESSAGE)]


def test_blank_lines_before_the_header_and_a_byte_order_mark_are_ignored():
    for prefix in (b" , \n", b"\n\n", b"\xef\xbb\xbf"):
        dataset, issues = validate_tables({**TINY_BYTES, "states.csv": prefix + TINY_BYTES["states.csv"]})
        assert issues == [] and dataset is not None, prefix
        assert dataset.states["iso3"].tolist() == ["AAA", "BBB", "CCC", "DDD", "EEE"]
