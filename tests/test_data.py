"""The loader: typed frames on good data, every problem named with file, row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from rcpdash import data
from rcpdash.data import DataValidationError, ValidationIssue, read_dataset, validate_tables

from .fixtures import tiny_tables, write_tables


def _replace(tables: dict[str, bytes], file: str, old: str, new: str) -> dict[str, bytes]:
    text = tables[file].decode()
    assert old in text, f"{old!r} not in {file}"
    return {**tables, file: text.replace(old, new, 1).encode()}


def _issues(tables: dict[str, bytes]) -> list[str]:
    dataset, issues = validate_tables(tables)
    assert dataset is None
    return [str(i) for i in issues]


def test_tiny_dataset_loads_with_types(tiny):
    assert len(tiny.processes) == 4 and len(tiny.states) == 5 and len(tiny.memberships) == 9
    assert str(tiny.processes["founded"].dtype) == "Int64"
    assert tiny.processes.loc[tiny.processes.process_id == "p4", "stated_member_count"].item() == 10
    assert pd.isna(tiny.processes.loc[tiny.processes.process_id == "p1", "stated_member_count"].item())
    assert tiny.states["lat"].tolist() == [60.0, 47.0, 9.0, -1.0, 13.0]
    assert tiny.memberships.loc[4, "since"] == 2002


def test_summary_counts(tiny):
    s = tiny.summary()
    assert s["memberships_by_role"] == {"founding_member": 2, "member": 5, "observer": 1, "partner": 1}
    assert s["memberships_by_region"] == {"africa": 6, "europe_central_asia": 3}
    assert s["states_with_memberships"] == 4


def test_missing_file_and_column():
    tables = tiny_tables()
    del tables["states.csv"]
    tables = _replace(tables, "processes.csv", "process_id,name,acronym", "process_id,title,acronym")
    issues = _issues(tables)
    assert "processes.csv, row 1, column 'name': required column is missing from the header" in issues
    assert (
        "processes.csv, row 1, column 'title': unknown column; expected only "
        + ", ".join(data.SCHEMAS["processes"].names)
        in issues
    )
    assert "states.csv: file is missing" in issues


def test_every_cell_error_is_reported_at_once():
    tables = tiny_tables()
    tables = _replace(tables, "processes.csv", "rcp,europe_central_asia,1991", "RCP,europe,19x1")
    tables = _replace(
        tables, "states.csv", "Aland,Europe,Northern Europe,60,20", "Aland,Europa,Northern Europe,95,20"
    )
    tables = _replace(tables, "memberships.csv", "p1,AAA,member", "p9,ZZZ,boss")
    issues = _issues(tables)
    assert issues == [
        "memberships.csv, row 2, column 'iso3': expected a iso3 listed in states.csv; got 'ZZZ'",
        "memberships.csv, row 2, column 'process_id': expected a process_id listed in processes.csv; got 'p9'",
        "memberships.csv, row 2, column 'role': expected one of " + ", ".join(data.ROLES) + "; got 'boss'",
        "processes.csv, row 2, column 'founded': expected a year, got '19x1'",
        "processes.csv, row 2, column 'kind': expected one of "
        + ", ".join(data.PROCESS_KINDS)
        + "; got 'RCP'",
        "processes.csv, row 2, column 'region': expected one of "
        + ", ".join(data.REPORT_REGIONS)
        + "; got 'europe'",
        "states.csv, row 2, column 'continent': expected one of Africa, Americas, Asia, Europe, Oceania; got 'Europa'",
        "states.csv, row 2, column 'lat': expected a value between -90 and 90, got '95'",
    ]


def test_year_range_and_order():
    tables = _replace(tiny_tables(), "memberships.csv", "p2,DDD,member,2002,", "p2,DDD,member,2002,1990")
    tables = _replace(tables, "processes.csv", "africa,1995", "africa,1895")
    assert _issues(tables) == [
        "memberships.csv, row 6, column 'until': expected a year not before 'since'",
        "processes.csv, row 4, column 'founded': expected a value between 1900 and 2005, got '1895'",
    ]


def test_empty_evidence_duplicate_rows_and_keys():
    tables = tiny_tables()
    text = tables["memberships.csv"].decode().splitlines()
    text.append(text[1])  # an exact duplicate of row 2
    text.append(text[2].replace("quote BBB", "another quote"))  # same key as row 3
    tables["memberships.csv"] = ("\n".join(text) + "\n").encode()
    tables = _replace(tables, "memberships.csv", "quote CCC,2", ",2")
    assert _issues(tables) == [
        "memberships.csv, row 4, column 'evidence': expected a value (the cell is empty)",
        "memberships.csv, row 11: duplicate of an earlier row",
        "memberships.csv, row 12, column 'since': expected a unique key "
        "(process_id='p1', iso3='BBB', role='member', since=<NA> appears earlier)",
    ]


def test_observer_cannot_also_be_member_at_the_same_time():
    tables = tiny_tables()
    tables["memberships.csv"] += b"p1,CCC,member,,,quote,2,\n"
    assert _issues(tables) == [
        "memberships.csv, row 4, column 'role': expected an observer not also listed as a member (CCC in p1)"
    ]
    # An observer that joined later is fine: the observer spell ends the year membership starts.
    tables = _replace(tiny_tables(), "memberships.csv", "p1,CCC,observer,,", "p1,CCC,observer,,1999")
    tables["memberships.csv"] += b"p1,CCC,member,1999,,quote,2,\n"
    assert validate_tables(tables)[1] == []
    tables["memberships.csv"] += b"p1,CCC,chair,1998,,quote,2,\n"
    assert len(_issues(tables)) == 1


def test_a_state_may_leave_and_rejoin_but_spells_of_one_role_may_not_overlap():
    # AAA is a member of p1 with no dates (row 2): give it 1991-1995, then a second spell from 1998.
    tables = _replace(tiny_tables(), "memberships.csv", "p1,AAA,member,,", "p1,AAA,member,1991,1995")
    tables["memberships.csv"] += b"p1,AAA,member,1998,,quote,2,\n"
    assert validate_tables(tables)[1] == []
    tables["memberships.csv"] += b"p1,AAA,member,1994,1996,quote,2,\n"
    assert _issues(tables) == [
        "memberships.csv, row 12, column 'since': expected spells of one role not to overlap (AAA as member in p1)"
    ]
    # An undated spell overlaps every other spell of its role (and is not a crash).
    tables = tiny_tables()
    tables["memberships.csv"] += b"p1,AAA,member,1998,,quote,2,\n"
    assert _issues(tables) == [
        "memberships.csv, row 11, column 'since': expected spells of one role not to overlap (AAA as member in p1)"
    ]


def test_duplicate_keys_in_processes_and_states():
    tables = tiny_tables()
    tables["states.csv"] += b"AAA,Again,Europe,Northern Europe,1,1,state\n"
    assert _issues(tables) == [
        "states.csv, row 7, column 'iso3': expected a unique key (iso3='AAA' appears earlier)"
    ]


def test_themes_file_is_optional_but_checked():
    tables = tiny_tables()
    del tables["themes.csv"]
    dataset, issues = validate_tables(tables)
    assert issues == [] and dataset.themes.empty
    tables = _replace(tiny_tables(), "themes.csv", "p1,border_management", "p9,gardening")
    assert _issues(tables) == [
        "themes.csv, row 2, column 'process_id': expected a process_id listed in processes.csv; got 'p9'",
        "themes.csv, row 2, column 'theme': expected one of " + ", ".join(data.THEMES) + "; got 'gardening'",
    ]


def test_not_utf8_and_not_csv():
    tables = {**tiny_tables(), "states.csv": "iso3,name\nAAA,Åland\n".encode("latin-1")}
    assert _issues(tables)[0].startswith("states.csv: is not UTF-8 text")
    tables = {**tiny_tables(), "states.csv": b""}
    assert _issues(tables) == ["states.csv: is empty: expected a header row"]


def test_read_dataset_raises_with_all_issues():
    tables = _replace(tiny_tables(), "states.csv", "60,20", "60,200")
    with pytest.raises(DataValidationError) as info:
        read_dataset(tables)
    assert info.value.issues == [
        ValidationIssue("states.csv", 2, "lon", "expected a value between -180 and 180, got '200'")
    ]
    assert "1 problem(s) in the dataset" in str(info.value)


def test_cli_check_summary_and_errors(tmp_path):
    good = write_tables(tmp_path / "good", tiny_tables())
    lines: list[str] = []
    assert data.main(["check", str(good)], out=lines.append) == 0
    assert lines[0] == f"dataset in {good}: OK"
    assert "  by role:    founding_member 2, member 5, observer 1, partner 1" in lines
    bad = write_tables(tmp_path / "bad", _replace(tiny_tables(), "states.csv", "Asia", "Atlantis"))
    lines = []
    assert data.main(["check", str(bad)], out=lines.append) == 1
    assert lines == [
        f"1 problem(s) in {bad}:",
        "  - states.csv, row 6, column 'continent': expected one of Africa, Americas, Asia, Europe, "
        "Oceania; got 'Atlantis'",
    ]
    lines = []
    assert data.main(["check", str(tmp_path / "nowhere")], out=lines.append) == 1
    assert data.main(["frobnicate"], out=lines.append) == 2


def test_load_dataset_is_cached(tmp_path):
    folder = write_tables(tmp_path / "d", tiny_tables())
    assert data.load_dataset(folder) is data.load_dataset(str(folder))


def test_rows_are_file_lines_even_after_blank_lines_and_multiline_cells():
    text = tiny_tables()["states.csv"].decode()
    text = text.replace("\nBBB,Borduria,Europe,", '\n\n"BBB",Borduria,Europa,')
    text = text.replace("AAA,Aland,", 'AAA,"Aland\nIsles",')  # a quoted cell over two lines
    assert _issues({**tiny_tables(), "states.csv": text.encode()}) == [
        "states.csv, row 5, column 'continent': expected one of Africa, Americas, Asia, Europe, Oceania; "
        "got 'Europa'"
    ]


def test_extra_cells_duplicate_headers_and_nul_are_named():
    header, *rows = tiny_tables()["states.csv"].decode().splitlines()
    extra = "\n".join([header, rows[0], "junk," + rows[1]]).encode()
    assert _issues({**tiny_tables(), "states.csv": extra}) == [
        "states.csv, row 3: expected 7 cells as in the header, found 8"
    ]
    duplicated = tiny_tables()["states.csv"].replace(b"iso3,name,", b"iso3,iso3,", 1)
    assert _issues({**tiny_tables(), "states.csv": duplicated}) == [
        "states.csv, row 1, column 'iso3': expected each column once in the header"
    ]
    assert _issues({**tiny_tables(), "states.csv": b"iso3\x00,name\n"}) == [
        "states.csv: is not valid CSV (it contains NUL characters)"
    ]


def test_numbers_that_would_break_the_loader_are_plain_errors():
    huge = _replace(tiny_tables(), "memberships.csv", "quote AAA,2,", "quote AAA," + "9" * 4400 + ",")
    nan = _replace(tiny_tables(), "states.csv", "60,20", "nan,inf")
    zero = _replace(tiny_tables(), "memberships.csv", "quote AAA,2,", "quote AAA,0,")
    assert _issues(huge) == [
        "memberships.csv, row 2, column 'source_line': expected a whole number, got '" + "9" * 59 + "…'"
    ]
    assert _issues(nan) == [
        "states.csv, row 2, column 'lat': expected a finite number, got 'nan'",
        "states.csv, row 2, column 'lon': expected a finite number, got 'inf'",
    ]
    assert _issues(zero) == [
        "memberships.csv, row 2, column 'source_line': expected a value of at least 1, got '0'"
    ]
