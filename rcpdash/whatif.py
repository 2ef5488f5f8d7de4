"""Hypotheticals: where a state could join, and what changes if a membership is added or removed.

Pure functions over graphs; nothing here touches the dataset. An *edit* is ``("+", iso3, process_id)``
or ``("-", iso3, process_id)``; links carry them as ``+KEN:apc,-THA:asean``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import metrics
from .i18n import _, count_text, format_number
from .network import Incidence, process_node, state_node

Edit = tuple[str, str, str]
MAX_EDITS = 20


def format_edits(edits: Iterable[Edit]) -> str:
    """``[("+", "KEN", "apc")]`` → ``"+KEN:apc"``."""
    return ",".join(f"{op}{iso3}:{process_id}" for op, iso3, process_id in edits)


def parse_edits(raw: str) -> tuple[tuple[Edit, ...], list[str]]:
    """Read edits from a link; returns the edits and the pieces that could not be read."""
    edits: list[Edit] = []
    bad: list[str] = []
    for piece in (p for p in raw.split(",") if p):
        # A "+" typed into a link arrives as a space (form encoding); links we write use %2B.
        piece = "+" + piece[1:] if piece.startswith(" ") else piece
        op, body = piece[:1], piece[1:]
        iso3, _, process_id = body.partition(":")
        if op in "+-" and op and iso3 and process_id:
            edits.append((op, iso3, process_id))
        else:
            bad.append(piece)
    return tuple(edits[:MAX_EDITS]), bad + [format_edits(edits[MAX_EDITS:])] * (len(edits) > MAX_EDITS)


def toggle(edits: tuple[Edit, ...], edit: Edit) -> tuple[Edit, ...]:
    """Add `edit`, or cancel it against its opposite already in the list."""
    opposite = ("-" if edit[0] == "+" else "+", edit[1], edit[2])
    if opposite in edits:
        return tuple(e for e in edits if e != opposite)
    if edit in edits:
        return edits
    return (*edits, edit)


def edit_incidence(inc: Incidence, full: nx.Graph, edits: Iterable[Edit]) -> Incidence:
    """The incidence matrix `inc` with `edits` applied, as a new matrix (``inc`` is not touched).

    Working on the matrix rather than copying a graph keeps a what-if cheap at any size (a graph of
    35,000 memberships takes ~80 ms to copy). States and processes an edit adds come in at their
    sorted place; those an edit leaves without any membership drop out, as in a filtered graph. An
    edit naming a state or process `full` does not know is skipped.
    """
    states, processes = set(inc.states), set(inc.processes)
    known = [
        (op, state_node(iso3), process_node(pid))
        for op, iso3, pid in edits
        if state_node(iso3) in full and process_node(pid) in full
    ]
    for op, s, p in known:
        if op == "+":
            states.add(s)
            processes.add(p)
    rows, cols = sorted(states), sorted(processes)
    row_of, col_of = {n: i for i, n in enumerate(rows)}, {n: i for i, n in enumerate(cols)}
    old = inc.matrix.tocoo()
    matrix = sp.lil_matrix((len(rows), len(cols)), dtype=np.int64)
    if old.nnz:
        remap_r = np.array([row_of[n] for n in inc.states], dtype=np.int64)
        remap_c = np.array([col_of[n] for n in inc.processes], dtype=np.int64)
        matrix = sp.coo_matrix(
            (np.ones(old.nnz, dtype=np.int64), (remap_r[old.row], remap_c[old.col])),
            shape=(len(rows), len(cols)),
        ).tolil()
    for op, s, p in known:
        if s in row_of and p in col_of:
            matrix[row_of[s], col_of[p]] = 1 if op == "+" else 0
    matrix = matrix.tocsr()
    matrix.eliminate_zeros()
    keep_r = np.flatnonzero(np.asarray(matrix.sum(axis=1)).ravel() > 0)
    keep_c = np.flatnonzero(np.asarray(matrix.sum(axis=0)).ravel() > 0)
    return Incidence(
        tuple(rows[i] for i in keep_r), tuple(cols[j] for j in keep_c), matrix[keep_r][:, keep_c].tocsr()
    )


def compare_centrality(
    real: Incidence,
    edited: Incidence,
    node: tuple[str, str],
    which: Iterable[str] = metrics.PROJECTION_METRICS,
) -> pd.DataFrame:
    """The one-mode centralities (those in `which`) of one state or process, real against what-if,
    with its rank in each.

    Columns: ``metric, real, what_if, change, rank_real, rank_what_if`` (rank 1 = highest; NaN and
    an empty rank when the node is not in that network).
    """
    side = node[0]
    wanted = [m for m in metrics.PROJECTION_METRICS if m in set(which)]
    tables = [metrics.projection_centralities(inc, side, wanted) for inc in (real, edited)]
    rows = []
    for metric in wanted:
        values, ranks = [], []
        for table in tables:
            if node[1] not in table.index:
                values.append(np.nan)
                ranks.append(pd.NA)
                continue
            column = table[metric]
            values.append(float(column[node[1]]))
            ranks.append(int((column > column[node[1]] + 1e-12).sum()) + 1)
        rows.append((metric, values[0], values[1], values[1] - values[0], ranks[0], ranks[1]))
    return pd.DataFrame(rows, columns=["metric", "real", "what_if", "change", "rank_real", "rank_what_if"])


def compare_regions(real: Incidence, edited: Incidence, full: nx.Graph) -> pd.DataFrame:
    """The region summary, real against what-if, for the regions whose numbers changed."""
    a, b = (metrics.region_summary(full, inc).set_index("region") for inc in (real, edited))
    rows = []
    for region in dict.fromkeys([*a.index, *b.index]):
        for column in ("processes", "states", "memberships", "density", "mean_memberships"):
            before = float(a.loc[region, column]) if region in a.index else 0.0
            after = float(b.loc[region, column]) if region in b.index else 0.0
            if abs(before - after) > 1e-12:
                rows.append((region, column, before, after, after - before))
    return pd.DataFrame(rows, columns=["region", "measure", "real", "what_if", "change"])


def compare_overlaps(
    real: Incidence, edited: Incidence, full: nx.Graph, process_ids: Iterable[str], top: int = 5
) -> pd.DataFrame:
    """For each edited process, its Jaccard overlap with the processes it overlaps most (in either
    network), real against what-if."""
    frames = []
    jaccard = [metrics.overlap_matrix(full, "jaccard", inc) for inc in (real, edited)]
    for process_id in dict.fromkeys(process_ids):
        values = [
            m.loc[process_id].drop(process_id, errors="ignore")
            if process_id in m.index
            else pd.Series(dtype=float)
            for m in jaccard
        ]
        both = pd.concat(values, axis=1, keys=["real", "what_if"]).fillna(0.0)
        both = both[(both.real > 0) | (both.what_if > 0)]
        both = both.assign(strongest=both.max(axis=1)).sort_values("strongest", ascending=False).head(top)
        frames.append(
            both.drop(columns="strongest")
            .rename_axis("other")
            .reset_index()
            .assign(process=process_id, change=lambda f: f.what_if - f.real)[
                ["process", "other", "real", "what_if", "change"]
            ]
        )
    if not frames:
        return pd.DataFrame(columns=["process", "other", "real", "what_if", "change"])
    return pd.concat(frames, ignore_index=True)


def _join_reason(c: int, closest: int, n: int, neighbours: int, name: str, subregion: str) -> str:
    """Why a process is suggested, in the interface language: closest co-members in it, neighbours
    in it (the verb agrees with the count: "1 of its 9 closest co-members is in MIDSA")."""
    parts = []
    if c:
        parts.append(
            count_text(
                "{n} of its {closest} closest co-members is in {name}",
                "{n} of its {closest} closest co-members are in {name}",
                c,
                closest=format_number(closest),
                name=name,
            )
        )
    if n:
        parts.append(
            count_text(
                "{n} of the {neighbours} other states of {subregion} is in {name}",
                "{n} of the {neighbours} other states of {subregion} are in {name}",
                n,
                neighbours=format_number(neighbours),
                subregion=subregion,
                name=name,
            )
        )
    return "; ".join(parts) + "."


def join_suggestions(G: nx.Graph, iso3: str, closest: int = 9, limit: int = 10) -> pd.DataFrame:
    """Processes a state is not in but its closest partners and neighbours are, ranked.

    Its *closest co-members* are the `closest` states it shares most processes with (ties by name);
    its *neighbours* are the other states of its UN subregion in `G`. A process scores by how many
    closest co-members are in it, then how many neighbours. Columns: ``process_id, process,
    closest_in, neighbours_in, size, reason``.
    """
    node = state_node(iso3)
    columns = ["process_id", "process", "closest_in", "neighbours_in", "size", "reason"]
    if node not in G:
        return pd.DataFrame(columns=columns)
    partners = metrics.co_members(G, iso3).head(closest)
    close = {state_node(c) for c in partners["iso3"]}
    subregion = G.nodes[node]["subregion"]
    neighbours = {
        n for n, d in G.nodes(data=True) if d["bipartite"] == 0 and n != node and d["subregion"] == subregion
    }
    mine = set(G[node])
    rows = []
    for p, data in G.nodes(data=True):
        if data["bipartite"] != 1 or p in mine:
            continue
        members = set(G[p])
        c, n = len(members & close), len(members & neighbours)
        if c == 0 and n == 0:
            continue
        reason = _join_reason(
            c, len(close), n, len(neighbours), data.get("acronym") or data["name"], _(subregion)
        )
        rows.append((p[1], data["name"], c, n, len(members), reason))
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(
        ["closest_in", "neighbours_in", "size", "process"], ascending=[False, False, True, True]
    )
    return frame.head(limit).reset_index(drop=True)
