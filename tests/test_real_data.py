"""The shipped dataset: every quote verbatim in the report, and the counts the report gives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rcpdash import cow
from rcpdash.config import MEMBER_ROLES
from rcpdash.data import SCHEMAS
from rcpdash.metrics import bridge_states, overlap_matrix
from rcpdash.network import GraphFilter, filter_graph, process_node
from rcpdash.shapes import distance_km, main_shapes
from rcpdash.source import load_source, normalise

QUOTED_TABLES = ["processes", "memberships", "organizations", "process_links", "themes"]


@pytest.fixture(scope="module")
def source():
    text = load_source()
    if text is None:
        pytest.skip("the report's text is not on this machine")
    return text


@pytest.mark.parametrize("table", QUOTED_TABLES)
def test_every_evidence_quote_is_verbatim_at_its_line(real, source, table):
    frame = getattr(real, table)
    problems = []
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        lines = source.find(row.evidence)
        if not lines:
            problems.append(f"{SCHEMAS[table].file} row {i}: not in the source: {row.evidence[:60]!r}")
        elif row.source_line not in lines:
            problems.append(f"{SCHEMAS[table].file} row {i}: found at {lines}, not line {row.source_line}")
    assert problems == []


def test_quotes_are_short(real):
    lengths = real.memberships["evidence"].map(lambda q: len(normalise(q)))
    assert lengths.max() <= 260


def _roles(real, process_id: str) -> dict[str, int]:
    m = real.memberships
    return m[m.process_id == process_id]["role"].value_counts().to_dict()


def _current_members(real_graph, process_id: str, role_class: str = "members") -> set[str]:
    H = filter_graph(real_graph, GraphFilter(year=2005, role_class=role_class))
    return {n[1] for n in H[process_node(process_id)]} if process_node(process_id) in H else set()


def test_apc_lists_36_states(real, real_graph):
    assert _roles(real, "apc")["member"] == 36
    assert len(_current_members(real_graph, "apc")) == 36


def test_rcm_has_11_members_and_4_observers_in_2005(real, real_graph):
    members = _current_members(real_graph, "rcm")
    assert members == {"BLZ", "CAN", "CRI", "DOM", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "USA"}
    H = filter_graph(real_graph, GraphFilter(year=2005, role_class="all"))
    observers = {n[1] for n in H[process_node("rcm")] if not H.edges[n, process_node("rcm")]["is_member"]}
    assert observers == {"ARG", "COL", "JAM", "PER"}
    # The Dominican Republic observed before it joined in 1999.
    H1998 = filter_graph(real_graph, GraphFilter(year=1998, role_class="all"))
    assert H1998.edges[("state", "DOM"), process_node("rcm")]["roles"] == ("observer",)


def test_endnote_lists_berlin_and_budapest(real):
    m = real.memberships
    berlin = set(m[m.process_id == "berlin_process"]["iso3"])
    assert len(berlin) == 27 and {"CSK", "SUN", "YUG", "UKR", "BLR"} <= berlin
    budapest = set(m[m.process_id == "budapest_process"]["iso3"])
    assert len(budapest) == 35 and {"USA", "CAN", "TUR"} <= budapest and "CSK" not in budapest


def test_counts_without_names_stay_counts(real):
    processes = real.processes.set_index("process_id")
    assert processes.loc["bali_process", "stated_member_count"] == 36
    assert len(real.memberships[real.memberships.process_id == "igc"]) == 0
    # A stated count that differs from the names listed is kept, and the difference explained.
    dialogue = processes.loc["east_africa_dialogue_2002"]
    assert dialogue["stated_member_count"] == 13 and "names 11" in dialogue["count_note"]
    assert _roles(real, "east_africa_dialogue_2002") == {"participant": 11}


@pytest.mark.parametrize("year", [1995, 2000, 2005])
def test_observers_are_never_members(real_graph, year):
    H = filter_graph(real_graph, GraphFilter(year=year, role_class="all"))
    both = [
        (u, v)
        for u, v, d in H.edges(data=True)
        if "observer" in d["roles"] and set(d["roles"]) & MEMBER_ROLES
    ]
    assert both == []
    members_only = filter_graph(real_graph, GraphFilter(year=year))
    assert all("observer" not in d["roles"] for _, _, d in members_only.edges(data=True))


def test_known_memberships(real):
    m = real.memberships.set_index(["process_id", "iso3"])["role"]
    assert m.loc[("midsa", "ZAF")] == "member"
    assert m.loc[("sacm", "USA")] == "observer"
    assert m.loc[("baltic_salmon_2005", "SWE")] == "observer"
    assert set(real.memberships[real.memberships.process_id == "saarc"]["iso3"]) == {
        "BGD",
        "BTN",
        "IND",
        "MDV",
        "NPL",
        "PAK",
        "LKA",
    }


def test_every_state_has_a_point_and_historical_codes(real):
    states = real.states.set_index("iso3")
    assert states.loc[["CSK", "SUN", "YUG"], "kind"].tolist() == ["historical"] * 3
    assert states.loc[["HKG", "TWN", "NCL", "GUM", "ASM", "NFK"], "kind"].eq("territory").all()
    assert states[["lat", "lon"]].notna().all().all()


def test_issue_13_rows(real):
    """Data issue 13: one rule for bilateral agreements, lists complete, no rows from a scope sentence."""
    m = real.memberships
    parties = m[m.process_id.str.endswith(("_readmission_agreement", "_readmission_protocol"))].groupby(
        "process_id"
    )
    pairs = {pid: set(g.iso3) for pid, g in parties if pid != "esp_gha_readmission_agreement"}
    assert len(pairs) == 14 and pairs["rou_alb_readmission_protocol"] == {"ROU", "ALB"}
    assert pairs["gha_che_readmission_agreement"] == {"GHA", "CHE"}
    assert set(m[m.process_id.isin(pairs)]["role"]) == {"member"}
    agreements = m.merge(real.processes[["process_id", "kind"]])
    assert "participant" not in set(agreements[agreements.kind == "agreement"]["role"])
    assert set(m[m.process_id == "sap"]["iso3"]) == set(m[m.process_id == "cards"]["iso3"])
    assert set(m[m.process_id == "nld_south_caucasus_document_checks"]["iso3"]) == {
        "NLD",
        "ARM",
        "AZE",
        "GEO",
    }
    assert set(m[m.process_id == "nafta"]["iso3"]) == {"USA", "CAN", "MEX"}
    assert "ESP" in set(m[m.process_id == "eu"]["iso3"])
    assert not {"TUR", "KIR"} & set(m[m.process_id == "bali_process"]["iso3"])
    years = m.set_index(["process_id", "iso3"])
    assert years.loc[("comesa", "MOZ"), "until"] == 2001
    assert years.loc[("esp_nga_immigration_agreement", "ESP"), "since"] == 2001
    assert years.loc[("zaf_swz_labour_treaty", "ZAF"), "since"] == 1975
    assert years.loc[[("gcim", "CHE"), ("gcim", "SWE")], "since"].tolist() == [2003, 2003]
    themes = real.themes.groupby("theme")["process_id"].apply(set)
    assert (
        len(themes["free_movement"]) == 20
        and {"ecowas", "mercosur_residence", "anz_ttta"} <= themes["free_movement"]
    )
    assert themes["integration"] == {
        "anz_child_support_agreement",
        "anz_social_security_agreement",
        "berne_initiative",
        "eu",
        "five_plus_five",
        "hague_process",
        "sacm",
    }


#: States the map files draw no shape for, checked against their capital instead.
NO_SHAPE = {
    "CSK": (50.08, 14.44),  # Prague
    "SUN": (55.75, 37.62),  # Moscow
    "YUG": (44.82, 20.46),  # Belgrade
    "WLF": (-13.28, -176.17),  # Mata-Utu
}
#: How far a point may lie from its main shape's centre when it is not inside the shape (a small
#: island state's outline is coarse at 1:50m), and from the capital of a state with no shape.
NEAR_KM, NEAR_CAPITAL_KM = 150, 300


def _off_main_territory(frame: pd.DataFrame, exempt: frozenset[str] = frozenset()) -> list[str]:
    shapes, far = main_shapes(), []
    for row in frame.itertuples():
        if row.iso3 in shapes:
            shape = shapes[row.iso3]
            km = distance_km(row.lat, row.lon, shape.ct[1], shape.ct[0])
            if not shape.contains(row.lat, row.lon) and km > NEAR_KM:
                far.append(f"{row.iso3} ({row.lat}, {row.lon}) is {km:.0f} km from its main shape")
        elif row.iso3 not in exempt:
            lat, lon = NO_SHAPE[row.iso3]
            km = distance_km(row.lat, row.lon, lat, lon)
            if km > NEAR_CAPITAL_KM:
                far.append(f"{row.iso3} ({row.lat}, {row.lon}) is {km:.0f} km from its capital")
    return far


def test_every_point_lies_on_its_states_main_territory(real):
    # Spain's point was once in the Canaries, Portugal's in the Azores, Ecuador's in the Galapagos and
    # Mauritius's in the Chagos: the map file draws those as further shapes of the same country.
    assert _off_main_territory(real.states) == []
    spain = real.states.set_index("iso3").loc["ESP"]
    assert main_shapes()["ESP"].pieces == 2 and main_shapes()["ESP"].contains(spain.lat, spain.lon)


def test_cow_state_points_lie_on_their_main_territory():
    table = pd.read_csv(Path(cow.__file__).with_name("cow_states.csv"), keep_default_na=False)
    # States with no shape today are placed at their capital by the build script (its POINTS table).
    assert _off_main_territory(table, exempt=frozenset(set(table.iso3) - set(main_shapes()))) == []


#: UN M49 subregions of the Pacific states and territories in the data.
M49_OCEANIA = {
    "Australia and New Zealand": {"AUS", "NZL", "NFK"},
    "Melanesia": {"FJI", "NCL", "PNG", "SLB", "VUT"},
    "Micronesia": {"FSM", "GUM", "KIR", "MHL", "MNP", "NRU", "PLW"},
    "Polynesia": {"ASM", "COK", "NIU", "PYF", "TKL", "TON", "TUV", "WLF", "WSM"},
}


def test_pacific_subregions_follow_m49(real):
    oceania = real.states[real.states.continent == "Oceania"]
    assert {k: set(v) for k, v in oceania.groupby("subregion")["iso3"]} == M49_OCEANIA


#: Arrangements the region rule does not apply to: they name only some of their states.
REGION_RULE_EXCEPTIONS = {
    "africa_europe_trafficking_expert_meeting_2002": "an Africa-Europe meeting; only its two European sponsors are named",
    "gcim": "a global commission; only two of its founding governments are named",
    "niromp": "a global project; only three of its funders are named",
}
#: Beyond Europe, the Europe & Central Asia region holds Central Asia, the southern Caucasus and Turkey.
EUROPE_CENTRAL_ASIA_IN_ASIA = {"ARM", "AZE", "GEO", "TUR"}


def _state_region(state) -> str:
    if (
        state.continent == "Europe"
        or state.subregion == "Central Asia"
        or state.iso3 in EUROPE_CENTRAL_ASIA_IN_ASIA
    ):
        return "europe_central_asia"
    return {"Africa": "africa", "Americas": "americas"}.get(state.continent, "asia_pacific")


def test_arrangements_between_named_states_are_placed_by_their_states(real):
    """An agreement with parties, or any arrangement of two or three named states, sits in the region all its
    states belong to, else it is interregional (docs/data-notes.md, cross-chapter rules)."""
    region = {s.iso3: _state_region(s) for s in real.states.itertuples()}
    m = real.memberships
    wrong, checked = [], 0
    for p in real.processes.itertuples():
        rows = m[m.process_id == p.process_id]
        states = set(rows.iso3)
        members = set(rows[rows.role.isin(MEMBER_ROLES)].iso3)
        if p.process_id in REGION_RULE_EXCEPTIONS or not (
            (p.kind == "agreement" and members) or 2 <= len(states) <= 3
        ):
            continue
        checked += 1
        regions = {region[i] for i in (states if len(states) <= 3 else members)}
        expected = regions.pop() if len(regions) == 1 else "interregional"
        if p.region != expected:
            wrong.append(f"{p.process_id}: {p.region}, expected {expected}")
    assert wrong == []
    assert checked > 80
    processes = real.processes.set_index("process_id")["region"]
    assert processes["prt_gbr_information_brochure"] == "europe_central_asia"
    assert (
        processes[["zaf_prt_mozambique_labour_treaty", "esp_gha_readmission_agreement"]]
        .eq("interregional")
        .all()
    )
    assert processes[["zaf_lso_labour_treaty", "rou_tur_readmission_agreement"]].tolist() == [
        "africa",
        "europe_central_asia",
    ]


def test_stated_counts_follow_one_rule(real):
    """The number of states the text gives (summed over its parts), never international organizations."""
    counts = real.processes.set_index("process_id")["stated_member_count"]
    assert counts[
        ["budapest_process", "lome_v_convention", "africa_eu_summit_cairo_2000", "asean_plus_4"]
    ].tolist() == [
        35,
        86,
        68,
        14,
    ]
    assert pd.isna(counts["eu"]) and pd.isna(counts["cluster_process"]) and pd.isna(counts["metropolis"])


def test_real_data_metrics_are_consistent(real_graph):
    H = filter_graph(real_graph)
    shared = overlap_matrix(H, "shared")
    sizes = pd.Series({n[1]: H.degree(n) for n in H if n[0] == "process"})
    assert (pd.Series(shared.values.diagonal(), index=shared.index) == sizes[shared.index]).all()
    assert shared.loc["apc", "apc"] == 36  # the chair and the lead are among the 36 members
    bridges = bridge_states(H)
    assert (bridges["n_regions"] >= 2).all() and "USA" in set(bridges["iso3"])
