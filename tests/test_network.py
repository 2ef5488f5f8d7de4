"""The bipartite graph, its filters and projections, on the tiny hand-built dataset."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from rcpdash.network import (
    GraphFilter,
    build_graph,
    ego_graph,
    filter_graph,
    incidence,
    process_node,
    process_projection,
    processes_of,
    state_node,
    state_projection,
    states_of,
)

A, B, C, D, E = (state_node(x) for x in ("AAA", "BBB", "CCC", "DDD", "EEE"))
P1, P2, P3, P4 = (process_node(x) for x in ("p1", "p2", "p3", "p4"))


def _edges(G: nx.Graph) -> set[tuple[str, str]]:
    return {(s[1], p[1]) if s[0] == "state" else (p[1], s[1]) for s, p in G.edges()}


def test_graph_nodes_and_attributes(tiny_graph):
    G = tiny_graph
    assert bipartite.is_bipartite(G)
    assert states_of(G) == [A, B, C, D, E] and processes_of(G) == [P1, P2, P3, P4]
    assert {n for n, d in G.nodes(data=True) if d["bipartite"] == 0} == {A, B, C, D, E}
    assert G.nodes[P4]["stated_member_count"] == 10 and G.degree(P4) == 0
    assert G.nodes[C] == {
        "bipartite": 0,
        "type": "state",
        "id": "CCC",
        "name": "Carpania",
        "continent": "Africa",
        "subregion": "Western Africa",
        "lat": 9.0,
        "lon": 8.0,
        "entity_kind": "state",
    }
    assert G.edges[C, P1] == {
        "spells": (("observer", None, None),),
        "roles": ("observer",),
        "is_member": False,
        "since": None,
        "weight": 1,
    }
    assert G.edges[D, P2]["since"] == 2002 and G.edges[D, P2]["is_member"] is True
    assert G.number_of_edges() == 9


def test_members_only_drops_observers_partners_and_isolates(tiny_graph):
    H = filter_graph(tiny_graph)
    assert _edges(H) == {
        ("AAA", "p1"),
        ("BBB", "p1"),
        ("CCC", "p2"),
        ("DDD", "p2"),
        ("CCC", "p3"),
        ("DDD", "p3"),
        ("BBB", "p3"),
    }
    assert E not in H and P4 not in H
    assert P4 in filter_graph(tiny_graph, keep_isolated_processes=True)
    assert H.nodes[A]["name"] == "Aland"  # attributes are carried over
    assert tiny_graph.number_of_edges() == 9  # the original is untouched


def test_all_roles_keeps_observers(tiny_graph):
    H = filter_graph(tiny_graph, GraphFilter(role_class="all"))
    assert H.number_of_edges() == 9
    assert H.edges[C, P1]["is_member"] is False


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1990, set()),
        (1998, {("AAA", "p1"), ("BBB", "p1"), ("CCC", "p3"), ("DDD", "p3")}),
        (2001, {("AAA", "p1"), ("BBB", "p1"), ("CCC", "p3"), ("DDD", "p3"), ("BBB", "p3"), ("CCC", "p2")}),
        (
            2002,
            {
                ("AAA", "p1"),
                ("BBB", "p1"),
                ("CCC", "p3"),
                ("DDD", "p3"),
                ("BBB", "p3"),
                ("CCC", "p2"),
                ("DDD", "p2"),
            },
        ),
    ],
)
def test_year_filter_uses_joining_year_else_founding_year(tiny_graph, year, expected):
    assert _edges(filter_graph(tiny_graph, GraphFilter(year=year))) == expected


def test_region_kind_continent_and_process_filters(tiny_graph):
    assert _edges(filter_graph(tiny_graph, GraphFilter(regions=("europe_central_asia",)))) == {
        ("AAA", "p1"),
        ("BBB", "p1"),
    }
    assert _edges(filter_graph(tiny_graph, GraphFilter(kinds=("regional_organization",)))) == {
        ("CCC", "p3"),
        ("DDD", "p3"),
        ("BBB", "p3"),
    }
    assert _edges(filter_graph(tiny_graph, GraphFilter(continents=("Europe",)))) == {
        ("AAA", "p1"),
        ("BBB", "p1"),
        ("BBB", "p3"),
    }
    assert _edges(filter_graph(tiny_graph, GraphFilter(processes=("p2",)))) == {("CCC", "p2"), ("DDD", "p2")}
    assert filter_graph(tiny_graph, GraphFilter(regions=("americas",))).number_of_nodes() == 0
    assert _edges(filter_graph(tiny_graph, GraphFilter(themes=("trafficking_smuggling",)))) == {
        ("CCC", "p2"),
        ("DDD", "p2"),
        ("CCC", "p3"),
        ("DDD", "p3"),
        ("BBB", "p3"),
    }
    assert _edges(
        filter_graph(tiny_graph, GraphFilter(themes=("border_management", "labour_migration")))
    ) == {("AAA", "p1"), ("BBB", "p1"), ("CCC", "p3"), ("DDD", "p3"), ("BBB", "p3")}
    assert filter_graph(tiny_graph, GraphFilter(themes=("health",))).number_of_nodes() == 0
    assert tiny_graph.nodes[P3]["themes"] == ("labour_migration", "trafficking_smuggling")
    assert tiny_graph.nodes[P4]["themes"] == ()


def test_observer_who_joined_later_counts_by_year():
    from rcpdash.data import read_dataset

    from .fixtures import tiny_tables

    tables = tiny_tables()
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        b"p1,CCC,observer,,", b"p1,CCC,observer,,1999"
    )
    tables["memberships.csv"] += b"p1,CCC,member,1999,,quote,2,\n"
    G = build_graph(read_dataset(tables))
    assert G.edges[C, P1]["spells"] == (("member", 1999, None), ("observer", None, 1999))
    assert (C, P1) not in filter_graph(G, GraphFilter(year=1995)).edges
    assert filter_graph(G, GraphFilter(year=1995, role_class="all")).edges[C, P1]["roles"] == ("observer",)
    assert filter_graph(G, GraphFilter(year=2000)).edges[C, P1]["roles"] == ("member",)
    assert filter_graph(G).edges[C, P1]["roles"] == ("member",)


def test_bad_role_class_is_rejected():
    with pytest.raises(ValueError, match="role_class must be one of"):
        GraphFilter(role_class="everyone")


def test_projections_equal_networkx(tiny_graph):
    H = filter_graph(tiny_graph)
    inc = incidence(H)
    assert inc.matrix.toarray().tolist() == [[1, 0, 0], [1, 0, 1], [0, 1, 1], [0, 1, 1]]
    ours = state_projection(H, inc)
    theirs = bipartite.weighted_projected_graph(H, states_of(H))
    assert (
        {frozenset((u, v)): d["weight"] for u, v, d in ours.edges(data=True)}
        == {frozenset((u, v)): d["weight"] for u, v, d in theirs.edges(data=True)}
        == {frozenset((A, B)): 1, frozenset((B, C)): 1, frozenset((B, D)): 1, frozenset((C, D)): 2}
    )
    procs = process_projection(H, inc)
    assert {frozenset((u[1], v[1])): d["weight"] for u, v, d in procs.edges(data=True)} == {
        frozenset(("p1", "p3")): 1,
        frozenset(("p2", "p3")): 2,
    }


def test_ego_graph(tiny_graph):
    H = filter_graph(tiny_graph)
    assert set(ego_graph(H, A)) == {A, P1, B}
    assert set(ego_graph(H, B)) == {B, P1, P3, A, C, D}
    assert ego_graph(H, E).number_of_nodes() == 0
    assert set(ego_graph(H, B, closest={"CCC"})) == {B, P1, P3, C}  # only the closest partners


def test_undated_process_starts_at_its_first_dated_membership_else_is_left_out_of_year_views():
    from rcpdash.data import read_dataset

    from .fixtures import tiny_tables

    tables = tiny_tables()
    tables["processes.csv"] = tables["processes.csv"].replace(b"rcp,africa,2000", b"rcp,africa,")
    tables["processes.csv"] = tables["processes.csv"].replace(
        b"rcp,europe_central_asia,1991", b"rcp,europe_central_asia,"
    )
    G = build_graph(read_dataset(tables))
    assert G.nodes[P2]["start"] == 2002 and G.nodes[P1]["start"] is None
    assert _edges(filter_graph(G, GraphFilter(year=2001))) == {("CCC", "p3"), ("DDD", "p3"), ("BBB", "p3")}
    assert _edges(filter_graph(G, GraphFilter(year=2002))) >= {("CCC", "p2"), ("DDD", "p2")}
    assert P1 in filter_graph(G) and P1 not in filter_graph(G, GraphFilter(year=2005))


@pytest.mark.parametrize(
    "flt",
    [
        GraphFilter(),
        GraphFilter(role_class="all", year=1999),
        GraphFilter(regions=("africa",), kinds=("rcp",)),
        GraphFilter(themes=("visas",), continents=("Asia",)),
    ],
)
def test_incidence_for_equals_the_incidence_of_the_filtered_graph(real_graph, flt):
    from rcpdash.network import incidence_for

    expected = incidence(filter_graph(real_graph, flt))
    got = incidence_for(real_graph, flt)
    assert got.states == expected.states and got.processes == expected.processes
    assert (got.matrix.toarray() == expected.matrix.toarray()).all()
