"""The bipartite state–process graph, its filters and its weighted projections.

Nodes are keyed unambiguously across the two sets: ``("state", "KEN")`` and ``("process", "midsa")``,
with ``bipartite=0`` on states and ``bipartite=1`` on processes, as :mod:`networkx.algorithms.bipartite`
expects. Every filter returns a new graph; the graph built from the dataset is never changed.

Projections are computed by sparse matrix algebra (``B @ B.T``) rather than
:func:`networkx.bipartite.weighted_projected_graph`, which is ~20x slower at this size; the tests check
both give the same weights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from .config import MEMBER_ROLES
from .data import Dataset

STATE, PROCESS = "state", "process"
Node = tuple[str, str]

#: Role classes a view can ask for.
ROLE_CLASSES = ("members", "all")


def state_node(iso3: str) -> Node:
    """The graph key of a state: ``("state", iso3)``."""
    return (STATE, iso3)


def process_node(process_id: str) -> Node:
    """The graph key of a process: ``("process", process_id)``."""
    return (PROCESS, process_id)


def _clean(value: object) -> object:
    """pandas' missing values become None so node attributes are plain Python."""
    return None if pd.isna(value) else value


Spell = tuple[str, int | None, int | None]  # (role, since, until)


def _edge_attributes(spells: Iterable[Spell]) -> dict:
    """Edge data from a state's spells in a process: which roles, and does it count as a member."""
    spells = tuple(sorted(spells, key=lambda s: (s[0], s[1] or 0)))
    roles = tuple(sorted({role for role, _, _ in spells}))
    known = [since for _, since, _ in spells if since is not None]
    return {
        "spells": spells,
        "roles": roles,
        "is_member": any(r in MEMBER_ROLES for r in roles),
        "since": min(known) if known else None,
        "weight": 1,
    }


def build_graph(dataset: Dataset) -> nx.Graph:
    """Build the bipartite graph of every state, process and membership in `dataset`.

    One edge per (state, process) pair. Each membership row is a *spell* ``(role, since, until)``;
    a pair with several (an observer that later joined, a founding member that chaired) keeps them
    all in ``spells``. ``is_member`` is False only when every role is observer or partner.

    >>> from rcpdash.data import load_dataset
    >>> G = build_graph(load_dataset())
    >>> G.nodes[("process", "apc")]["bipartite"]
    1
    """
    G = nx.Graph()
    for row in dataset.states.itertuples(index=False):
        G.add_node(
            state_node(row.iso3),
            bipartite=0,
            type=STATE,
            id=row.iso3,
            name=row.name,
            continent=row.continent,
            subregion=row.subregion,
            lat=float(row.lat),
            lon=float(row.lon),
            entity_kind=row.kind,
        )
    for row in dataset.processes.itertuples(index=False):
        G.add_node(
            process_node(row.process_id),
            bipartite=1,
            type=PROCESS,
            id=row.process_id,
            name=row.name,
            acronym=row.acronym or row.name,
            kind=row.kind,
            region=row.region,
            founded=_clean(row.founded),
            stated_member_count=_clean(row.stated_member_count),
            themes=(),
        )
    themes = dataset.themes.groupby("process_id")["theme"].agg(lambda t: tuple(sorted(t))).to_dict()
    for process_id, process_themes in themes.items():
        G.nodes[process_node(process_id)]["themes"] = process_themes
    spells: dict[tuple[Node, Node], list[Spell]] = {}
    for row in dataset.memberships.itertuples(index=False):
        key = (state_node(row.iso3), process_node(row.process_id))
        spells.setdefault(key, []).append((row.role, _clean(row.since), _clean(row.until)))
    for (s, p), pair_spells in spells.items():
        G.add_edge(s, p, **_edge_attributes(pair_spells))
    G.graph["process_links"] = tuple(
        (process_node(r.process_a), process_node(r.process_b), r.link_type, _clean(r.year))
        for r in dataset.process_links.itertuples(index=False)
    )
    # When a process starts: its founding year, else the first year a membership of it is dated.
    # Undated processes (start None) cannot be placed in time and are left out of year views.
    for node, data in G.nodes(data=True):
        if data["bipartite"] == 1:
            dated = [G.edges[node, s]["since"] for s in G[node] if G.edges[node, s]["since"] is not None]
            data["start"] = data["founded"] if data["founded"] is not None else min(dated, default=None)
    return G


