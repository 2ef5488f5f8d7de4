"""Convert a Correlates of War IGO state-year file into the dataset schema.

The CoW IGO data (version 3, ``state_year_formatv3.csv``) has one row per state and year: ``ccode``
(the CoW state number), ``year``, ``state`` (the CoW abbreviation), then one column per organization
holding the state's status that year::

    0 no membership   1 full member   2 associate member   3 observer   -9 missing   -1 not applicable

:func:`convert` turns it into the tables of :data:`rcpdash.data.SCHEMAS` (then validated by the same
loader as ``data/``):

- states: CoW codes mapped to ISO 3166 alpha-3 with ``cow_states.csv`` (shipped in this package; its
  provenance is in ``tools/build_cow_states.py`` and docs/data-notes.md);
- memberships: consecutive years with the same status become one spell ``since``–``until``
  (inclusive); 1 -> ``member``, 2 -> ``associate`` (counted as a member), 3 -> ``observer`` (never a
  member); 0, -9 and -1 end a spell. Each row's evidence names the file, its rows and the column;
  ``source_line`` is the file line of the spell's first year;
- processes: one per organization column with at least one spell, kind ``regional_organization``,
  region from where its members are (one continent: that region; all five: global; else
  interregional).

The dashboard covers :data:`~rcpdash.config.FIRST_YEAR`–:data:`~rcpdash.config.LAST_YEAR`: a spell
starting before it is cut to start there (the note keeps the real year), a spell starting after it is
left out and counted. A spell running to the file's last year has no ``until`` (still standing).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .config import FIRST_YEAR, LAST_YEAR, PACKAGE_DIR
from .data import SCHEMAS, ValidationIssue, table_bytes
from .i18n import _

STATE_TABLE = PACKAGE_DIR / "cow_states.csv"
#: The first three columns of a CoW IGO state-year file.
ID_COLUMNS = ("ccode", "year", "state")
#: Columns that describe the file rather than an organization (some CoW releases add it).
META_COLUMNS = frozenset({"version"})
STATUS_ROLES = {1: "member", 2: "associate", 3: "observer"}
STATUS_WORDS = {1: "full member", 2: "associate member", 3: "observer"}
VALID_CODES = {"0": 0, "1": 1, "2": 2, "3": 3, "-9": -9, "-1": -1}
#: When one ISO code stands for two CoW states in one year (the two Yemens or Germanys in 1990),
#: the stronger status wins.
STRENGTH = {1: 3, 2: 2, 3: 1}
_CONTINENT_REGION = {
    "Africa": "africa",
    "Americas": "americas",
    "Europe": "europe_central_asia",
    "Asia": "asia_pacific",
    "Oceania": "asia_pacific",
}


@dataclass(frozen=True)
class CowState:
    """One row of ``cow_states.csv``: a CoW code over a span of years and its ISO state."""

    ccode: int
    first_year: int | None
    last_year: int | None
    iso3: str
    name: str
    continent: str
    subregion: str
    lat: float
    lon: float
    kind: str


@lru_cache(maxsize=1)
def state_table() -> dict[int, tuple[CowState, ...]]:
    """``cow_states.csv`` by CoW code (a code CoW kept across a change of state has two rows)."""
    out: dict[int, list[CowState]] = defaultdict(list)
    with Path(STATE_TABLE).open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out[int(r["ccode"])].append(
                CowState(
                    int(r["ccode"]),
                    int(r["first_year"]) if r["first_year"] else None,
                    int(r["last_year"]) if r["last_year"] else None,
                    r["iso3"],
                    r["name"],
                    r["continent"],
                    r["subregion"],
                    float(r["lat"]),
                    float(r["lon"]),
                    r["kind"],
                )
            )
    return {k: tuple(v) for k, v in out.items()}


def state_for(ccode: int, year: int) -> CowState | None:
    """The ISO state CoW code `ccode` stands for in `year` (None: not in the table)."""
    for s in state_table().get(ccode, ()):
        if (s.first_year is None or year >= s.first_year) and (s.last_year is None or year <= s.last_year):
            return s
    return None


def is_cow_header(header: list[str]) -> bool:
    """Whether a CSV header is a CoW IGO state-year file's (``ccode, year, state, …``)."""
    return [h.strip().lower() for h in header[:3]] == list(ID_COLUMNS)


def process_slug(column: str) -> str:
    """The process_id of an organization column: ``AAAID`` -> ``aaaid``, ``EC-ESA`` -> ``ec_esa``."""
    return re.sub(r"[^a-z0-9]+", "_", column.strip().lower()).strip("_")


