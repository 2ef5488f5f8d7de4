"""The frame behind every table: what the views show and the CSV download sends."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import analysis, metrics, queries
from ...config import REGION_LABELS
from ...urlstate import ViewState
from .common import (
    cregion_filter,
    process_labels,
    theme_cells,
)


def matrix_pairs(
    matrix: pd.DataFrame, names: dict[str, str], first: str, second: str, value: str
) -> pd.DataFrame:
    """A symmetric matrix as one row per pair (upper triangle, zeros left out), largest first: the
    table a screen reader reads instead of a heatmap."""
    values = matrix.to_numpy()
    rows, cols = np.triu_indices(len(matrix), k=1)
    keep = values[rows, cols] != 0
    keys = matrix.index.to_list()
    pairs = pd.DataFrame(
        {
            first: [names.get(keys[i], keys[i]) for i in rows[keep]],
            second: [names.get(keys[j], keys[j]) for j in cols[keep]],
            value: values[rows[keep], cols[keep]],
        }
    )
    return pairs.sort_values(
        [value, first, second], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def state_names() -> dict[str, str]:
    full = analysis.full_graph()
    return {n[1]: queries.node_label(full, n) for n in full if n[0] == "state"}


def table_frame(vs: ViewState, table: str) -> pd.DataFrame | None:
    """The frame behind a table of the current view, or None for an unknown table name."""
    flt = vs.graph_filter()
    ds = analysis.dataset()
    full = analysis.full_graph()
    if table == "map":
        counts = queries.map_counts(full, analysis.graph_incidence(flt))
        return counts.drop(columns=["lat", "lon"]).rename(columns={"value": "n_processes"})
    if table == "network-edges":
        return queries.membership_list(full, flt)
    G = analysis.graph(flt)  # the tables below read the filtered graph itself
    if table == "process-map" and vs.process:
        return queries.map_process(G, vs.process).drop(columns=["lat", "lon"])
    if table == "overlap":
        return analysis.overlap(flt, vs.measure).rename_axis("process_id").reset_index()
    if table == "overlap-pairs":
        return matrix_pairs(
            analysis.overlap(flt, vs.measure), process_labels(flt), "process", "with", vs.measure
        )
    if table == "co-membership-pairs":
        return matrix_pairs(
            analysis.co_membership(cregion_filter(vs)), state_names(), "state", "with", "shared"
        )
    if table == "shared-members" and vs.pair:
        codes = metrics.shared_members(G, *vs.pair)
        return ds.states[ds.states.iso3.isin(codes)][["iso3", "name", "continent"]].reset_index(drop=True)
    if table == "co-membership":
        return analysis.co_membership(cregion_filter(vs)).rename_axis("iso3").reset_index()
    if table == "centrality":
        ranked = metrics.top_n(analysis.centrality(flt, vs.side, vs.metric), vs.metric, vs.top)
        return ranked.assign(group=ranked["group"].map(lambda g: REGION_LABELS.get(g, g)))
    if table == "regions":
        return analysis.region_comparison(flt)
    if table == "growth":
        return analysis.growth(flt)
    if table == "themes":
        return theme_cells(vs)
    if table == "theme-counts":
        cells = theme_cells(vs)
        return cells.pivot_table(
            index="theme", columns="region", values="process_id", aggfunc="count", fill_value=0
        ).reset_index()
    if table == "state-memberships" and vs.state:
        return queries.state_memberships(ds, G, vs.state)
    if table == "co-members" and vs.state:
        return metrics.co_members(G, vs.state)
    if table == "process-members" and vs.process:
        return queries.process_members(ds, G, vs.process)
    return None
