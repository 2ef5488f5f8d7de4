"""The 2013 edition (issue 17): IOM's overview of the principal RCPs "as of October 2013".

Every quote is checked against its source's stored text (tests/sources/<source_id>.txt, the text
exactly as the stored copy gives it); the counts are the pages' own.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from rcpdash.config import DATA_DIR, MEMBER_ROLES
from rcpdash.data import (
    DataValidationError,
    edition_last_year,
    load_dataset,
    read_dataset,
    with_edition,
    with_reference_memberships,
)
from rcpdash.names import match_state
from rcpdash.network import GraphFilter, build_graph, filter_graph, states_of

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).parent / "sources"
SOURCE_ID = "iom_rcp_overview_2013"
#: The Budapest Process's governments the 2013 overview lists and the 2005 report does not, read by
#: hand from the stored page and the report's endnote 5.
JOINED_BY_2013 = {
    "ALB", "ARM", "AZE", "BLR", "CYP", "GEO", "KAZ", "KGZ",
    "LIE", "MKD", "MLT", "MNE", "SRB", "TJK", "TKM", "UZB",
}  # fmt: skip


@pytest.fixture(scope="module")
def real():
    return load_dataset()


@pytest.fixture(scope="module")
def page() -> str:
    return stored_text(SOURCE_ID)


def stored_text(source_id: str) -> str:
    """A source's stored text with every run of whitespace read as one space (as the quotes read it)."""
    return " ".join((SOURCES / f"{source_id}.txt").read_text(encoding="utf-8").split())


def budapest_2013(real, roles=MEMBER_ROLES) -> set[str]:
    rows = real.edition_memberships
    rows = rows[(rows["process_id"] == "budapest_process") & rows["role"].isin(roles)]
    return set(rows["iso3"])


def test_every_2013_row_quotes_its_stored_source(real):
    rows = real.edition_memberships
    assert set(rows["edition"]) == {2013}
    sources = real.sources.set_index("source_id")
    for source_id, cited in rows.groupby("source_id"):
        assert sources.loc[source_id, "year"] == 2013, source_id
        assert sources.loc[source_id, "url_or_citation"].startswith("http"), source_id
        text = stored_text(source_id)
        for row in cited.itertuples():
            assert row.evidence in text, (source_id, row.evidence)
            assert row.name_in_source in row.evidence
    assert sources.loc[SOURCE_ID, "url_or_citation"].startswith("https://www.yumpu.com/")
    budapest = rows[rows["process_id"] == "budapest_process"]
    assert len(budapest) == 66 and set(budapest["source_id"]) == {SOURCE_ID}


def test_the_committed_table_is_what_the_recipe_builds():
    """data/edition_memberships.csv is tools/build_edition_2013.py's output: no hand edits."""
    built = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_edition_2013.py")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    assert built == (Path(DATA_DIR) / "edition_memberships.csv").read_text(encoding="utf-8")


def test_budapest_governments_are_the_total_the_page_states(real, page):
    stated = int(re.search(r"\(Total: (\d+)\)", page).group(1))
    assert stated == 49
    assert len(budapest_2013(real, {"member"})) == stated
    # The page's list, name by name, through the project's name matcher.
    listing = re.search(r"1991 (.*?) \(Total: 49\)", page).group(1)
    names = re.split(r", | and ", listing)
    states = dict(zip(real.states["iso3"], real.states["name"], strict=True))
    assert {match_state(n, states) for n in names} == budapest_2013(real, {"member"})


def test_observers_partners_and_chairs_keep_the_pages_roles(real):
    assert budapest_2013(real, {"observer"}) == {"AUS", "CAN", "CHN", "IRN", "USA"}
    assert budapest_2013(real, {"partner"}) == {"AFG", "BGD", "CHN", "IRQ", "PAK", "SYR"}
    assert budapest_2013(real, {"participant"}) == {"AFG", "BGD", "IRQ", "PAK"}
    assert budapest_2013(real, {"chair"}) == {"TUR", "HUN"}


def test_who_joined_left_and_changed_role_since_2005(real):
    report = real.memberships[real.memberships["process_id"] == "budapest_process"]
    in_2005 = set(report.loc[report["role"].isin(MEMBER_ROLES), "iso3"])
    in_2013 = budapest_2013(real, {"member"})
    assert (len(in_2005), len(in_2013)) == (35, 49)
    assert in_2013 - in_2005 == JOINED_BY_2013
    assert in_2005 - in_2013 == {"CAN", "USA"}  # members in 2005, observers in 2013
    assert budapest_2013(real, {"observer"}) & in_2005 == {"CAN", "USA"}


