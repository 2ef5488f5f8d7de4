"""The frame behind every table: what the views show and the CSV download sends."""

from __future__ import annotations

import pandas as pd

from ... import analysis, metrics, queries
from ...config import REGION_LABELS
from ...urlstate import ViewState
from .common import (
    cregion_filter,
    theme_cells,
)


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
