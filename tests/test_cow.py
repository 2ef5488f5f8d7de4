"""The Correlates of War IGO converter on a hand-built file with exact expected spells and roles."""

from __future__ import annotations

import csv
import io

from rcpdash import cow
from rcpdash.config import MEMBER_ROLES
from rcpdash.data import read_dataset

COW_FILE = b"""ccode,year,state,AAA,B-B
2,1998,USA,1,0
2,1999,USA,1,3
2,2000,USA,1,3
2,2001,USA,0,1
20,1999,CAN,2,-9
20,2000,CAN,2,-1
20,2001,CAN,1,0
365,1990,RUS,3,0
365,1991,RUS,3,0
365,1992,RUS,3,0
"""


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_spells_roles_and_evidence():
    tables, issues, left_out = cow.convert("igo.csv", COW_FILE)
    assert issues == [] and left_out == 0
    got = [
        (r["process_id"], r["iso3"], r["role"], r["since"], r["until"], r["evidence"], r["source_line"])
        for r in _rows(tables["memberships.csv"])
    ]
    assert got == [
        (
            "aaa",
            "CAN",
            "associate",
            "1999",
            "2000",
            "igo.csv, rows 6-7, column AAA = 2 (associate member, 1999-2000)",
            "6",
        ),
        ("aaa", "CAN", "member", "2001", "", "igo.csv, row 8, column AAA = 1 (full member, 2001)", "8"),
        # CoW code 365 is the Soviet Union until 1991 and Russia from 1992.
        ("aaa", "RUS", "observer", "1992", "1992", "igo.csv, row 11, column AAA = 3 (observer, 1992)", "11"),
        (
            "aaa",
            "SUN",
            "observer",
            "1990",
            "1991",
            "igo.csv, rows 9-10, column AAA = 3 (observer, 1990-1991)",
            "9",
        ),
        (
            "aaa",
            "USA",
            "member",
            "1998",
            "2000",
            "igo.csv, rows 2-4, column AAA = 1 (full member, 1998-2000)",
            "2",
        ),
        (
            "b_b",
            "USA",
            "observer",
            "1999",
            "2000",
            "igo.csv, rows 3-4, column B-B = 3 (observer, 1999-2000)",
            "3",
        ),
        ("b_b", "USA", "member", "2001", "", "igo.csv, row 5, column B-B = 1 (full member, 2001)", "5"),
    ]
    processes = [
        (r["process_id"], r["name"], r["kind"], r["region"], r["founded"])
        for r in _rows(tables["processes.csv"])
    ]
    assert processes == [
        ("aaa", "AAA", "regional_organization", "interregional", "1990"),
        ("b_b", "B-B", "regional_organization", "americas", "1999"),
    ]
    states = [(r["iso3"], r["name"], r["kind"]) for r in _rows(tables["states.csv"])]
    assert states == [
        ("CAN", "Canada", "state"),
        ("RUS", "Russian Federation", "state"),
        ("SUN", "Soviet Union", "historical"),
        ("USA", "United States", "state"),
    ]
    assert _rows(tables["themes.csv"]) == [] and _rows(tables["process_links.csv"]) == []


def test_converted_tables_pass_the_loader_and_count_roles_right():
    tables, _, _ = cow.convert("igo.csv", COW_FILE)
    ds = read_dataset(tables)
    assert "associate" in MEMBER_ROLES and "observer" not in MEMBER_ROLES
    members = ds.memberships[ds.memberships.role.isin(MEMBER_ROLES)]
    assert sorted(set(zip(members.process_id, members.iso3, strict=True))) == [
        ("aaa", "CAN"),
        ("aaa", "USA"),
        ("b_b", "USA"),
    ]
    assert ds.summary()["memberships_by_role"] == {"associate": 1, "member": 3, "observer": 3}


def test_years_outside_the_dashboard_are_cut_or_left_out():
    content = b"ccode,year,state,AAA\n" + b"".join(
        f"2,{y},USA,{1 if y < 1902 or y > 2006 else 0}\n".encode() for y in range(1898, 2010)
    )
    tables, issues, left_out = cow.convert("igo.csv", content)
    assert issues == []
    assert left_out == 1  # 2007-2009 starts after 2005
    (row,) = _rows(tables["memberships.csv"])
    assert (row["since"], row["until"], row["note"]) == ("1900", "1901", "CoW gives 1898 as the first year")


def test_the_two_germanys_in_one_year_keep_the_stronger_status():
    content = b"ccode,year,state,AAA\n260,1990,GFR,1\n255,1990,GMY,3\n255,1991,GMY,1\n"
    tables, issues, _ = cow.convert("igo.csv", content)
    assert issues == []
    got = [(r["iso3"], r["role"], r["since"], r["until"]) for r in _rows(tables["memberships.csv"])]
    assert got == [("DEU", "member", "1990", "")]


def test_every_problem_names_row_column_and_what_was_expected():
    content = b"ccode,year,state,AAA\n2,1998,USA,1\n999,1998,XXX,1\n2,19x8,USA,1\n20,1998,CAN,7\n2,1998,USA,1\n2,1999,\n"
    tables, issues, _ = cow.convert("igo.csv", content)
    assert tables is None
    assert [str(i) for i in issues] == [
        "igo.csv, row 3, column 'ccode': expected a Correlates of War state number (rcpdash/cow_states.csv); got 999",
        "igo.csv, row 4, column 'year': expected a year, got '19x8'",
        "igo.csv, row 5, column 'AAA': expected a status 0, 1, 2, 3, -9 or -1; got '7'",
        "igo.csv, row 6, column 'year': expected one row per state and year (ccode 2, 1998 is on row 2)",
        "igo.csv, row 7: expected 4 cells as in the header, found 3",
    ]


def test_header_problems():
    _, issues, _ = cow.convert("igo.csv", b"ccode,yr,state\n")
    assert [str(i) for i in issues] == [
        "igo.csv, row 1, column 'year': expected column 2 to be 'year'; got 'yr'",
        "igo.csv, row 1: expected one column per organization after 'state'",
    ]
    _, issues, _ = cow.convert("igo.csv", b"ccode,year,state,EC,ec\n")
    assert [str(i) for i in issues] == [
        "igo.csv, row 1, column 'ec': expected each organization once (same as column 'EC')"
    ]
    _, issues, _ = cow.convert("igo.csv", "ccode,year,state,AAA\n2,1998,USA,1\n".encode("utf-16"))
    assert [str(i) for i in issues] == ["igo.csv: is not UTF-8 text (invalid start byte)"]


def test_state_table_maps_every_code_once_per_year():
    table = cow.state_table()
    assert cow.state_for(365, 1991).iso3 == "SUN" and cow.state_for(365, 1992).iso3 == "RUS"
    assert cow.state_for(345, 2005).iso3 == "YUG" and cow.state_for(345, 2006).iso3 == "SRB"
    assert cow.state_for(260, 1970).iso3 == "DEU" and cow.state_for(2, 1816).iso3 == "USA"
    assert cow.state_for(999, 2000) is None
    assert len(table) == 216
    for rows in table.values():
        for year in range(1816, 2025):
            assert sum(1 for r in rows if (r.first_year or 0) <= year <= (r.last_year or 9999)) == 1
