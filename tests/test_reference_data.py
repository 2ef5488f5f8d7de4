"""The reference memberships (issue 19): full memberships of the formal organizations the report names.

Counts by year are checked against what the cited sources say (docs/data-notes.md, "Reference source of
full memberships"); the year rule is the app's (a spell counts from its `since` to its `until`, both
years included).
"""

from __future__ import annotations

import pandas as pd
import pytest

from rcpdash.config import MEMBER_ROLES
from rcpdash.data import (
    REPORT_SOURCE_ID,
    DataValidationError,
    load_dataset,
    read_dataset,
    with_reference_memberships,
)
from rcpdash.network import GraphFilter, build_graph, filter_graph, states_of


@pytest.fixture(scope="module")
def real():
    return load_dataset()


@pytest.fixture(scope="module")
def merged_graph(real):
    return build_graph(with_reference_memberships(real))


def members_in(graph, process_id: str, year: int) -> set[str]:
    """States belonging to a process in a year, as every view counts them (report and reference)."""
    H = filter_graph(graph, GraphFilter(year=year, processes=(process_id,)))
    return {node[1] for node in states_of(H)}


def reference_members(real, process_id: str, year: int, roles=MEMBER_ROLES - {"associate"}) -> set[str]:
    """Member states (associates left out) in a year by the reference rows alone."""
    ref = real.reference_memberships
    rows = ref[(ref["process_id"] == process_id) & ref["role"].isin(roles)]
    active = (rows["since"].isna() | (rows["since"] <= year)) & (
        rows["until"].isna() | (rows["until"] >= year)
    )
    return set(rows.loc[active, "iso3"])


# (process, {year: exact count}) as the sources give them.
COUNTS = {
    "eu": {1958: 6, 1972: 6, 1973: 9, 1981: 10, 1986: 12, 1994: 12, 1995: 15, 2003: 15, 2004: 25, 2005: 25},
    "schengen": {1985: 5, 1990: 6, 1991: 8, 1992: 9, 1995: 10, 1996: 15, 2003: 24, 2004: 25, 2005: 25},
    "cis": {1991: 11, 1992: 11, 1993: 12, 2005: 12},
    "g8": {1975: 6, 1976: 7, 1996: 7, 1997: 8, 2005: 8},
    "nafta": {1991: 0, 1992: 3, 2005: 3},
    "asean": {1967: 5, 1984: 6, 1995: 7, 1997: 9, 1999: 10, 2005: 10},
    "apec": {1989: 12, 1991: 15, 1993: 17, 1994: 18, 1998: 21, 2005: 21},
    "mercosur": {1991: 4, 2005: 4},
    "andean_community": {1969: 5, 1973: 6, 1976: 6, 1977: 5, 2005: 5},
    "ecowas": {1975: 15, 1976: 15, 1977: 16, 2000: 16, 2001: 15, 2005: 15},
    "uemoa": {1994: 7, 1997: 8, 2005: 8},
    "sadcc": {1980: 9, 1989: 9, 1990: 10, 1992: 10, 1993: 0},
    "sadc": {1992: 10, 1994: 11, 1995: 12, 1997: 14, 2004: 14, 2005: 14},
    "comesa": {2005: 20},
    "pta": {1981: 16, 1994: 16, 1995: 0},
    "igad": {1986: 6, 1993: 7, 2005: 7},
    "eccas": {1983: 10, 1998: 10, 1999: 11, 2005: 11},
    "uma": {1989: 5, 2005: 5},
    "eac": {1993: 3, 2005: 3},
    "au": {2001: 0, 2002: 53, 2005: 53},
}


@pytest.mark.parametrize("process_id", sorted(COUNTS))
def test_member_counts_by_year_match_the_sources(real, process_id):
    got = {year: len(reference_members(real, process_id, year)) for year in COUNTS[process_id]}
    assert got == COUNTS[process_id]


def test_withdrawals_and_suspensions(real):
    assert "MRT" in reference_members(real, "ecowas", 2000)
    assert "MRT" not in reference_members(real, "ecowas", 2001)
    assert "MAR" in reference_members(real, "oau", 1984)
    assert "MAR" not in reference_members(real, "oau", 1985)
    assert "MAR" not in reference_members(real, "au", 2005)  # the AU without Morocco
    assert "SYC" in reference_members(real, "sadc", 2004) and "SYC" not in reference_members(
        real, "sadc", 2005
    )
    assert "MDG" in reference_members(real, "sadc", 2005)
    assert "VEN" in reference_members(real, "andean_community", 2005)
    assert "CHL" not in reference_members(real, "andean_community", 1977)
    assert reference_members(real, "comesa", 2005).isdisjoint({"LSO", "MOZ", "TZA", "NAM"})
    assert "NAM" in reference_members(real, "comesa", 2004)


def test_associates_and_observers_keep_their_roles(real):
    ref = real.reference_memberships
    # MERCOSUR's six associates, the Andean Community's four, Turkmenistan in the CIS from 2005.
    associates = ref[ref["role"] == "associate"]
    assert associates.groupby("process_id")["iso3"].count().to_dict() == {
        "andean_community": 4,
        "cis": 1,
        "mercosur": 6,
    }
    observers = ref[ref["role"] == "observer"]
    assert sorted(zip(observers["process_id"], observers["iso3"], strict=True)) == [
        ("andean_community", "CHL"),
        ("eccas", "AGO"),
    ]
    assert reference_members(real, "mercosur", 2005, roles={"associate"}) == {
        "BOL",
        "CHL",
        "COL",
        "ECU",
        "PER",
        "VEN",
    }
    chile = ref[(ref["process_id"] == "andean_community") & (ref["iso3"] == "CHL")]
    assert sorted(zip(chile["role"], chile["since"], chile["until"], strict=True)) == [
        ("founding_member", 1969, 1976),
        ("observer", 1976, 2006),
    ]