@dataclass
class _Spell:
    iso3: str
    column: str
    status: int
    first: int
    last: int
    first_line: int
    last_line: int


def _read(file: str, content: bytes) -> tuple[list[str], list[tuple[int, list[str]]], list[ValidationIssue]]:
    """Header and (line, cells) records; problems with the encoding or shape of the file."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return (
            [],
            [],
            [ValidationIssue(file, None, None, _("is not UTF-8 text ({reason})").format(reason=exc.reason))],
        )
    if "\0" in text:
        return [], [], [ValidationIssue(file, None, None, _("is not valid CSV (it contains NUL characters)"))]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        records, start = [], reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [], [ValidationIssue(file, None, None, _("is not valid CSV ({error})").format(error=exc))]
    return header, records, []


def _check_header(file: str, header: list[str]) -> tuple[list[tuple[int, str]], list[ValidationIssue]]:
    """The organization columns as (index, name), and problems with the header."""
    issues = []
    for i, expected in enumerate(ID_COLUMNS):
        if i >= len(header) or header[i].lower() != expected:
            got = repr(header[i]) if i < len(header) else "nothing"
            issues.append(
                ValidationIssue(
                    file,
                    1,
                    expected,
                    _("expected column {n} to be '{name}'; got {got}").format(
                        n=i + 1, name=expected, got=got
                    ),
                )
            )
    organizations = [(i, h) for i, h in enumerate(header) if i >= 3 and h.lower() not in META_COLUMNS]
    if not organizations:
        issues.append(ValidationIssue(file, 1, None, _("expected one column per organization after 'state'")))
    seen: dict[str, str] = {}
    for _index, name in organizations:
        slug = process_slug(name)
        if not slug:
            issues.append(
                ValidationIssue(file, 1, name or None, _("expected an organization's abbreviation"))
            )
        elif slug in seen:
            issues.append(
                ValidationIssue(
                    file,
                    1,
                    name,
                    _("expected each organization once (same as column '{other}')").format(other=seen[slug]),
                )
            )
        else:
            seen[slug] = name
    return organizations, issues


def _whole(value: str) -> int | None:
    value = value.strip()
    return int(value) if re.fullmatch(r"-?[0-9]{1,6}", value) else None


def convert(file: str, content: bytes) -> tuple[dict[str, bytes] | None, list[ValidationIssue], int]:
    """The dataset tables (as canonical CSV bytes) of a CoW IGO state-year file.

    Returns (tables or None, every problem with file, row and column, how many spells were left out
    because they lie wholly outside the years the dashboard shows).
    """
    header, records, issues = _read(file, content)
    if issues:
        return None, issues, 0
    if not header:
        return None, [ValidationIssue(file, None, None, _("is empty: expected a header row"))], 0
    organizations, issues = _check_header(file, header)
    if issues:
        return None, issues, 0
    # status[(iso3, column)][year] = (status, line)
    status: dict[tuple[str, str], dict[int, tuple[int, int]]] = defaultdict(dict)
    states: dict[str, CowState] = {}
    seen_rows: dict[tuple[int, int], int] = {}
    last_year = None
    for line, record in records:
        if len(record) != len(header):
            issues.append(
                ValidationIssue(
                    file,
                    line,
                    None,
                    _("expected {n} cells as in the header, found {found}").format(
                        n=len(header), found=len(record)
                    ),
                )
            )
            continue
        ccode, year = _whole(record[0]), _whole(record[1])
        if ccode is None:
            issues.append(
                ValidationIssue(
                    file,
                    line,
                    "ccode",
                    _("expected a CoW state number, got {value!r}").format(value=record[0]),
                )
            )
        if year is None:
            issues.append(
                ValidationIssue(
                    file, line, "year", _("expected a year, got {value!r}").format(value=record[1])
                )
            )
        if not record[2].strip():
            issues.append(
                ValidationIssue(file, line, "state", _("expected the CoW state abbreviation (empty)"))
            )
        if ccode is None or year is None:
            continue
        if (ccode, year) in seen_rows:
            issues.append(
                ValidationIssue(
                    file,
                    line,
                    "year",
                    _("expected one row per state and year (ccode {ccode}, {year} is on row {row})").format(
                        ccode=ccode, year=year, row=seen_rows[ccode, year]
                    ),
                )
            )
            continue
        seen_rows[ccode, year] = line
        state = state_for(ccode, year)
        if state is None:
            issues.append(
                ValidationIssue(
                    file,
                    line,
                    "ccode",
                    _(
                        "expected a Correlates of War state number (rcpdash/cow_states.csv); got {ccode}"
                    ).format(ccode=ccode),
                )
            )
            continue
        last_year = year if last_year is None else max(last_year, year)
        for index, column in organizations:
            code = VALID_CODES.get(record[index].strip())
            if code is None:
                issues.append(
                    ValidationIssue(
                        file,
                        line,
                        column,
                        _("expected a status 0, 1, 2, 3, -9 or -1; got {value!r}").format(
                            value=record[index][:20]
                        ),
                    )
                )
            elif code > 0:
                states[state.iso3] = state
                earlier = status[state.iso3, column].get(year)
                if earlier is None or STRENGTH[code] > STRENGTH[earlier[0]]:
                    status[state.iso3, column][year] = (code, line)
    if issues:
        return None, issues, 0
    spells = _spells(status)
    kept, left_out = [], 0
    for spell in spells:
        if spell.first > LAST_YEAR or spell.last < FIRST_YEAR:
            left_out += 1
        else:
            kept.append(spell)
    return _tables(file, kept, states, organizations, last_year), [], left_out


def _spells(status: dict[tuple[str, str], dict[int, tuple[int, int]]]) -> list[_Spell]:
    """Consecutive years with the same status, per state and organization."""
    out = []
    for (iso3, column), years in status.items():
        current: _Spell | None = None
        for year in sorted(years):
            code, line = years[year]
            if current and current.status == code and current.last == year - 1:
                current.last, current.last_line = year, line
                continue
            if current:
                out.append(current)
            current = _Spell(iso3, column, code, year, year, line, line)
        if current:
            out.append(current)
    return out


def _region(continents: set[str]) -> str:
    regions = {_CONTINENT_REGION[c] for c in continents}
    if len(continents) == len(_CONTINENT_REGION):
        return "global"
    return regions.pop() if len(regions) == 1 else "interregional"


def _tables(
    file: str,
    spells: list[_Spell],
    states: dict[str, CowState],
    organizations: list[tuple[int, str]],
    last_year: int | None,
) -> dict[str, bytes]:
    membership_rows, by_column = [], defaultdict(list)
    for s in sorted(spells, key=lambda s: (process_slug(s.column), s.iso3, s.first)):
        by_column[s.column].append(s)
        since = max(s.first, FIRST_YEAR)
        until = None if s.last == last_year else s.last
        rows = f"row {s.first_line}" if s.first_line == s.last_line else f"rows {s.first_line}-{s.last_line}"
        years = str(s.first) if s.first == s.last else f"{s.first}-{s.last}"
        note = f"CoW gives {s.first} as the first year" if s.first < FIRST_YEAR else ""
        membership_rows.append(
            {
                "process_id": process_slug(s.column),
                "iso3": s.iso3,
                "role": STATUS_ROLES[s.status],
                "since": since,
                "until": until,
                "evidence": f"{file}, {rows}, column {s.column} = {s.status} ({STATUS_WORDS[s.status]}, {years})",
                "source_line": s.first_line,
                "note": note,
            }
        )
    process_rows = []
    for _index, column in organizations:
        if column not in by_column:
            continue
        members = by_column[column]
        continents = {states[s.iso3].continent for s in members}
        process_rows.append(
            {
                "process_id": process_slug(column),
                "name": column,
                "acronym": column,
                "kind": "regional_organization",
                "region": _region(continents),
                "founded": max(min(s.first for s in members), FIRST_YEAR),
                "description": "Intergovernmental organization in the Correlates of War IGO data.",
                "evidence": f"{file}, column {column}",
                "source_line": 1,
            }
        )
    state_rows = [
        {
            "iso3": s.iso3,
            "name": s.name,
            "continent": s.continent,
            "subregion": s.subregion,
            "lat": s.lat,
            "lon": s.lon,
            "kind": s.kind,
        }
        for s in sorted(states.values(), key=lambda s: s.iso3)
    ]
    frames = {
        "processes": process_rows,
        "states": state_rows,
        "memberships": membership_rows,
        "organizations": [],
        "themes": [],
        "process_links": [],
    }
    return {
        SCHEMAS[table].file: table_bytes(table, pd.DataFrame(rows, columns=SCHEMAS[table].names))
        for table, rows in frames.items()
    }