@dataclass(frozen=True)
class GraphFilter:
    """What a view asks to see. ``None`` means "no restriction" for every field but `role_class`.

    - `regions`: report regions of processes (``europe_central_asia``, ...).
    - `kinds`: process kinds (``rcp``, ``regional_organization``, ...).
    - `role_class`: ``"members"`` (observers and partners left out) or ``"all"``.
    - `year`: the network as it stood in that year. A process appears at its founding year (else at
      its first dated membership; undated processes are left out), a membership at its joining year
      where the report gives one, else with its process.
    - `continents`: UN M49 continents of states.
    - `processes`: only these process ids.
    - `themes`: only processes the report ties to at least one of these policy themes.
    """

    regions: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    role_class: str = "members"
    year: int | None = None
    continents: tuple[str, ...] | None = None
    processes: tuple[str, ...] | None = None
    themes: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.role_class not in ROLE_CLASSES:
            raise ValueError(f"role_class must be one of {ROLE_CLASSES}, got {self.role_class!r}")


def spell_active(spell: Spell, founded: int | None, year: int | None) -> bool:
    """Whether a spell stood in `year`; it starts at its own year, else when the process started.

    With no year every spell counts (the network of everything the report records).
    """
    if year is None:
        return True
    _, since, until = spell
    start = since if since is not None else founded
    if start is not None and start > year:
        return False
    return until is None or until >= year


@dataclass(frozen=True)
class SpellTable:
    """Every membership spell of a graph as flat arrays, so filters are vector operations.

    Row ``i`` is one spell of the pair ``pairs[pair[i]]``; rows are grouped by pair.
    """

    pairs: list[tuple[Node, Node]]  # (state, process) for each pair
    pair_data: list[dict]  # the full graph's edge attributes of each pair
    pair: np.ndarray  # pair index of each spell
    role: np.ndarray
    since: np.ndarray  # float, NaN when not given
    until: np.ndarray
    member: np.ndarray  # bool: a member role
    process_start: np.ndarray  # float: when the spell's process starts (NaN: undated)
    process: np.ndarray  # process node index into `processes`
    continent: np.ndarray
    processes: list[Node]
    spell_count: np.ndarray  # spells per pair


def spell_table(G: nx.Graph) -> SpellTable:
    """The spells of `G` as arrays, computed once per graph and kept in ``G.graph``."""
    table = G.graph.get("_spell_table")
    if table is not None:
        return table
    processes = sorted(n for n, d in G.nodes(data=True) if d["bipartite"] == 1)
    p_index = {p: i for i, p in enumerate(processes)}
    pairs, pair_data, pair, role, since, until, process, continent, counts = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for u, v, data in G.edges(data=True):
        s, p = (u, v) if u[0] == STATE else (v, u)
        index = len(pairs)
        pairs.append((s, p))
        pair_data.append(data)
        counts.append(len(data["spells"]))
        for r, a, b in data["spells"]:
            pair.append(index)
            role.append(r)
            since.append(np.nan if a is None else a)
            until.append(np.nan if b is None else b)
            process.append(p_index[p])
            continent.append(G.nodes[s].get("continent"))
    starts = np.array([np.nan if G.nodes[p].get("start") is None else G.nodes[p]["start"] for p in processes])
    process_array = np.array(process, dtype=np.int64)
    table = SpellTable(
        pairs=pairs,
        pair_data=pair_data,
        pair=np.array(pair, dtype=np.int64),
        role=np.array(role, dtype=object),
        since=np.array(since, dtype=float),
        until=np.array(until, dtype=float),
        member=np.isin(np.array(role, dtype=object), list(MEMBER_ROLES)),
        process_start=starts[process_array] if len(process_array) else np.zeros(0),
        process=process_array,
        continent=np.array(continent, dtype=object),
        processes=processes,
        spell_count=np.array(counts, dtype=np.int64),
    )
    G.graph["_spell_table"] = table
    return table


def _process_selected(G: nx.Graph, processes: list[Node], flt: GraphFilter) -> np.ndarray:
    keep = np.ones(len(processes), dtype=bool)
    for i, node in enumerate(processes):
        data = G.nodes[node]
        if (
            (flt.regions is not None and data["region"] not in flt.regions)
            or (flt.kinds is not None and data["kind"] not in flt.kinds)
            or (flt.processes is not None and data["id"] not in flt.processes)
            or (flt.themes is not None and not set(flt.themes) & set(data.get("themes", ())))
            or (flt.year is not None and (data.get("start") is None or data["start"] > flt.year))
        ):
            keep[i] = False
    return keep


def spell_mask(G: nx.Graph, flt: GraphFilter) -> tuple[np.ndarray, np.ndarray]:
    """Which spells of ``spell_table(G)`` `flt` keeps, and which of its processes it selects."""
    table = spell_table(G)
    selected = _process_selected(G, table.processes, flt)
    mask = selected[table.process] if len(table.process) else np.zeros(0, dtype=bool)
    if flt.role_class == "members":
        mask &= table.member
    if flt.continents is not None:
        mask &= np.isin(table.continent, list(flt.continents))
    if flt.year is not None:
        start = np.where(np.isnan(table.since), table.process_start, table.since)
        with np.errstate(invalid="ignore"):
            mask &= ~(start > flt.year) & (np.isnan(table.until) | (table.until >= flt.year))
    return mask, selected