def test_the_2005_edition_is_the_dataset_unchanged(real):
    assert with_edition(real, "2005") is real
    assert edition_last_year(real, "2005") == 2005
    assert edition_last_year(real, "both") == edition_last_year(real, "2013") == 2013


def test_the_2013_edition_alone_counts_only_its_rows(real):
    ds = with_edition(real, "2013")
    # Budapest 66, SACM 12, Söderköping 6, Bali 4 + 11 + 1, MIDSA 8 (tests below read each list).
    assert len(ds.memberships) == 108 and set(ds.memberships["since"]) == {2013}
    graph = build_graph(ds)
    assert members_in(graph, None) == members_in(graph, 2013) == budapest_2013(real, set(MEMBER_ROLES))
    assert members_in(graph, 2012) == set()  # the edition says who is listed in 2013, not since when


def members_in(graph, year: int | None) -> set[str]:
    H = filter_graph(graph, GraphFilter(year=year, processes=("budapest_process",)))
    return {node[1] for node in states_of(H)}


def test_both_editions_join_into_spells_with_the_year_rule(real):
    ds = with_edition(with_reference_memberships(real), "both")
    rows = ds.memberships[ds.memberships["process_id"] == "budapest_process"]
    assert len(rows) == 68
    austria = rows[rows["iso3"] == "AUT"]
    # One spell, both citations: the report's quote and line, the overview's words.
    assert len(austria) == 1
    assert austria.iloc[0]["source_id"] == "iom2005" and austria.iloc[0]["source_line"] == 929
    assert austria.iloc[0]["edition_evidence"] == "Armenia, Austria, Azerbaijan"
    canada = rows[rows["iso3"] == "CAN"].set_index("role")
    assert (canada.loc["member", "until"], canada.loc["observer", "since"]) == (2005, 2013)
    graph = build_graph(ds)
    assert len(members_in(graph, 2005)) == 35
    # 2006-2012: only what both editions confirm (the 33 listed as members in both).
    assert len(members_in(graph, 2010)) == 33
    assert members_in(graph, 2013) == budapest_2013(real, set(MEMBER_ROLES))
    # Every process no 2013 source lists is as the report (and reference sources) give it.
    covered = set(real.edition_memberships["process_id"])
    others = ds.memberships[~ds.memberships["process_id"].isin(covered)]
    merged = with_reference_memberships(real).memberships
    assert len(others) == len(merged[~merged["process_id"].isin(covered)])


def _copy_data(tmp_path: Path) -> Path:
    for path in Path(DATA_DIR).glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


