"""The frames behind the tables: what the views show and the CSV download sends.

Each is a plain function of the view state; a view names the ones it shows in its declaration
(``VIEW.tables`` in its module), so the CSV download finds a table by the name on its button.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ... import analysis, datasets, metrics, queries
from ...config import PROCESS_SELECTIONS, REGION_LABELS
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


def map_table(vs: ViewState) -> pd.DataFrame:
    """Processes per state under the filters (the map's table)."""
    counts = queries.map_counts(
        analysis.full_graph(), analysis.graph_incidence(vs.graph_filter()), analysis.reference_labels()
    )
    return counts.drop(columns=["lat", "lon"]).rename(columns={"value": "n_processes"})


def process_map_table(vs: ViewState) -> pd.DataFrame | None:
    """The states of the picked process with their status (the process map's table)."""
    if not vs.process:
        return None
    G = analysis.graph(vs.graph_filter())
    return queries.map_process(G, vs.process, analysis.reference_labels()).drop(columns=["lat", "lon"])


def network_edges_table(vs: ViewState) -> pd.DataFrame:
    """Every membership the filters keep, one row per state and process."""
    return queries.membership_list(analysis.full_graph(), vs.graph_filter())


def selected_processes(vs: ViewState) -> tuple[str, ...] | None:
    """The process ids of the ready selection the link names (None: no selection)."""
    return PROCESS_SELECTIONS[vs.selection][1] if vs.selection in PROCESS_SELECTIONS else None


def overlap_matrix(vs: ViewState, measure: str | None = None) -> pd.DataFrame:
    """The process × process overlap under the filters (`measure`, else the chosen one), restricted to
    the ready selection when the link names one (in the same cluster order)."""
    matrix = analysis.overlap(vs.graph_filter(), measure or vs.measure)
    selected = selected_processes(vs)
    if selected is None:
        return matrix
    keep = [p for p in matrix.index if p in selected]
    return matrix.loc[keep, keep]


def overlap_table(vs: ViewState) -> pd.DataFrame:
    """The process × process overlap matrix under the chosen measure."""
    return overlap_matrix(vs).rename_axis("process_id").reset_index()


def overlap_pairs_table(vs: ViewState) -> pd.DataFrame:
    """The overlap matrix as one row per pair of processes, largest first."""
    return matrix_pairs(overlap_matrix(vs), process_labels(vs.graph_filter()), "process", "with", vs.measure)


def selection_counts_table(vs: ViewState) -> pd.DataFrame | None:
    """How many processes of the ready selection each state belongs to under the filters: ``iso3,
    name, count, processes`` (labels, comma-separated), most first (None: no selection)."""
    selected = selected_processes(vs)
    if selected is None:
        return None
    G = analysis.graph(vs.graph_filter())
    within = metrics.memberships_within(G, selected)
    names = {p: queries.node_label(G, ("process", p)) for p in selected if ("process", p) in G}
    labels = within["processes"].map(
        lambda ids: ", ".join(sorted((names[p] for p in ids.split(";")), key=str.casefold))
    )
    return within.assign(processes=labels)


def co_membership_table(vs: ViewState) -> pd.DataFrame:
    """The state × state co-membership matrix of the chosen region."""
    return analysis.co_membership(cregion_filter(vs)).rename_axis("iso3").reset_index()


def co_membership_pairs_table(vs: ViewState) -> pd.DataFrame:
    """The co-membership matrix as one row per pair of states, largest first."""
    return matrix_pairs(analysis.co_membership(cregion_filter(vs)), state_names(), "state", "with", "shared")


def shared_members_table(vs: ViewState) -> pd.DataFrame | None:
    """The states in both processes of the picked pair."""
    if not vs.pair:
        return None
    codes = metrics.shared_members(analysis.graph(vs.graph_filter()), *vs.pair)
    states = datasets.dataset().states
    return states[states.iso3.isin(codes)][["iso3", "name", "continent"]].reset_index(drop=True)


def centrality_table(vs: ViewState) -> pd.DataFrame:
    """The top states or processes by the chosen metric, every metric as a column."""
    ranked = metrics.top_n(analysis.centrality(vs.graph_filter(), vs.side, vs.metric), vs.metric, vs.top)
    return ranked.assign(group=ranked["group"].map(lambda g: REGION_LABELS.get(g, g)))


def regions_table(vs: ViewState) -> pd.DataFrame:
    """The regions side by side on the normalised measures."""
    return analysis.region_comparison(vs.graph_filter())


def bridge_states_table(vs: ViewState) -> pd.DataFrame:
    """The states in processes of two or more report regions (codes; the view names them)."""
    return analysis.bridge_states(vs.graph_filter())


def growth_table(vs: ViewState) -> pd.DataFrame:
    """Processes and memberships per year and region."""
    return analysis.growth(vs.graph_filter())


def theme_counts_table(vs: ViewState) -> pd.DataFrame:
    """How many processes work on each theme, per region."""
    return (
        theme_cells(vs)
        .pivot_table(index="theme", columns="region", values="process_id", aggfunc="count", fill_value=0)
        .reset_index()
    )


def state_memberships_table(vs: ViewState) -> pd.DataFrame | None:
    """The profiled state's processes with roles, years and the report's words."""
    if not vs.state:
        return None
    return queries.state_memberships(datasets.dataset(), analysis.graph(vs.graph_filter()), vs.state)


def co_members_table(vs: ViewState) -> pd.DataFrame | None:
    """The profiled state's co-members ranked by shared processes, the shared processes named (their
    acronym, else their name cut to 28 characters as on the heatmap axes: the state's own table above gives them in full, and
    a one-page brief has no room for several 100-character names a row), comma-separated."""
    if not vs.state:
        return None
    G = analysis.graph(vs.graph_filter())
    co = metrics.co_members(G, vs.state)

    def label(process_id: str) -> str:
        return queries.short_label(queries.node_label(G, ("process", process_id)))

    names = co["processes"].map(
        lambda ids: ", ".join(sorted((label(p) for p in ids.split(";") if p), key=str.casefold))
    )
    return co.assign(processes=names)


def process_members_table(vs: ViewState) -> pd.DataFrame | None:
    """The profiled process's members and observers with the report's words."""
    if not vs.process:
        return None
    return queries.process_members(datasets.dataset(), analysis.graph(vs.graph_filter()), vs.process)