def filter_graph(
    G: nx.Graph, flt: GraphFilter = GraphFilter(), keep_isolated_processes: bool = False
) -> nx.Graph:
    """Return a new graph with only what `flt` selects.

    States left without any membership are dropped; processes too unless `keep_isolated_processes`
    (a process the text gives only as a count has no member edges at all). The spells are filtered
    as arrays (see :class:`SpellTable`); only the surviving pairs become edges.
    """
    table = spell_table(G)
    mask, selected = spell_mask(G, flt)
    rows = np.flatnonzero(mask)
    H = nx.Graph()
    if len(rows):
        pair = table.pair[rows]
        breaks = np.flatnonzero(np.diff(pair)) + 1
        firsts = np.r_[0, breaks]
        sizes = np.diff(np.r_[firsts, len(rows)])
        edges = []
        for first, size in zip(firsts.tolist(), sizes.tolist(), strict=True):
            index = int(pair[first])
            s, p = table.pairs[index]
            if size == table.spell_count[index]:
                edges.append((s, p, table.pair_data[index]))  # every spell stands: the edge as it is
            else:
                spells = [
                    (table.role[r], None if np.isnan(table.since[r]) else int(table.since[r]),
                     None if np.isnan(table.until[r]) else int(table.until[r]))
                    for r in rows[first : first + size]
                ]  # fmt: skip
                edges.append((s, p, _edge_attributes(spells)))
        H.add_edges_from(edges)
    if keep_isolated_processes:
        H.add_nodes_from(p for p, keep in zip(table.processes, selected, strict=True) if keep)
    for node in H.nodes:
        H.nodes[node].update(G.nodes[node])
    H.graph["process_links"] = tuple(
        link
        for link in G.graph.get("process_links", ())
        if link[0] in H and link[1] in H and (flt.year is None or link[3] is None or link[3] <= flt.year)
    )
    return H


def states_of(G: nx.Graph) -> list[Node]:
    """State nodes, sorted by ISO code."""
    return sorted(n for n, d in G.nodes(data=True) if d["bipartite"] == 0)


def processes_of(G: nx.Graph) -> list[Node]:
    """Process nodes, sorted by id."""
    return sorted(n for n, d in G.nodes(data=True) if d["bipartite"] == 1)


@dataclass(frozen=True)
class Incidence:
    """The state × process incidence matrix of a graph (1 where a state is in a process)."""

    states: tuple[Node, ...]
    processes: tuple[Node, ...]
    matrix: sp.csr_matrix

    @cached_property
    def state_index(self) -> dict[Node, int]:
        return {n: i for i, n in enumerate(self.states)}

    @cached_property
    def process_index(self) -> dict[Node, int]:
        return {n: i for i, n in enumerate(self.processes)}

    @cached_property
    def state_co_membership(self) -> np.ndarray:
        """Shared processes for each pair of states (diagonal: the state's own count)."""
        return (self.matrix @ self.matrix.T).toarray()

    @cached_property
    def process_overlap(self) -> np.ndarray:
        """Shared states for each pair of processes (diagonal: the process's size)."""
        return (self.matrix.T @ self.matrix).toarray()


def incidence(G: nx.Graph) -> Incidence:
    """The incidence matrix of bipartite graph `G` (rows: states, columns: processes)."""
    states, processes = tuple(states_of(G)), tuple(processes_of(G))
    s_idx = {n: i for i, n in enumerate(states)}
    p_idx = {n: i for i, n in enumerate(processes)}
    rows, cols = [], []
    for u, v in G.edges():
        s, p = (u, v) if u[0] == STATE else (v, u)
        rows.append(s_idx[s])
        cols.append(p_idx[p])
    data = np.ones(len(rows), dtype=np.int64)
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(states), len(processes)), dtype=np.int64)
    return Incidence(states, processes, matrix)


def incidence_for(G: nx.Graph, flt: GraphFilter) -> Incidence:
    """``incidence(filter_graph(G, flt))``, straight from the spell arrays: no graph is built.

    The views that only need matrices (overlaps, centrality, what-if) skip the ~80 ms it takes to
    build a filtered graph of 35,000 memberships.
    """
    table = spell_table(G)
    mask, _ = spell_mask(G, flt)
    pairs = np.unique(table.pair[mask])
    state_of = [table.pairs[i][0] for i in pairs.tolist()]
    process_of = [table.pairs[i][1] for i in pairs.tolist()]
    states, processes = tuple(sorted(set(state_of))), tuple(sorted(set(process_of)))
    s_idx = {n: i for i, n in enumerate(states)}
    p_idx = {n: i for i, n in enumerate(processes)}
    rows = np.fromiter((s_idx[n] for n in state_of), dtype=np.int64, count=len(state_of))
    cols = np.fromiter((p_idx[n] for n in process_of), dtype=np.int64, count=len(process_of))
    matrix = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, cols)),
        shape=(len(states), len(processes)),
        dtype=np.int64,
    )
    return Incidence(states, processes, matrix)


