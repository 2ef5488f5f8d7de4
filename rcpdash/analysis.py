"""Per-filter results of the request's dataset, computed on first use and cached.

Pure (no Dash): the UI asks here with a hashable :class:`~rcpdash.network.GraphFilter` and gets
frames back. Which dataset a request sees is rcpdash.datasets; every result here is cached per
dataset (:func:`~rcpdash.datasets.per_dataset`, bounded LRU), so memory stays flat however many
filter combinations a user tries; :func:`clear_caches` empties them (the benchmark measures cold
calls with it).
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pandas as pd

from . import compare, metrics, queries, whatif
from .datasets import KEPT_DATASETS, dataset, per_dataset
from .network import (
    GraphFilter,
    Incidence,
    Node,
    build_graph,
    busiest,
    filter_graph,
    incidence_for,
    layout_positions,
    multilateral_only,
    process_projection,
    spell_mask,
    spell_table,
)

#: Allocations between young-generation collections once serving (see warm_up).
GC_THRESHOLD = 50_000
#: The overlap heatmap leaves out processes smaller than this: two-state agreements would fill it
#: with rows that can only overlap trivially. Their rows are still in every other view.
MIN_OVERLAP_SIZE = 3
#: Heatmaps show at most this many rows (the largest processes or the states in most processes): a
#: 530 × 530 matrix is unreadable and slow to draw. The report's data stays well under it.
MAX_MATRIX_ROWS = 90


@per_dataset(maxsize=KEPT_DATASETS + 1)
def full_graph() -> nx.Graph:
    """The bipartite graph of everything in the dataset."""
    return build_graph(dataset())


@per_dataset(maxsize=KEPT_DATASETS + 1)
def reference_labels() -> dict[tuple[str, str], str]:
    """Who gives each membership the report does not name (queries.reference_labels), for hovers."""
    return queries.reference_labels(dataset())


@per_dataset(maxsize=KEPT_DATASETS + 1)
def positions() -> dict[Node, tuple[float, float]]:
    """Network-view positions, computed once on the full graph so nodes never jump between views."""
    return layout_positions(filter_graph(full_graph(), GraphFilter(role_class="all")))


@per_dataset()
def graph(flt: GraphFilter) -> nx.Graph:
    """The graph under `flt` (isolated nodes dropped)."""
    return filter_graph(full_graph(), flt)


#: The network view draws at most this many nodes (the best-connected): a COW-scale upload has over
#: 2,000 and would be a blot; the view says so when it cuts.
MAX_NETWORK_NODES = 400


@per_dataset()
def network_graph(flt: GraphFilter, kind: str = "two_mode", multilateral: bool = False) -> nx.Graph:
    """The network view's graph under `flt`: the states and processes (`kind` "two_mode") or the
    processes linked by shared states ("processes"), without two-state arrangements if
    `multilateral`; cut to :data:`MAX_NETWORK_NODES` nodes (``graph["cut_from"]``: how many there were)."""
    G = graph(flt)
    if multilateral:
        G = multilateral_only(G)
    if kind == "processes":
        links = G.graph.get("process_links", ())
        G = process_projection(G)
        G.graph["process_links"] = links
    shown = busiest(G, MAX_NETWORK_NODES)
    if shown is not G:
        shown.graph["cut_from"] = G.number_of_nodes()
    return shown


@per_dataset()
def network_communities(
    flt: GraphFilter, kind: str = "two_mode", multilateral: bool = False
) -> dict[Node, int]:
    """Louvain communities of :func:`network_graph` (see :func:`rcpdash.metrics.communities`)."""
    return metrics.communities(network_graph(flt, kind, multilateral))


@per_dataset()
def graph_incidence(flt: GraphFilter) -> Incidence:
    """The state × process incidence under `flt` (built without building the filtered graph)."""
    return incidence_for(full_graph(), flt)


#: Above this many memberships a view computes only the metrics it shows (all eight cost ~0.3-0.6 s
#: at Correlates-of-War scale, against ~18 ms on the report's data).
LARGE_GRAPH_EDGES = 5000


@per_dataset()
def centrality(flt: GraphFilter, side: str, metric: str | None = None) -> pd.DataFrame:
    """The centralities of the states (or processes) under `flt`: all of them on graphs of the
    report's size; on large graphs only `metric` and the two degrees."""
    inc = graph_incidence(flt)
    which = None
    if metric is not None and inc.matrix.nnz > LARGE_GRAPH_EDGES:
        which = {"degree", "weighted_degree", metric}
    # Names and groups come from the full graph: same nodes, no filtered graph needed.
    return metrics.centrality_table(full_graph(), side, inc, which)


@per_dataset()
def overlap(flt: GraphFilter, measure: str) -> pd.DataFrame:
    """The process × process overlap under `flt`, as the heatmap shows it (:func:`heatmap_overlap`)."""
    return heatmap_overlap(full_graph(), graph_incidence(flt), measure)


