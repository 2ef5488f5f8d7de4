"""Metrics: exact values on the tiny dataset, and equality with networkx on random graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms import bipartite

from rcpdash import metrics
from rcpdash.network import GraphFilter, filter_graph, incidence, state_projection


@pytest.fixture(scope="module")
def members(tiny_graph):
    return filter_graph(tiny_graph)


def test_overlap_measures_by_hand(members):
    shared = metrics.overlap_matrix(members, "shared")
    assert shared.loc[["p1", "p2", "p3"], ["p1", "p2", "p3"]].to_numpy().tolist() == [
        [2, 0, 1],
        [0, 2, 2],
        [1, 2, 3],
    ]
    jaccard = metrics.overlap_matrix(members, "jaccard")
    assert jaccard.loc["p1", "p3"] == 0.25 and jaccard.loc["p2", "p3"] == pytest.approx(2 / 3)
    assert jaccard.loc["p1", "p2"] == 0.0 and jaccard.loc["p3", "p3"] == 1.0
    overlap = metrics.overlap_matrix(members, "overlap")
    assert overlap.loc["p2", "p3"] == 1.0 and overlap.loc["p1", "p3"] == 0.5
    with pytest.raises(ValueError, match="measure must be one of"):
        metrics.overlap_matrix(members, "cosine")


def test_empty_process_gives_nan_ratios(tiny_graph):
    H = filter_graph(tiny_graph, keep_isolated_processes=True)
    jaccard = metrics.overlap_matrix(H, "jaccard")
    assert jaccard.loc["p4", "p1"] == 0.0 and math.isnan(jaccard.loc["p4", "p4"])
    assert math.isnan(metrics.overlap_matrix(H, "overlap").loc["p4", "p1"])
    assert metrics.overlap_matrix(H, "shared").loc["p4", "p4"] == 0


def test_shared_members_and_co_members(members):
    assert metrics.shared_members(members, "p2", "p3") == ["CCC", "DDD"]
    assert metrics.shared_members(members, "p1", "p2") == []
    assert metrics.shared_members(members, "p1", "nope") == []
    table = metrics.co_members(members, "DDD")
    assert table.to_dict("records") == [
        {"iso3": "CCC", "name": "Carpania", "shared": 2, "processes": "p2;p3"},
        {"iso3": "BBB", "name": "Borduria", "shared": 1, "processes": "p3"},
    ]
    assert metrics.co_members(members, "EEE").empty
    assert metrics.co_membership_matrix(members).loc["CCC", "DDD"] == 2


def test_state_centralities_by_hand(members):
    table = metrics.centrality_table(members, "state").set_index("id")
    assert table["degree"].to_dict() == {"AAA": 1, "BBB": 3, "CCC": 2, "DDD": 2}
    assert table["weighted_degree"].to_dict() == {"AAA": 1, "BBB": 3, "CCC": 3, "DDD": 3}
    # Only BBB lies between others (AAA-CCC, AAA-DDD): 2 pairs of the 3 * 2 / 2 = 3 possible.
    assert table["betweenness"].to_dict() == pytest.approx({"AAA": 0, "BBB": 2 / 3, "CCC": 0, "DDD": 0})
    # Bipartite degree: memberships / 3 processes.
    assert table["bipartite_degree"].to_dict() == pytest.approx(
        {"AAA": 1 / 3, "BBB": 2 / 3, "CCC": 2 / 3, "DDD": 2 / 3}
    )
    assert table.loc["AAA", "group"] == "Europe" and table.loc["AAA", "name"] == "Aland"


def test_process_centralities_by_hand(members):
    table = metrics.centrality_table(members, "process").set_index("id")
    assert table["degree"].to_dict() == {"p1": 1, "p2": 1, "p3": 2}
    assert table["weighted_degree"].to_dict() == {"p1": 1, "p2": 2, "p3": 3}
    assert table["betweenness"].to_dict() == pytest.approx({"p1": 0, "p2": 0, "p3": 1})
    assert table["bipartite_degree"].to_dict() == pytest.approx({"p1": 0.5, "p2": 0.5, "p3": 0.75})
    assert table.loc["p3", "group"] == "africa"
    with pytest.raises(ValueError):
        metrics.centrality_table(members, "org")


def _random_bipartite(seed: int, n_states: int = 40, n_processes: int = 12, p: float = 0.12) -> nx.Graph:
    raw = bipartite.random_graph(n_states, n_processes, p, seed=seed)
    G = nx.Graph()
    for u, v in raw.edges():
        s, q = (u, v) if u < n_states else (v, u)
        G.add_edge(("state", f"S{s:02d}"), ("process", f"p{q:02d}"))
    for node in G:
        G.nodes[node].update(
            bipartite=int(node[0] == "process"), name=node[1], continent="Asia", region="asia_pacific"
        )
    return G


@pytest.mark.parametrize("seed", [1, 2, 3, 7])  # 2 and 7 give disconnected projections
def test_centralities_equal_networkx(seed):
    G = _random_bipartite(seed)
    inc = incidence(G)
    states = list(inc.states)
    P = bipartite.weighted_projected_graph(G, states)
    for _, _, d in P.edges(data=True):
        d["distance"] = 1 / d["weight"]
    expected = {
        "degree": dict(P.degree()),
        "weighted_degree": dict(P.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(P),
        "closeness": nx.closeness_centrality(P, distance="distance"),
        "bipartite_degree": bipartite.degree_centrality(G, states),
        "bipartite_betweenness": bipartite.betweenness_centrality(G, states),
        "bipartite_closeness": bipartite.closeness_centrality(G, states),
    }
    if nx.is_connected(P):
        expected["eigenvector"] = nx.eigenvector_centrality_numpy(P, weight="weight")
    ours = metrics.centrality_table(G, "state", inc).set_index("id")
    for metric, values in expected.items():
        got = np.array([ours.loc[n[1], metric] for n in states])
        want = np.array([values[n] for n in states])
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12, err_msg=metric)
    processes = list(inc.processes)
    ours_p = metrics.centrality_table(G, "process", inc).set_index("id")
    Q = bipartite.weighted_projected_graph(G, processes)
    np.testing.assert_allclose(
        [ours_p.loc[n[1], "betweenness"] for n in processes],
        [nx.betweenness_centrality(Q)[n] for n in processes],
        atol=1e-12,
    )
    np.testing.assert_allclose(
        [ours_p.loc[n[1], "bipartite_closeness"] for n in processes],
        [bipartite.closeness_centrality(G, states)[n] for n in processes],
        atol=1e-12,
    )


def test_projection_of_random_graph_equals_networkx():
    G = _random_bipartite(5)
    ours = state_projection(G)
    theirs = bipartite.weighted_projected_graph(G, [n for n in G if n[0] == "state"])
    assert {frozenset((u, v)): d["weight"] for u, v, d in ours.edges(data=True)} == {
        frozenset((u, v)): d["weight"] for u, v, d in theirs.edges(data=True)
    }
    assert set(ours) == set(theirs)


def test_top_n_and_cluster_order(members):
    table = metrics.centrality_table(members, "state")
    assert metrics.top_n(table, "weighted_degree", 2)["id"].tolist() == ["BBB", "CCC"]  # ties by name
    with pytest.raises(ValueError):
        metrics.top_n(table, "fame")
    jaccard = metrics.overlap_matrix(members, "jaccard")
    order = metrics.cluster_order(jaccard)
    assert sorted(order) == ["p1", "p2", "p3"] and order.index("p3") == 1  # p3 sits between p1 and p2


def test_region_summary_by_hand(members):
    summary = metrics.region_summary(members).set_index("region")
    assert summary.index.tolist() == ["europe_central_asia", "africa"]
    assert summary.loc["europe_central_asia"].to_dict() == {
        "processes": 1,
        "states": 2,
        "memberships": 2,
        "density": 1.0,
        "mean_memberships": 1.0,
        "median_memberships": 1.0,
        "cross_regional_processes": 0,
    }
    africa = summary.loc["africa"].to_dict()
    assert africa == pytest.approx(
        {
            "processes": 2,
            "states": 3,
            "memberships": 5,
            "density": 5 / 6,
            "mean_memberships": 5 / 3,
            "median_memberships": 2.0,
            "cross_regional_processes": 1,
        }
    )


def test_bridge_states(tiny_graph, members):
    assert metrics.bridge_states(members).to_dict("records") == [
        {
            "iso3": "BBB",
            "name": "Borduria",
            "continent": "Europe",
            "n_regions": 2,
            "regions": "europe_central_asia;africa",
            "n_processes": 2,
        }
    ]
    with_observers = metrics.bridge_states(filter_graph(tiny_graph, GraphFilter(role_class="all")))
    assert with_observers["iso3"].tolist() == ["CCC", "AAA", "BBB"]  # CCC has 3 processes


def _growth_reference(G, years):
    """The year rule applied one process and one membership at a time (what the vector code must equal)."""
    import pandas as pd

    from rcpdash.network import spell_active

    rows = []
    processes = [(n, d) for n, d in G.nodes(data=True) if d["bipartite"] == 1 and d.get("start") is not None]
    for year in years:
        counts: dict[str, list[int]] = {}
        for node, data in processes:
            if data["start"] > year:
                continue
            active = sum(
                1
                for s in G[node]
                if any(spell_active(sp, data["start"], year) for sp in G.edges[node, s]["spells"])
            )
            entry = counts.setdefault(data["region"], [0, 0])
            entry[0] += 1
            entry[1] += active
        rows += [(year, r, p, m) for r, (p, m) in sorted(counts.items())]
    return pd.DataFrame(rows, columns=["year", "region", "processes", "memberships"])


def test_growth_by_year_by_hand(tiny_graph):
    frame = metrics.growth_by_year(filter_graph(tiny_graph), range(1990, 2004))
    at = {(r.year, r.region): (r.processes, r.memberships) for r in frame.itertuples()}
    assert at[(1991, "europe_central_asia")] == (1, 2)
    assert at[(1998, "africa")] == (1, 2)  # p3 founded 1995; BBB joins only in 1999
    assert at[(1999, "africa")] == (1, 3)
    assert at[(2001, "africa")] == (2, 4)  # p2 founded 2000 with CCC; DDD joins in 2002
    assert at[(2003, "africa")] == (2, 5)
    assert (1990, "europe_central_asia") not in at


def test_growth_by_year_equals_the_rule_one_membership_at_a_time(real_graph):
    import pandas as pd

    G = filter_graph(real_graph, GraphFilter(role_class="all"))
    pd.testing.assert_frame_equal(
        metrics.growth_by_year(G, range(1940, 2006)),
        _growth_reference(G, range(1940, 2006)),
        check_dtype=False,
    )


@pytest.mark.parametrize("side", ["state", "process"])
def test_a_subset_of_metrics_equals_the_full_table(side):
    G = _random_bipartite(4)
    full = metrics.centrality_table(G, side).set_index("id")
    for which in ({"betweenness"}, {"closeness", "bipartite_closeness"}, {"bipartite_betweenness", "degree"}):
        part = metrics.centrality_table(G, side, which=which).set_index("id")
        assert sorted(part.columns) == sorted(["name", "group", *which])
        np.testing.assert_allclose(part[sorted(which)].to_numpy(), full[sorted(which)].to_numpy())


def test_region_comparison_by_hand(members):
    table = metrics.region_comparison(members).set_index("region")
    europe, africa = table.loc["europe_central_asia"], table.loc["africa"]
    assert (europe.processes, europe.states, europe.memberships, europe.density) == (1, 2, 2, 1.0)
    assert math.isnan(europe.mean_jaccard)  # one process: no pair to compare
    assert europe.outside_share == 0.5  # BBB also sits in p3 (Africa)
    assert (europe.links_within, europe.links_across) == (0, 1)  # the p1–p2 joint meeting
    assert europe.top_states == "Aland;Borduria"
    assert africa.mean_jaccard == pytest.approx(2 / 3)
    assert africa.outside_share == pytest.approx(1 / 3)
    assert (africa.links_within, africa.links_across) == (0, 1)
    assert africa.top_states == "Carpania;Dunland;Borduria"
    assert list(table.index) == ["europe_central_asia", "africa"]


@pytest.mark.parametrize(
    "flt",
    [
        GraphFilter(),
        GraphFilter(role_class="all", regions=("africa", "americas")),
        GraphFilter(kinds=("rcp",)),
        GraphFilter(themes=("trafficking_smuggling",), continents=("Africa", "Europe")),
    ],
)
def test_growth_with_a_filter_equals_growth_of_the_filtered_graph(real_graph, flt):
    import pandas as pd

    years = range(1940, 2006)
    pd.testing.assert_frame_equal(
        metrics.growth_by_year(real_graph, years, flt),
        _growth_reference(filter_graph(real_graph, flt), years),
        check_dtype=False,
    )