def _projection(nodes: Iterable[Node], shared: np.ndarray, G: nx.Graph) -> nx.Graph:
    P = nx.Graph()
    nodes = list(nodes)
    P.add_nodes_from((n, G.nodes[n]) for n in nodes)
    upper = np.triu(shared, k=1)
    for i, j in zip(*np.nonzero(upper), strict=True):
        P.add_edge(nodes[i], nodes[j], weight=int(upper[i, j]))
    return P


def state_projection(G: nx.Graph, inc: Incidence | None = None) -> nx.Graph:
    """States linked by the number of processes they share (``weight``).

    Equal to ``networkx.bipartite.weighted_projected_graph(G, states)``.
    """
    inc = inc or incidence(G)
    return _projection(inc.states, inc.state_co_membership, G)


def process_projection(G: nx.Graph, inc: Incidence | None = None) -> nx.Graph:
    """Processes linked by the number of states they share (``weight``)."""
    inc = inc or incidence(G)
    return _projection(inc.processes, inc.process_overlap, G)


def multilateral_only(G: nx.Graph, min_members: int = 3) -> nx.Graph:
    """`G` without the processes of fewer than `min_members` states (two-state agreements), nor the
    states left in no process.

    >>> G = nx.Graph([(("state", "A"), ("process", "pair")), (("state", "B"), ("process", "pair")),
    ...               (("state", "A"), ("process", "trio")), (("state", "C"), ("process", "trio")),
    ...               (("state", "D"), ("process", "trio"))])
    >>> sorted(multilateral_only(G))
    [('process', 'trio'), ('state', 'A'), ('state', 'C'), ('state', 'D')]
    """
    small = {n for n in G if n[0] == PROCESS and G.degree(n) < min_members}
    kept = [n for n in G if n not in small and (n[0] != STATE or any(p not in small for p in G[n]))]
    H = G.subgraph(kept).copy()
    H.graph["process_links"] = [
        link for link in G.graph.get("process_links", ()) if link[0] in H and link[1] in H
    ]
    return H


def busiest(G: nx.Graph, limit: int) -> nx.Graph:
    """`G` cut to its `limit` best-connected nodes (ties by key), for a picture that stays legible.

    >>> G = nx.star_graph(4)
    >>> sorted(busiest(G, 2))
    [0, 1]
    """
    if G.number_of_nodes() <= limit:
        return G
    kept = sorted(G, key=lambda n: (-G.degree(n), n))[:limit]
    H = G.subgraph(kept).copy()
    H.graph["process_links"] = [
        link for link in G.graph.get("process_links", ()) if link[0] in H and link[1] in H
    ]
    return H


def neighbours(G: nx.Graph, node: Node) -> list[Node]:
    """Sorted neighbours of `node`, or an empty list when it is not in `G`."""
    return sorted(G.neighbors(node)) if node in G else []


def ego_graph(G: nx.Graph, node: Node, closest: set[str] | None = None) -> nx.Graph:
    """`node`, its processes (or members) and their other members (radius 2 in the bipartite graph).

    With `closest` (ids), only those second-step neighbours are kept: at large scale a state's
    processes reach every other state, and a readable picture keeps its closest partners.
    """
    if node not in G:
        return nx.Graph()
    first = set(G[node])
    second = {n for f in first for n in G[f]} - {node}
    if closest is not None:
        second = {n for n in second if n[1] in closest}
    return G.subgraph({node, *first, *second}).copy()


def layout_positions(G: nx.Graph, seed: int = 7, iterations: int = 500) -> dict[Node, tuple[float, float]]:
    """Fruchterman–Reingold positions for every node of `G`, deterministic for a given seed.

    igraph's layout takes ~20 ms here where networkx's ``spring_layout`` takes ~300 ms. Compute it
    once on the full graph and reuse it for every filtered view, so nodes stay where people saw them.
    """
    import random

    import igraph as ig

    # igraph draws from its global generator even when given start positions; reseeding it here
    # makes the layout the same on every run and in every worker.
    ig.set_random_number_generator(random.Random(seed))
    nodes = sorted(G.nodes())
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    start = np.random.default_rng(seed).uniform(-1, 1, size=(len(nodes), 2)).tolist()
    coords = np.asarray(graph.layout_fruchterman_reingold(seed=start, niter=iterations).coords, dtype=float)
    span = np.ptp(coords, axis=0)
    coords = (coords - coords.min(axis=0)) / np.where(span > 0, span, 1.0)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, coords, strict=True)}
