"""What-if edits and join suggestions: exact values on the tiny dataset, and on the real data."""

from __future__ import annotations

import math

import pytest

from rcpdash import whatif
from rcpdash.network import filter_graph, incidence


@pytest.fixture(scope="module")
def members(tiny_graph):
    return filter_graph(tiny_graph)


def test_parse_format_and_toggle():
    edits, bad = whatif.parse_edits("+AAA:p2,-BBB:p1,junk, CCC:p1")
    assert edits == (("+", "AAA", "p2"), ("-", "BBB", "p1"), ("+", "CCC", "p1"))  # " " was a typed "+"
    assert bad == ["junk"]
    assert whatif.format_edits(edits) == "+AAA:p2,-BBB:p1,+CCC:p1"
    assert whatif.toggle(edits, ("-", "AAA", "p2")) == (("-", "BBB", "p1"), ("+", "CCC", "p1"))
    assert whatif.toggle((), ("+", "AAA", "p2")) == (("+", "AAA", "p2"),)
    assert whatif.toggle((("+", "AAA", "p2"),), ("+", "AAA", "p2")) == (("+", "AAA", "p2"),)
    many = ",".join(f"+AAA:p{i}" for i in range(30))
    assert len(whatif.parse_edits(many)[0]) == whatif.MAX_EDITS


def _edited(members, full, edits):
    real = incidence(members)
    return real, whatif.edit_incidence(real, full, edits)


def test_edit_incidence_never_touches_the_original(members, tiny_graph):
    real = incidence(members)
    before = real.matrix.toarray().copy()
    edited = whatif.edit_incidence(
        real, tiny_graph, [("+", "AAA", "p2"), ("-", "AAA", "p1"), ("+", "ZZZ", "p1")]
    )
    assert (real.matrix.toarray() == before).all()
    pairs = {
        (edited.states[i][1], edited.processes[j][1]) for i, j in zip(*edited.matrix.nonzero(), strict=True)
    }
    assert ("AAA", "p2") in pairs and ("AAA", "p1") not in pairs
    assert all(s[1] != "ZZZ" for s in edited.states)  # unknown codes are skipped
    # A state the real network lacks comes in at its sorted place.
    added = whatif.edit_incidence(real, tiny_graph, [("+", "EEE", "p3")])
    assert [s[1] for s in added.states] == ["AAA", "BBB", "CCC", "DDD", "EEE"]
    # A state left without memberships drops out, as it would from a filtered graph.
    gone = whatif.edit_incidence(real, tiny_graph, [("-", "AAA", "p1")])
    assert [s[1] for s in gone.states] == ["BBB", "CCC", "DDD"]


def test_edit_incidence_equals_the_incidence_of_the_edited_graph(real_graph):
    G = filter_graph(real_graph)
    edits = [
        ("+", "THA", "pidc"),
        ("-", "THA", "asean"),
        ("+", "BRA", "rcm"),
        ("-", "KEN", "east_africa_dialogue_2002"),
    ]
    H = G.copy()
    H.add_edge(("state", "THA"), ("process", "pidc"))
    H.remove_edge(("state", "THA"), ("process", "asean"))
    H.add_edge(("state", "BRA"), ("process", "rcm"))
    H.remove_edge(("state", "KEN"), ("process", "east_africa_dialogue_2002"))
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    expected = incidence(H)
    got = whatif.edit_incidence(incidence(G), real_graph, edits)
    assert got.states == expected.states and got.processes == expected.processes
    assert (got.matrix.toarray() == expected.matrix.toarray()).all()


def test_compare_centrality_by_hand(members, tiny_graph):
    # AAA joins p3: it now shares p3 with BBB, CCC and DDD.
    real, edited = _edited(members, tiny_graph, [("+", "AAA", "p3")])
    table = whatif.compare_centrality(real, edited, ("state", "AAA")).set_index("metric")
    assert table.loc["degree"].tolist()[:3] == [1.0, 3.0, 2.0]
    assert table.loc["weighted_degree", "what_if"] == 4.0  # BBB twice (p1, p3), CCC and DDD once
    assert (table.loc["degree", "rank_real"], table.loc["degree", "rank_what_if"]) == (4, 1)
    real, removed = _edited(members, tiny_graph, [("-", "AAA", "p1")])
    gone = whatif.compare_centrality(real, removed, ("state", "AAA")).set_index("metric")
    assert math.isnan(gone.loc["degree", "what_if"])


def test_compare_regions_and_overlaps_by_hand(members, tiny_graph):
    real, edited = _edited(members, tiny_graph, [("+", "AAA", "p3")])
    regions = whatif.compare_regions(real, edited, tiny_graph)
    africa = regions[regions.region == "africa"].set_index("measure")
    assert africa.loc["states", ["real", "what_if"]].tolist() == [3.0, 4.0]
    assert africa.loc["memberships", "change"] == 1.0
    overlaps = whatif.compare_overlaps(real, edited, tiny_graph, ["p3"]).set_index("other")
    assert overlaps.loc["p1", "real"] == 0.25 and overlaps.loc["p1", "what_if"] == 0.5  # {A,B} vs {A,B,C,D}
    assert overlaps.loc["p2", "what_if"] == 0.5


def test_join_suggestions_by_hand(members):
    frame = whatif.join_suggestions(members, "AAA", closest=9)
    # AAA's only co-member is BBB, who is also in p3.
    assert frame[["process_id", "closest_in", "neighbours_in"]].values.tolist() == [["p3", 1, 0]]
    assert frame.reason[0] == "1 of its 1 closest co-members is in O3."
    assert whatif.join_suggestions(members, "EEE").empty


def test_join_suggestions_on_the_real_data(real_graph):
    G = filter_graph(real_graph)
    kenya = whatif.join_suggestions(G, "KEN")
    assert kenya.process_id[0] == "midsa"
    assert kenya.reason[0].startswith("2 of its 9 closest co-members are in MIDSA; 7 of the")
    assert whatif.join_suggestions(G, "THA").empty  # it already sits wherever its partners do