def test_a_bad_edition_row_is_a_clear_error(tmp_path):
    folder = _copy_data(tmp_path)
    lines = (folder / "edition_memberships.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2013,budapest_process,ALB,member", "2012,budapest_process,ALB,member")
    lines[2] = lines[2].replace(",Armenia,", ",Armenien,")
    lines[3] = lines[3].replace("budapest_process,AUT", "nowhere,AUT")
    # Australia listed as a member as well as an observer in the same edition.
    lines.append(lines[1].replace("2012,budapest_process,ALB,member", "2013,budapest_process,AUS,member"))
    (folder / "edition_memberships.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_dataset(folder)
    assert [str(i) for i in err.value.issues] == [
        "edition_memberships.csv, row 2, column 'edition': expected the year of its source (2013); got 2012",
        "edition_memberships.csv, row 3, column 'name_in_source': expected the state's name as the source "
        "lists it, found in 'evidence'",
        "edition_memberships.csv, row 4, column 'process_id': expected a process_id listed in processes.csv; "
        "got 'nowhere'",
        "edition_memberships.csv, row 55, column 'role': expected an observer not also listed as a member "
        "(AUS in budapest_process)",
    ]


# --------------------------------------------------------------------------------------------------
# The edition in the link, the controls and the views
# --------------------------------------------------------------------------------------------------


def test_the_edition_is_a_link_field_and_2005_stays_the_default():
    from rcpdash.urlstate import DEFAULT, parse_query, to_query

    assert DEFAULT.edition == "2005" and to_query(DEFAULT) == ""
    vs, messages = parse_query("?edition=both&year=2010")
    assert (vs.edition, vs.year, vs.last_year, messages) == ("both", 2010, 2013, [])
    assert to_query(vs) == "?year=2010&edition=both"
    # A year of the later edition with the report alone is dropped, in words.
    vs, messages = parse_query("?year=2010")
    assert vs.year is None
    assert messages == ["Ignored the year '2010' in the link: expected a year from 1900 to 2005."]
    vs, messages = parse_query("?edition=1999")
    assert vs.edition == "2005"
    assert messages == ["Ignored the edition '1999' in the link: expected one of 2005, 2013, both."]


def test_the_sliders_all_position_follows_the_edition():
    from rcpdash.ui import ids
    from rcpdash.ui.controls import CONTROLS, control_values, state_from_controls
    from rcpdash.urlstate import ViewState

    slider = [c.id for c in CONTROLS].index(ids.YEAR_SLIDER)
    assert control_values(ViewState())[slider] == 2006
    assert control_values(ViewState(edition="both"))[slider] == 2014
    both = ViewState(edition="both")
    assert state_from_controls({ids.YEAR_SLIDER: 2014}, both, moved=ids.YEAR_SLIDER).year is None
    assert state_from_controls({ids.YEAR_SLIDER: 2010}, both, moved=ids.YEAR_SLIDER).year == 2010
    # Back to the report alone: a year it does not reach means all years.
    back = state_from_controls({ids.EDITION_FILTER: "2005"}, both.with_changes(year=2010))
    assert (back.edition, back.year) == ("2005", None)


def test_growth_runs_to_2013_only_with_a_later_edition():
    from rcpdash import analysis, datasets

    flt = GraphFilter(regions=("europe_central_asia",))
    with datasets.sources_in_use("all"):
        report = analysis.growth(flt)
    with datasets.sources_in_use("all", "both"):
        both = analysis.growth(flt)
    assert report["year"].max() == 2005 and both["year"].max() == 2013
    europe = both[both["region"] == "europe_central_asia"].set_index("year")["memberships"]
    # Budapest: 35 in 2005, 33 confirmed by both editions in 2006-2012, 53 states (49 governments and
    # 4 Silk Routes participants) in 2013; the EaP Panel adds its 3 Eastern partners the report did not
    # list (Armenia, Azerbaijan, Georgia) in 2013 and ends nobody; every other arrangement as in 2005.
    assert europe[2010] - europe[2005] == 33 - 35
    assert europe[2013] - europe[2005] == 53 - 35 + 3


def test_the_timeline_and_profile_render_with_both_editions():
    from rcpdash.ui import views
    from rcpdash.urlstate import ViewState

    from .ui_helpers import text_of

    timeline = text_of(views.render(ViewState(view="timeline", edition="both")))
    assert "Traceback" not in timeline and "2013" in timeline
    profile = text_of(views.render(ViewState(view="state", state="SRB", edition="both")))
    assert "Budapest Process" in profile and "Russian Federation, Serbia, Slovakia" in profile


def test_a_process_profile_says_where_each_editions_members_come_from():
    from rcpdash.ui import views
    from rcpdash.urlstate import ViewState

    from .ui_helpers import text_of

    sacm = "IOM Director General stresses human rights of migrants ahead of South American conference"
    alone = " ".join(text_of(views.render(ViewState(view="process", process="sacm", edition="2013"))).split())
    assert f"SACM: its 12 member states in the 2013 edition come from {sacm}" in alone
    assert "the report names none" not in alone
    both = " ".join(text_of(views.render(ViewState(view="process", process="sacm", edition="both"))).split())
    assert (
        f"SACM: the report names 10 of its 12 member states over the years; the other 2 come from {sacm}"
        in both
    )


def test_then_and_now_lists_every_change_with_both_editions_words(real):
    from rcpdash.queries import edition_changes

    changes = edition_changes(real)
    budapest = changes[changes["process_id"] == "budapest_process"]
    assert budapest["change"].value_counts().to_dict() == {"stayed": 33, "joined": 24, "role_changed": 2}
    joined = budapest[budapest["change"] == "joined"]
    assert set(joined.loc[joined["status_now"] == "member", "iso3"]) == JOINED_BY_2013 | {
        "AFG",
        "BGD",
        "IRQ",
        "PAK",
    }
    canada = budapest.set_index("iso3").loc["CAN"]
    assert (canada["change"], canada["roles_then"], canada["roles_now"]) == (
        "role_changed",
        "member",
        "observer",
    )
    assert canada["line_then"] == "930" and canada["quote_now"] == "Australia, Canada, China"


def test_the_then_and_now_view_reads_the_change_in_a_sentence():
    from rcpdash.ui import views
    from rcpdash.urlstate import ViewState

    from .ui_helpers import text_of

    text = text_of(views.render(ViewState(view="changes")))
    assert (
        "Budapest Process: 35 member states in 2005, 53 in 2013, 6 observers or partners in 2013, "
        "24 states newly listed, 0 no longer listed. Changed role: Canada, United States." in text
    )
    assert (
        "Söderköping Process (Cross-Border Co-operation Process): the 2013 source names 6 of its states (3 also "
        "listed in 2005); it names only some, so it cannot say who left." in text
    )
    assert (
        "South American Conference on Migration: 10 member states in 2005, 12 in 2013, 0 observers or partners "
        "in 2013, 2 states newly listed, 0 no longer listed, the 2013 source does not list observers." in text
    )
    assert (
        "Bali Process on People Smuggling, Trafficking in Persons and Related Transnational Crime: the 2013 "
        "sources name 16 of its states (5 also listed in 2005); they name only some, so they cannot say who left."
        in text
    )
    assert "Compared: Bali Process" in text
    # Regions without a later edition: a message, not an empty chart.
    other = text_of(views.render(ViewState(view="changes", regions=("other",))))
    assert "No later edition lists a process in these regions" in other
    table = views.table_frame(ViewState(view="changes"), "changes")
    # Budapest 59, Bali 19, MIDSA 14, SACM 14, Söderköping 14 (every state either edition lists there).
    assert len(table) == 120 and list(table.columns)[:3] == ["state", "process", "change_label"]
    with __import__("rcpdash.i18n", fromlist=["using"]).using("fr"):
        french = text_of(views.render(ViewState(view="changes", lang="fr")))
    assert "Processus de Budapest" in french or "Budapest Process : 35 États membres en 2005" in french


# --------------------------------------------------------------------------------------------------
# The other processes: what each stored 2013 source lists, and how far its silence is read
# --------------------------------------------------------------------------------------------------

#: Read by hand from each stored text (tests/sources/): the names the list gives, as codes.
SACM_2013 = {"ARG", "BRA", "BOL", "COL", "CHL", "ECU", "GUY", "PRY", "PER", "SUR", "URY", "VEN"}
EAP_PANEL_2013 = {"ARM", "AZE", "BLR", "GEO", "MDA", "UKR"}
BALI_STEERING_2013 = {"IDN", "AUS", "NZL", "THA"}
BALI_AD_HOC_2013 = {"AFG", "BGD", "IND", "MYS", "MDV", "MMR", "PAK", "PHL", "LKA", "USA", "VNM"}
#: The fifth Senior Officials Meeting welcomes "the United States of America, the United Arab Emirates and
#: UNODC": the US is named above already, UNODC is an organization.
BALI_NEW_2013 = {"ARE"}
MIDSA_MAPUTO_2013 = {"AGO", "BWA", "COD", "LSO", "MWI", "MUS", "MOZ", "NAM"}


def listed_2013(real, process_id: str) -> tuple[set[str], set[str], set[str]]:
    """(states, roles, listings) of `process_id` in the 2013 edition."""
    rows = real.edition_memberships[real.edition_memberships["process_id"] == process_id]
    return set(rows["iso3"]), set(rows["role"]), set(rows["listing"])


def test_each_later_list_is_the_pages_list_with_its_listing(real):
    assert listed_2013(real, "sacm") == (SACM_2013, {"member"}, {"members"})
    assert listed_2013(real, "soderkoping") == (EAP_PANEL_2013, {"participant"}, {"partial"})
    assert listed_2013(real, "bali_process") == (
        BALI_STEERING_2013 | BALI_AD_HOC_2013 | BALI_NEW_2013,
        {"member"},
        {"partial"},
    )
    assert listed_2013(real, "midsa") == (MIDSA_MAPUTO_2013, {"participant"}, {"partial"})
    assert listed_2013(real, "budapest_process")[2] == {"complete"}


def test_sacms_list_is_the_count_the_page_gives():
    page = stored_text("iom_news_sacm_2013")
    assert (
        re.search(
            r"Officials from the (\d+) countries that make up the South American Conference", page
        ).group(1)
        == "12"
    )
    assert len(SACM_2013) == 12


def test_midsas_stored_copy_names_8_of_the_14_it_counts():
    page = stored_text("midsa_maputo_2013")
    assert "Officials from 14 of the 15 SADC Member States participated" in page
    assert page.endswith("Namibia, Sey")  # the stored copy breaks off: only these 8 can be named


def test_a_partial_or_members_only_list_ends_nobody(real):
    ds = with_edition(with_reference_memberships(real), "both")
    rows = ds.memberships
    # SACM's 2013 source names every member but no observer: Canada and the US stay as the report
    # gives them (observers from the report on, never ended by a source silent on observers).
    sacm = rows[rows["process_id"] == "sacm"].set_index(["iso3", "role"])
    assert pd.isna(sacm.loc[("CAN", "observer"), "until"]) and pd.isna(sacm.loc[("USA", "observer"), "until"])
    assert (sacm.loc[("SUR", "member"), "since"], sacm.loc[("ARG", "member"), "edition_source_id"]) == (
        2013,
        "iom_news_sacm_2013",
    )
    # Söderköping's 2013 source names a Panel meeting's six Eastern partners: the EU members the report
    # lists are not ended by it, and Belarus carries both citations.
    soder = rows[rows["process_id"] == "soderkoping"].set_index(["iso3", "role"])
    assert pd.isna(soder.loc[("POL", "member"), "until"]) and pd.isna(soder.loc[("SWE", "lead"), "until"])
    assert soder.loc[("BLR", "member"), "edition_evidence"] == "Azerbaijan, Belarus, Georgia"
    assert soder.loc[("ARM", "participant"), "since"] == 2013
    graph = build_graph(ds)
    in_2010 = {
        n[1] for n in states_of(filter_graph(graph, GraphFilter(year=2010, processes=("soderkoping",))))
    }
    in_2013 = {
        n[1] for n in states_of(filter_graph(graph, GraphFilter(year=2013, processes=("soderkoping",))))
    }
    assert len(in_2010) == 11 and in_2013 == in_2010 | {"ARM", "AZE", "GEO"}


def test_then_and_now_reads_a_partial_list_as_not_naming_never_leaving(real):
    from rcpdash.queries import edition_changes

    changes = edition_changes(real)

    def by_change(process_id: str) -> dict[str, set[str]]:
        rows = changes[changes["process_id"] == process_id]
        return {change: set(group["iso3"]) for change, group in rows.groupby("change")}

    assert by_change("sacm") == {
        "stayed": SACM_2013 - {"GUY", "SUR"},
        "joined": {"GUY", "SUR"},
        "not_named": {"CAN", "USA"},
    }
    assert by_change("midsa") == {
        "stayed": MIDSA_MAPUTO_2013,
        "not_named": {"COM", "SWZ", "TZA", "ZAF", "ZMB", "ZWE"},
    }
    assert by_change("soderkoping") == {
        "stayed": {"BLR", "MDA", "UKR"},
        "joined": {"ARM", "AZE", "GEO"},
        "not_named": {"EST", "HUN", "LTU", "LVA", "POL", "ROU", "SVK", "SWE"},
    }
    assert "left" not in set(changes["change"])
    # Each later quote names its own source, title and address.
    guyana = changes[(changes["process_id"] == "sacm") & (changes["iso3"] == "GUY")].iloc[0]
    assert (guyana["quote_now"], guyana["source_now_url"]) == (
        "Ecuador, Guyana, Paraguay",
        "https://iom.int/news/iom-director-general-stresses-human-rights-migrants-ahead-south-american-conference",
    )
    assert guyana["source_now"].startswith("IOM Director General stresses human rights of migrants")


def test_a_process_with_two_listings_in_one_edition_is_a_clear_error(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "edition_memberships.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("2013,sacm,GUY,"))
    lines[index] = lines[index].removesuffix(",members") + ",partial"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        read_dataset(folder)
    assert [str(i) for i in err.value.issues] == [
        f"edition_memberships.csv, row {index + 1}, column 'listing': expected the same listing on every row "
        "of a process in one edition ('members')"
    ]
