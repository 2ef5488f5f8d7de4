"""Overlaps, centralities, region summaries and bridge states over the bipartite graph.

Everything here takes a (filtered) graph from :mod:`rcpdash.network` and returns plain pandas
frames. Heavy computations use numpy/scipy/igraph instead of networkx, which is too slow for an
interactive budget (networkx betweenness on the state projection ~320 ms, weighted closeness ~0.9 s
at this size); ``tests/test_metrics.py`` checks every value equals networkx's own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from .config import REPORT_REGIONS
from .i18n import N_
from .network import PROCESS, STATE, GraphFilter, Incidence, Node, incidence

#: The four regions of the report's regional chapters; bridges are counted across these.
GEOGRAPHIC_REGIONS = ("europe_central_asia", "asia_pacific", "americas", "africa")
OVERLAP_MEASURES = ("shared", "jaccard", "overlap")

#: Every centrality column, with a plain-language meaning for cooperation.
CENTRALITY_METRICS: dict[str, str] = {
    "degree": N_(
        "How many distinct partners it meets in at least one forum (states) or how many other "
        "processes share at least one member with it (processes)."
    ),
    "weighted_degree": N_(
        "How many partner meetings it has in total: each partner counts once per shared "
        "forum, so a state that sits with the same neighbours in many processes scores high."
    ),
    "betweenness": N_(
        "How often it lies on the shortest route between two others: high values mark "
        "brokers that connect groups that otherwise barely meet."
    ),
    "eigenvector": N_(
        "Whether its partners are themselves well connected: high values mark the core of "
        "dense clusters of forums (0 outside the largest connected group)."
    ),
    "closeness": N_(
        "How few steps it takes to reach everyone else, with frequent partners counted as "
        "closer: high values mark states or processes at the centre of the whole network."
    ),
    "bipartite_degree": N_(
        "Share of all forums it belongs to (states) or of all states it gathers "
        "(processes), among those shown."
    ),
    "bipartite_betweenness": N_(
        "Betweenness in the state–process network itself, scaled by the largest "
        "value possible for a network with these two node sets."
    ),
    "bipartite_closeness": N_("Closeness in the state–process network itself, scaled for two node sets."),
}


# --------------------------------------------------------------------------------------------------
# Overlaps
# --------------------------------------------------------------------------------------------------


def _ids(nodes: tuple[Node, ...]) -> list[str]:
    return [n[1] for n in nodes]


def overlap_matrix(G: nx.Graph, measure: str = "shared", inc: Incidence | None = None) -> pd.DataFrame:
    """Process × process overlap, indexed by process id.

    - ``shared``: number of states in both (diagonal: the process's size);
    - ``jaccard``: shared / states in either;
    - ``overlap``: shared / size of the smaller (1.0 when one contains the other).

    A ratio with a zero denominator is NaN: the overlap coefficient of any pair with an empty
    process, the Jaccard index of two empty processes.

    >>> G = nx.Graph([(("state", "A"), ("process", "p")), (("state", "B"), ("process", "p")),
    ...               (("state", "B"), ("process", "q"))])
    >>> for n in G: G.nodes[n]["bipartite"] = 0 if n[0] == "state" else 1
    >>> overlap_matrix(G, "jaccard").loc["p", "q"]
    np.float64(0.5)
    """
    if measure not in OVERLAP_MEASURES:
        raise ValueError(f"measure must be one of {OVERLAP_MEASURES}, got {measure!r}")
    inc = inc or incidence(G)
    shared = inc.process_overlap.astype(float)
    ids = _ids(inc.processes)
    if measure == "shared":
        return pd.DataFrame(shared.astype(int), index=ids, columns=ids)
    size = np.diag(shared)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "jaccard":
            denominator = size[:, None] + size[None, :] - shared
        else:
            denominator = np.minimum(size[:, None], size[None, :])
        values = np.where(denominator > 0, shared / denominator, np.nan)
    return pd.DataFrame(values, index=ids, columns=ids)


def co_membership_matrix(G: nx.Graph, inc: Incidence | None = None) -> pd.DataFrame:
    """State × state number of shared processes, indexed by ISO code (diagonal: own count)."""
    inc = inc or incidence(G)
    ids = _ids(inc.states)
    return pd.DataFrame(inc.state_co_membership, index=ids, columns=ids)


def shared_members(G: nx.Graph, process_a: str, process_b: str) -> list[str]:
    """ISO codes of the states in both processes, sorted."""
    a, b = (PROCESS, process_a), (PROCESS, process_b)
    if a not in G or b not in G:
        return []
    return sorted(n[1] for n in set(G[a]) & set(G[b]))


def memberships_within(G: nx.Graph, processes: Iterable[str]) -> pd.DataFrame:
    """How many of `processes` each state of `G` belongs to (a state in none is left out).

    Columns: ``iso3, name, count, processes`` (the process ids, ``;``-separated, sorted); most first,
    then by name.

    >>> G = nx.Graph([(("state", "KEN"), ("process", "eac")), (("state", "KEN"), ("process", "igad")),
    ...               (("state", "UGA"), ("process", "eac"))])
    >>> nx.set_node_attributes(G, {("state", "KEN"): "Kenya", ("state", "UGA"): "Uganda"}, "name")
    >>> memberships_within(G, ["eac", "igad", "sadc"]).to_dict("records")
    [{'iso3': 'KEN', 'name': 'Kenya', 'count': 2, 'processes': 'eac;igad'}, {'iso3': 'UGA', 'name': 'Uganda', 'count': 1, 'processes': 'eac'}]
    """
    within: dict[Node, list[str]] = {}
    for process_id in processes:
        node = (PROCESS, process_id)
        if node in G:
            for state in G[node]:
                within.setdefault(state, []).append(process_id)
    rows = [(s[1], G.nodes[s]["name"], len(ps), ";".join(sorted(ps))) for s, ps in within.items()]
    frame = pd.DataFrame(rows, columns=["iso3", "name", "count", "processes"])
    return frame.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def cluster_order(matrix: pd.DataFrame) -> list[str]:
    """Order the rows of a similarity matrix (Jaccard) so that similar rows sit together.

    Average-linkage hierarchical clustering on ``1 - similarity`` with optimal leaf ordering.
    Falls back to the given order for fewer than three rows.
    """
    if len(matrix) < 3:
        return list(matrix.index)
    similarity = matrix.fillna(0.0).to_numpy(dtype=float)
    distance = 1.0 - similarity
    np.fill_diagonal(distance, 0.0)
    distance = np.clip((distance + distance.T) / 2, 0.0, 1.0)
    linkage = hierarchy.linkage(squareform(distance, checks=False), method="average", optimal_ordering=True)
    return [matrix.index[i] for i in hierarchy.leaves_list(linkage)]


def co_members(G: nx.Graph, iso3: str) -> pd.DataFrame:
    """States sharing at least one process with `iso3`, most shared first.

    Columns: ``iso3, name, shared, processes`` (the shared process ids, ``;``-separated).
    """
    node = (STATE, iso3)
    columns = ["iso3", "name", "shared", "processes"]
    if node not in G:
        return pd.DataFrame(columns=columns)
    shared: dict[Node, list[str]] = {}
    for process in G[node]:
        for other in G[process]:
            if other != node:
                shared.setdefault(other, []).append(process[1])
    rows = [(o[1], G.nodes[o]["name"], len(ps), ";".join(sorted(ps))) for o, ps in shared.items()]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["shared", "name"], ascending=[False, True], ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Centrality
# --------------------------------------------------------------------------------------------------

#: The one-mode metrics (computed on the weighted projection), the what-if panel's set.
PROJECTION_METRICS = ("degree", "weighted_degree", "betweenness", "eigenvector", "closeness")


def _weighted_adjacency(shared: np.ndarray) -> np.ndarray:
    adjacency = shared.astype(float).copy()
    np.fill_diagonal(adjacency, 0.0)
    return adjacency


def _graph(adjacency: np.ndarray) -> tuple[ig.Graph, np.ndarray]:
    """An undirected igraph graph of a symmetric adjacency matrix, and each edge's weight."""
    rows, cols = np.nonzero(np.triu(adjacency, k=1))
    graph = ig.Graph(n=len(adjacency), edges=list(zip(rows.tolist(), cols.tolist(), strict=True)))
    return graph, adjacency[rows, cols]


def _betweenness(graph: ig.Graph) -> np.ndarray:
    """Unweighted betweenness, normalised as networkx does for undirected graphs."""
    n = graph.vcount()
    if n < 3:
        return np.zeros(n)
    raw = np.asarray(graph.betweenness(directed=False), dtype=float)
    return raw * 2.0 / ((n - 1) * (n - 2))


def _eigenvector(adjacency: np.ndarray) -> np.ndarray:
    """Weighted eigenvector centrality with unit Euclidean norm (networkx's convention)."""
    n = len(adjacency)
    if n == 0 or not adjacency.any():
        return np.zeros(n)
    values, vectors = np.linalg.eigh(adjacency)
    vector = vectors[:, np.argmax(values)]
    vector = vector * np.sign(vector.sum()) / np.linalg.norm(vector)
    vector[np.abs(vector) < 1e-12] = 0.0
    return np.abs(vector)


def _closeness(distances: np.ndarray, numerator: np.ndarray | float | None = None) -> np.ndarray:
    """Closeness from an all-pairs distance matrix (inf = unreachable), Wasserman–Faust scaled.

    `numerator` defaults to ``reachable - 1`` (networkx's closeness); the bipartite version passes
    its own per node.
    """
    n = len(distances)
    if n < 2:
        return np.zeros(n)
    finite = np.isfinite(distances)
    total = np.where(finite, distances, 0.0).sum(axis=1)
    reachable = finite.sum(axis=1)  # includes the node itself
    top = (reachable - 1) if numerator is None else numerator
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(total > 0, top / total, 0.0)
    return value * (reachable - 1) / (n - 1)


def _projection_centralities(
    shared: np.ndarray, which: Collection[str] = PROJECTION_METRICS
) -> dict[str, np.ndarray]:
    """The one-mode metrics in `which`, on the weighted projection given by `shared`."""
    adjacency = _weighted_adjacency(shared)
    out: dict[str, np.ndarray] = {}
    if "degree" in which:
        out["degree"] = (adjacency > 0).sum(axis=1).astype(float)
    if "weighted_degree" in which:
        out["weighted_degree"] = adjacency.sum(axis=1)
    if "eigenvector" in which:
        out["eigenvector"] = _eigenvector(adjacency)
    if "betweenness" in which or "closeness" in which:
        graph, weights = _graph(adjacency)
        if "betweenness" in which:
            out["betweenness"] = _betweenness(graph)
        if "closeness" in which:
            # Frequent partners are near: the length of a link is 1 / the processes the two share.
            distances = (
                np.asarray(graph.distances(weights=(1.0 / weights).tolist()), dtype=float)
                if len(adjacency)
                else np.zeros((0, 0))
            )
            out["closeness"] = _closeness(distances)
    return out


BIPARTITE_METRICS = ("bipartite_degree", "bipartite_betweenness", "bipartite_closeness")


def _bipartite_centralities(
    inc: Incidence, which: Collection[str] = BIPARTITE_METRICS
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """networkx.bipartite's degree, betweenness and closeness (those in `which`), for states and
    for processes."""
    n, m = inc.matrix.shape  # n states (one set), m processes (the other)
    total = n + m
    wanted = [k for k in BIPARTITE_METRICS if k in which]
    if total == 0 or n == 0 or m == 0:
        return {k: np.zeros(n) for k in wanted}, {k: np.zeros(m) for k in wanted}
    B = inc.matrix.toarray().astype(float)
    adjacency = np.zeros((total, total))
    adjacency[:n, n:] = B
    adjacency[n:, :n] = B.T
    states: dict[str, np.ndarray] = {}
    processes: dict[str, np.ndarray] = {}
    if "bipartite_degree" in wanted:
        degree = adjacency.sum(axis=1)
        states["bipartite_degree"], processes["bipartite_degree"] = degree[:n] / m, degree[n:] / n
    if "bipartite_betweenness" in wanted or "bipartite_closeness" in wanted:
        graph, _ = _graph(adjacency)
    if "bipartite_betweenness" in wanted:
        raw_between = np.asarray(graph.betweenness(directed=False), dtype=float)

        def bet_max(a: int, b: int) -> float:
            s, t = divmod(a - 1, b)
            return ((b**2) * ((s + 1) ** 2) + b * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0

        max_top, max_bottom = bet_max(n, m), bet_max(m, n)
        states["bipartite_betweenness"] = raw_between[:n] / max_top if max_top else np.zeros(n)
        processes["bipartite_betweenness"] = raw_between[n:] / max_bottom if max_bottom else np.zeros(m)
    if "bipartite_closeness" in wanted:
        distances = np.asarray(graph.distances(), dtype=float)
        numerator = np.r_[np.full(n, m + 2 * (n - 1), float), np.full(m, n + 2 * (m - 1), float)]
        closeness = _closeness(distances, numerator)
        states["bipartite_closeness"], processes["bipartite_closeness"] = closeness[:n], closeness[n:]
    return states, processes


def centrality_table(
    G: nx.Graph, side: str = STATE, inc: Incidence | None = None, which: Collection[str] | None = None
) -> pd.DataFrame:
    """The centralities of :data:`CENTRALITY_METRICS` (or only those in `which`) for the states (or
    processes) of `G`.

    One-mode metrics are computed on the weighted projection (weight = shared processes for states,
    shared members for processes); closeness there treats ``1/weight`` as the distance, so frequent
    partners are near. The ``bipartite_*`` columns are networkx.bipartite's normalised versions on
    the two-mode graph. Columns: ``id, name, group`` (continent for states, report region for
    processes), then the metrics. Rows sorted by id.
    """
    if side not in (STATE, PROCESS):
        raise ValueError(f"side must be 'state' or 'process', got {side!r}")
    inc = inc or incidence(G)
    nodes = inc.states if side == STATE else inc.processes
    shared = inc.state_co_membership if side == STATE else inc.process_overlap
    wanted = [k for k in CENTRALITY_METRICS if which is None or k in which]
    values = _projection_centralities(shared, wanted)
    if set(wanted) & set(BIPARTITE_METRICS):
        bip_states, bip_processes = _bipartite_centralities(inc, wanted)
        values.update(bip_states if side == STATE else bip_processes)
    group_key = "continent" if side == STATE else "region"
    frame = pd.DataFrame(
        {
            "id": _ids(nodes),
            "name": [G.nodes[n]["name"] for n in nodes],
            "group": [G.nodes[n][group_key] for n in nodes],
            **{k: values[k] for k in wanted},
        }
    )
    return frame


def projection_centralities(
    inc: Incidence, side: str = STATE, which: Collection[str] = PROJECTION_METRICS
) -> pd.DataFrame:
    """The one-mode centralities in `which` (of :data:`PROJECTION_METRICS`) for the states (or
    processes) of an incidence matrix, indexed by id. Cheaper than :func:`centrality_table`: no
    bipartite metrics, no names."""
    nodes = inc.states if side == STATE else inc.processes
    shared = inc.state_co_membership if side == STATE else inc.process_overlap
    wanted = [m for m in PROJECTION_METRICS if m in set(which)]
    return pd.DataFrame(_projection_centralities(shared, wanted), index=_ids(nodes))[wanted]


def top_n(table: pd.DataFrame, metric: str, n: int = 15) -> pd.DataFrame:
    """The `n` highest rows for `metric`, ties broken by name."""
    if metric not in CENTRALITY_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    ranked = table.sort_values([metric, "name"], ascending=[False, True])
    return ranked.head(n).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Regions and bridges
# --------------------------------------------------------------------------------------------------


def _region_arrays(G: nx.Graph, inc: Incidence) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dense incidence, each process's report region and each process's number of continents."""
    B = inc.matrix.toarray()
    regions = np.array([G.nodes[p]["region"] for p in inc.processes], dtype=object)
    continents = np.array([G.nodes[s]["continent"] for s in inc.states], dtype=object)
    names = sorted(set(continents))
    one_hot = (continents[:, None] == np.array(names, dtype=object)[None, :]).astype(np.int64)
    spread = (B.T @ one_hot > 0).sum(axis=1) if len(names) else np.zeros(len(regions), dtype=np.int64)
    return B, regions, spread


def region_summary(G: nx.Graph, inc: Incidence | None = None) -> pd.DataFrame:
    """One row per report region present in `G` (processes are placed by the report's region).

    Columns: ``region, processes, states, memberships, density`` (memberships / (states ×
    processes)), ``mean_memberships, median_memberships`` (per member state, counting only this
    region's processes) and ``cross_regional_processes`` (processes whose members come from two or
    more UN continents).
    """
    inc = inc or incidence(G)
    B, regions, spread = _region_arrays(G, inc)
    rows = []
    for region in REPORT_REGIONS:
        cols = regions == region
        if not cols.any():
            continue
        counts = B[:, cols].sum(axis=1)
        counts = counts[counts > 0].astype(float)
        n_states, n_edges, n_processes = len(counts), int(counts.sum()), int(cols.sum())
        rows.append(
            {
                "region": region,
                "processes": n_processes,
                "states": n_states,
                "memberships": n_edges,
                "density": n_edges / (n_states * n_processes) if n_states else 0.0,
                "mean_memberships": float(counts.mean()) if n_states else 0.0,
                "median_memberships": float(np.median(counts)) if n_states else 0.0,
                "cross_regional_processes": int((spread[cols] >= 2).sum()),
            }
        )
    return pd.DataFrame(rows)


def bridge_states(G: nx.Graph, min_regions: int = 2) -> pd.DataFrame:
    """States in processes of at least `min_regions` of the report's four regional chapters.

    Columns: ``iso3, name, continent, n_regions, regions`` (``;``-separated), ``n_processes``;
    most regions first, then most processes.
    """
    rows = []
    for node, data in G.nodes(data=True):
        if data["bipartite"] != 0:
            continue
        regions = {G.nodes[p]["region"] for p in G[node]} & set(GEOGRAPHIC_REGIONS)
        if len(regions) >= min_regions:
            ordered = [r for r in GEOGRAPHIC_REGIONS if r in regions]
            rows.append(
                (node[1], data["name"], data["continent"], len(ordered), ";".join(ordered), G.degree(node))
            )
    frame = pd.DataFrame(rows, columns=["iso3", "name", "continent", "n_regions", "regions", "n_processes"])
    return frame.sort_values(
        ["n_regions", "n_processes", "name"], ascending=[False, False, True], ignore_index=True
    )


def region_comparison(
    G: nx.Graph, regions: tuple[str, ...] = GEOGRAPHIC_REGIONS, top: int = 3
) -> pd.DataFrame:
    """The report's regions side by side on the same normalised measures.

    One row per region of `regions` that has processes in `G`; processes are placed by the report's
    region, states belong to a region when they are members of its processes. Columns:

    - ``processes, states, memberships``;
    - ``density``: memberships / (states × processes), the share of possible seats filled;
    - ``mean_memberships, median_memberships``: per state, counting this region's processes only;
    - ``mean_jaccard``: mean Jaccard index over all pairs of the region's processes (NaN for one);
    - ``outside_share``: share of its states also in a process placed in another region;
    - ``links_within, links_across``: explicit process links (``G.graph["process_links"]``) between
      two of its processes, and between one of its processes and another region's;
    - ``top_states``: its most central states, by weighted degree within the region (``;``-separated).

    Matrix algebra on the incidence matrix throughout (one pass, no subgraphs).
    """
    inc = incidence(G)
    summary = region_summary(G, inc).set_index("region") if G.number_of_nodes() else pd.DataFrame()
    B, process_regions, _ = _region_arrays(G, inc)
    links = G.graph.get("process_links", ())
    rows = []
    for region in regions:
        if region not in summary.index:
            continue
        cols = process_regions == region
        in_region = B[:, cols].sum(axis=1) > 0
        Br = B[np.ix_(in_region, cols)]
        shared = Br.T @ Br
        size = np.diag(shared).astype(float)
        upper = np.triu_indices(len(size), k=1)
        union = size[:, None] + size[None, :] - shared
        with np.errstate(divide="ignore", invalid="ignore"):
            jaccard = np.where(union > 0, shared / union, np.nan)[upper]
        outside = int((B[np.ix_(in_region, ~cols)].sum(axis=1) > 0).sum())
        mine = {inc.processes[i] for i in np.flatnonzero(cols)}
        within = sum(1 for a, b, *_ in links if a in mine and b in mine)
        across = sum(1 for a, b, *_ in links if (a in mine) != (b in mine))
        co = Br @ Br.T
        strength = co.sum(axis=1) - np.diag(co)
        states = [inc.states[i] for i in np.flatnonzero(in_region)]
        order = sorted(range(len(states)), key=lambda i: (-strength[i], states[i]))
        row = summary.loc[region].to_dict()
        row.update({k: int(row[k]) for k in ("processes", "states", "memberships")})
        row.update(
            region=region,
            mean_jaccard=float(jaccard.mean()) if len(jaccard) else float("nan"),
            outside_share=outside / len(states) if states else 0.0,
            links_within=within,
            links_across=across,
            top_states=";".join(G.nodes[states[i]]["name"] for i in order[:top]),
        )
        rows.append(row)
    columns = [
        "region", "processes", "states", "memberships", "density", "mean_memberships", "median_memberships",
        "mean_jaccard", "outside_share", "links_within", "links_across", "top_states",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def growth_by_year(G: nx.Graph, years: range, flt: GraphFilter | None = None) -> pd.DataFrame:
    """Processes and memberships standing in each year, by report region.

    Uses the same rule as the year filter: a process counts from its start, a membership (a state–
    process pair) while any of its spells stands, a spell from its joining year or else its
    process's start. With `flt` (its year ignored), only what it selects, as if `G` had been
    filtered first (processes without any selected membership do not count). Computed on the spell
    arrays for all years at once. Columns: ``year, region, processes, memberships``.
    """
    from .network import spell_mask, spell_table

    table = spell_table(G)
    if flt is not None:
        mask, selected = spell_mask(G, replace(flt, year=None))
    else:
        mask, selected = np.ones(len(table.pair), dtype=bool), np.ones(len(table.processes), dtype=bool)
    years_arr = np.array(list(years), dtype=float)[:, None]
    regions = np.array([G.nodes[p]["region"] for p in table.processes], dtype=object)
    process_start = np.array(
        [np.nan if G.nodes[p].get("start") is None else G.nodes[p]["start"] for p in table.processes]
    )
    # A process counts only with at least one selected membership (a filtered graph drops the rest).
    has_spell = np.zeros(len(table.processes), dtype=bool)
    has_spell[table.process[mask]] = True
    counted = selected & has_spell
    with np.errstate(invalid="ignore"):
        standing = (process_start[None, :] <= years_arr) & counted[None, :]  # years × processes
        if len(table.pair):
            start = np.where(np.isnan(table.since), table.process_start, table.since)
            active = (start[None, :] <= years_arr) & (
                np.isnan(table.until) | (table.until[None, :] >= years_arr)
            )
            active &= mask[None, :]
            firsts = np.r_[0, np.flatnonzero(np.diff(table.pair)) + 1]
            pair_active = np.maximum.reduceat(active, firsts, axis=1)  # years × pairs
            pair_process = table.process[firsts]
        else:
            pair_active, pair_process = np.zeros((len(years_arr), 0), dtype=bool), np.zeros(0, dtype=np.int64)
    rows = []
    for region in sorted(set(regions[counted])):
        in_region = regions == region
        processes = standing[:, in_region].sum(axis=1)
        memberships = pair_active[:, in_region[pair_process]].sum(axis=1)
        for year, p, m in zip(years, processes.tolist(), memberships.tolist(), strict=True):
            if p:
                rows.append((year, region, p, m))
    frame = pd.DataFrame(rows, columns=["year", "region", "processes", "memberships"])
    return frame.sort_values(["year", "region"], ignore_index=True)


def communities(G: nx.Graph, seed: int = 7) -> dict[Node, int]:
    """Louvain communities of `G` (igraph's multilevel method, seeded so every run and worker agrees):
    node → community number, 1 for the largest (ties by the smallest node key).

    >>> G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> communities(G) == {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2}
    True
    """
    import random

    nodes = sorted(G.nodes())
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    weights = [float(G.edges[u, v].get("weight", 1)) for u, v in G.edges()] if G.number_of_edges() else None
    ig.set_random_number_generator(random.Random(seed))
    groups = [sorted(nodes[i] for i in members) for members in graph.community_multilevel(weights=weights)]
    groups.sort(key=lambda members: (-len(members), members[0]))
    return {node: number for number, members in enumerate(groups, 1) for node in members}