def heatmap_overlap(G: nx.Graph, inc: Incidence, measure: str) -> pd.DataFrame:
    """The overlap of the processes of `inc` with at least :data:`MIN_OVERLAP_SIZE` states (the
    :data:`MAX_MATRIX_ROWS` largest), in cluster order; `G` supplies the ids. Not cached."""
    matrix = metrics.overlap_matrix(G, measure, inc)
    sizes = pd.Series(inc.process_overlap.diagonal(), index=matrix.index)
    sizes = sizes[sizes >= MIN_OVERLAP_SIZE].sort_values(ascending=False, kind="stable")
    keep = list(sizes.index[:MAX_MATRIX_ROWS])
    jaccard = metrics.overlap_matrix(G, "jaccard", inc).loc[keep, keep]
    order = metrics.cluster_order(jaccard)
    return matrix.loc[order, order]


@per_dataset()
def edited_incidence(flt: GraphFilter, edits: tuple[tuple[str, str, str], ...] = ()) -> Incidence:
    """The incidence under `flt` with the what-if `edits` applied (the real one when there are none)."""
    real = graph_incidence(flt)
    return whatif.edit_incidence(real, full_graph(), edits) if edits else real


@per_dataset()
def intersections(
    flt: GraphFilter, processes: tuple[str, ...], edits: tuple[tuple[str, str, str], ...] = ()
) -> pd.DataFrame:
    """The exclusive intersections of `processes` under `flt` and `edits` (the compare view's UpSet
    chart, its table and its listing all read them; see :func:`rcpdash.compare.exclusive_intersections`)."""
    return compare.exclusive_intersections(compare.members_of(edited_incidence(flt, edits), processes))


@per_dataset()
def co_membership(flt: GraphFilter) -> pd.DataFrame:
    """The state × state co-membership under `flt` (the :data:`MAX_MATRIX_ROWS` states in most
    processes), in cluster order (by shared / own memberships)."""
    matrix = metrics.co_membership_matrix(full_graph(), graph_incidence(flt))
    if matrix.empty:
        return matrix
    size = pd.Series(matrix.to_numpy().diagonal(), index=matrix.index)
    keep = list(size.sort_values(ascending=False, kind="stable").index[:MAX_MATRIX_ROWS])
    matrix, size = matrix.loc[keep, keep], size[keep]
    union = size.to_numpy()[:, None] + size.to_numpy()[None, :] - matrix.to_numpy()
    similarity = pd.DataFrame(
        matrix.to_numpy() / union.clip(min=1), index=matrix.index, columns=matrix.columns
    )
    order = metrics.cluster_order(similarity)
    return matrix.loc[order, order]


@per_dataset()
def region_comparison(flt: GraphFilter) -> pd.DataFrame:
    """The four regional chapters side by side under `flt` (its region restriction is ignored:
    sharing members with other regions needs every region in the graph)."""
    return metrics.region_comparison(graph(replace(flt, regions=None)))


@per_dataset()
def bridge_states(flt: GraphFilter) -> pd.DataFrame:
    """States in processes of two or more of the report's regional chapters under `flt` (its region
    restriction is ignored, as in :func:`region_comparison`: bridging needs every region)."""
    return metrics.bridge_states(graph(replace(flt, regions=None)))


@per_dataset()
def growth(flt: GraphFilter) -> pd.DataFrame:
    """Processes and memberships per year and region under `flt` (its year is ignored)."""
    from .config import LAST_YEAR

    founded = dataset().processes["founded"].dropna()
    first = int(founded.min()) if len(founded) else LAST_YEAR
    # Straight from the full graph's spell arrays: no filtered graph needs building.
    return metrics.growth_by_year(full_graph(), range(first, LAST_YEAR + 1), flt)


def undated_processes(flt: GraphFilter) -> int:
    """How many processes under `flt` (ignoring its year) have no start year: year views omit them."""
    G = full_graph()
    table = spell_table(G)
    mask, selected = spell_mask(G, replace(flt, year=None))
    with_members = set(table.process[mask].tolist())
    return sum(
        1
        for i, node in enumerate(table.processes)
        if selected[i] and i in with_members and G.nodes[node].get("start") is None
    )


def warm_up() -> None:
    """Load what every request needs, then freeze it out of the garbage collector's way.

    Measured here: with the dataset and graph in the collected heap, full collections pushed the
    p95 of a network render from ~30 ms to ~85 ms; after ``gc.freeze()`` they scan only new objects.
    """
    import gc

    from .queries import shaped_codes

    full_graph()
    positions()
    shaped_codes()
    gc.collect()
    gc.freeze()
    # A view allocates tens of thousands of small objects (figure dicts, table cells): with the
    # default threshold (700) that triggers collections inside most requests.
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def clear_caches() -> None:
    """Forget every per-filter result (not the dataset, the full graph or the positions)."""
    for cached in (
        graph,
        network_graph,
        network_communities,
        graph_incidence,
        edited_incidence,
        intersections,
        centrality,
        overlap,
        co_membership,
        region_comparison,
        growth,
    ):
        cached.cache_clear()