def test_every_view_counts_one_membership_per_state(real, merged_graph):
    """The merged data counts each state once, whether the report, a reference source or both name it."""
    assert len(members_in(merged_graph, "eu", 2005)) == 25
    assert len(members_in(merged_graph, "eu", 2003)) == 15
    assert len(members_in(merged_graph, "ecowas", 2001)) == 15
    assert len(members_in(merged_graph, "au", 2005)) == 53
    # MERCOSUR: 4 members + the associates Colombia, Ecuador, Peru and Venezuela (associates belong, as
    # for every dataset here); Bolivia and Chile are the report's partners and stay so.
    assert members_in(merged_graph, "mercosur", 2005) == {
        "ARG",
        "BRA",
        "PRY",
        "URY",
        "COL",
        "ECU",
        "PER",
        "VEN",
    }
    report_only = build_graph(real)
    assert len(states_of(filter_graph(report_only, GraphFilter(processes=("eu",))))) == 9


def test_the_reports_rows_stay_primary(real):
    merged = with_reference_memberships(real).memberships
    report = merged[merged["source_id"] == REPORT_SOURCE_ID]
    # Every report row is there with its quote, role and line; only missing years were filled.
    assert len(report) == len(real.memberships)
    key = ["process_id", "iso3", "role", "evidence", "source_line"]
    pd.testing.assert_frame_equal(
        report[key].reset_index(drop=True), real.memberships[key].reset_index(drop=True), check_dtype=False
    )
    filled = report[report["dates_source_id"] != ""]
    assert real.memberships.loc[filled.index, "since"].isna().all()
    # Where the report gives a year it stays, even when a source differs (SADC: DR Congo 1998 vs 1997).
    cod = merged[(merged["process_id"] == "sadc") & (merged["iso3"] == "COD")]
    assert list(zip(cod["source_id"], cod["since"], strict=True)) == [(REPORT_SOURCE_ID, 1998)]
    eu_austria = merged[(merged["process_id"] == "eu") & (merged["iso3"] == "AUT")]
    assert list(
        zip(eu_austria["source_id"], eu_austria["since"], eu_austria["dates_source_id"], strict=True)
    ) == [(REPORT_SOURCE_ID, 1995, "eu_enlargement_history")]


def test_every_reference_row_cites_a_public_source_with_the_states_name(real):
    ref, sources = real.reference_memberships, real.sources.set_index("source_id")
    assert len(ref) == 341
    assert set(ref["source_id"]) <= set(sources.index) - {REPORT_SOURCE_ID}
    cited = sources.loc[sorted(set(ref["source_id"]))]
    assert cited["url_or_citation"].str.startswith("http").all()
    assert all(
        name in evidence for name, evidence in zip(ref["name_in_source"], ref["evidence"], strict=True)
    )
    # Every formal organization the issue lists that the report names has reference rows.
    covered = set(ref["process_id"])
    assert covered == {
        "andean_community", "apec", "asean", "au", "cis", "comesa", "eac", "eccas", "economic_community_great_lakes",
        "ecowas", "eu", "g8", "igad", "mercosur", "nafta", "oau", "pta", "sadc", "sadcc", "schengen", "uma",
        "uemoa",
    }  # fmt: skip


def test_every_row_of_every_table_names_a_known_source(real):
    for table in ("processes", "memberships", "organizations", "themes", "process_links"):
        assert set(getattr(real, table)["source_id"]) == {REPORT_SOURCE_ID}, table
    assert set(real.states["source_id"]) == {"un_m49"}


def test_unknown_or_missing_source_id_is_a_clear_error(tmp_path):
    from pathlib import Path

    from rcpdash.config import DATA_DIR

    for path in Path(DATA_DIR).glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    memberships = (tmp_path / "memberships.csv").read_text(encoding="utf-8").splitlines()
    memberships[1] = memberships[1].removesuffix(",iom2005") + ",nope"
    memberships[2] = memberships[2].removesuffix(",iom2005") + ","
    (tmp_path / "memberships.csv").write_text("\n".join(memberships) + "\n", encoding="utf-8")
    ref = (tmp_path / "reference_memberships.csv").read_text(encoding="utf-8").splitlines()
    ref[1] = ref[1].replace(
        "eu,ITA,founding_member,1958,,ghdi_eec,Italy,", "eu,ITA,founding_member,1958,,ghdi_eec,Italia,"
    )
    (tmp_path / "reference_memberships.csv").write_text("\n".join(ref) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_dataset(tmp_path)
    assert [str(i) for i in err.value.issues] == [
        "memberships.csv, row 2, column 'source_id': expected a source_id listed in sources.csv; got 'nope'",
        "memberships.csv, row 3, column 'source_id': expected a source_id listed in sources.csv (the cell is empty)",
        "reference_memberships.csv, row 2, column 'name_in_source': expected the state's name as the source "
        "lists it, found in 'evidence'",
    ]
