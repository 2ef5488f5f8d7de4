"""The synthetic large-dataset generator writes data the loader accepts, deterministically."""

from __future__ import annotations

from rcpdash.data import read_dataset
from rcpdash.network import GraphFilter, build_graph, filter_graph
from rcpdash.synthetic import generate


def test_generated_data_is_valid_and_deterministic(tmp_path):
    counts = generate(tmp_path / "a", states=30, orgs=40, years=10, seed=3)
    again = generate(tmp_path / "b", states=30, orgs=40, years=10, seed=3)
    assert counts == again and counts["states.csv"] == 30 and counts["processes.csv"] == 40
    assert (tmp_path / "a" / "memberships.csv").read_bytes() == (
        tmp_path / "b" / "memberships.csv"
    ).read_bytes()
    dataset = read_dataset(tmp_path / "a")
    assert len(dataset.memberships) == counts["memberships.csv"]
    assert dataset.processes["founded"].between(1996, 2005).all()
    G = build_graph(dataset)
    assert filter_graph(G, GraphFilter(year=1995)).number_of_edges() == 0  # nothing before the first year
    assert filter_graph(G, GraphFilter(year=2005)).number_of_edges() > 0
