"""The Python API for notebooks and scripts: the dashboard's numbers as pandas DataFrames and its
charts as plotly figures, for any dataset (docs/api.md is the guide; the tests run it).

Every function takes the dataset (default: :func:`load`'s) and the filters of
:class:`~rcpdash.network.GraphFilter` as keywords: ``regions``, ``kinds``, ``role_class``
(``"members"``, the default, leaves observers and partners out: they are not members), ``year``,
``continents``, ``processes``, ``themes``. Tuples or lists both work. ``sources="all"`` (the default,
as in the dashboard) counts the report's memberships and the reference sources' full memberships of
formal organizations (``data/reference_memberships.csv``, every row citing its source);
``sources="report"`` only what the report names.

>>> import rcpdash
>>> ds = rcpdash.load()
>>> print(rcpdash.region_summary(ds, regions=["africa"])[["region", "processes", "states"]])
   region  processes  states
0  africa         27      54
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from . import figures, metrics, queries
from .analysis import heatmap_overlap
from .config import DATA_DIR, EDITION_CHOICES, SOURCE_CHOICES
from .data import Dataset, load_dataset, with_edition, with_reference_memberships
from .network import GraphFilter, build_graph, filter_graph, incidence_for

__all__ = [
    "bridges",
    "centralities",
    "centrality_chart",
    "graph",
    "load",
    "membership_map",
    "memberships",
    "overlap_heatmap",
    "overlaps",
    "region_chart",
    "region_summary",
]


def load(data_dir: Path | str | None = None) -> Dataset:
    """The dataset in `data_dir` (default: the report's, shipped with the package, or
    ``RCPDASH_DATA``), validated; loaded once per folder and cached.

    A folder with problems raises :class:`~rcpdash.data.DataValidationError` listing every one
    (file, row, column). The tables are ``ds.processes``, ``ds.states``, ``ds.memberships``...
    (``ds.summary()`` counts them).

    >>> ds = load()
    >>> ds.summary()["processes"], ds.summary()["states"]
    (177, 186)
    """
    return load_dataset(DATA_DIR if data_dir is None else data_dir)


def _prepare(dataset: Dataset | None, filters: dict) -> tuple[nx.Graph, GraphFilter]:
    """The full graph of `dataset` with the memberships ``sources`` and ``edition`` name (as the views
    count them: "2005", the default, "2013" or "both"), and the GraphFilter of the other keywords
    (lists become tuples: the filter is hashable).

    >>> len(memberships(edition="2013", processes=["budapest_process"]))
    53
    """
    filters = dict(filters)
    sources = filters.pop("sources", "all")
    edition = str(filters.pop("edition", "2005"))
    if sources not in SOURCE_CHOICES:
        raise ValueError(f"sources must be one of {SOURCE_CHOICES}, got {sources!r}")
    if edition not in EDITION_CHOICES:
        raise ValueError(f"edition must be one of {EDITION_CHOICES}, got {edition!r}")
    ds = dataset if dataset is not None else load()
    if edition == "2013":
        ds = with_edition(ds, edition)  # the later edition alone, as the views count it
    elif sources == "all":
        ds = with_reference_memberships(ds)
    if edition == "both":
        ds = with_edition(ds, edition)
    flt = GraphFilter(**{k: tuple(v) if isinstance(v, list | set) else v for k, v in filters.items()})
    return build_graph(ds), flt


def graph(dataset: Dataset | None = None, **filters: object) -> nx.Graph:
    """The bipartite networkx graph (nodes ``("state", iso3)`` and ``("process", id)``) under the
    filters; states and processes left without members are dropped."""
    G, flt = _prepare(dataset, filters)
    return filter_graph(G, flt)


def memberships(dataset: Dataset | None = None, **filters: object) -> pd.DataFrame:
    """One row per state and process the filters keep: ``iso3, state, process_id, process, roles``."""
    return queries.membership_list(*_prepare(dataset, filters))


def overlaps(dataset: Dataset | None = None, measure: str = "jaccard", **filters: object) -> pd.DataFrame:
    """Process × process overlap, indexed by process id: ``shared`` (states in both), ``jaccard``
    (shared / states in either) or ``overlap`` (shared / size of the smaller)."""
    return metrics.overlap_matrix(graph(dataset, **filters), measure)


def centralities(dataset: Dataset | None = None, side: str = "state", **filters: object) -> pd.DataFrame:
    """Every centrality of the states (``side="state"``) or processes (``"process"``): columns
    ``id, name, group`` then one per metric (:data:`rcpdash.metrics.CENTRALITY_METRICS`)."""
    G, flt = _prepare(dataset, filters)
    return metrics.centrality_table(G, side, incidence_for(G, flt))


def region_summary(dataset: Dataset | None = None, **filters: object) -> pd.DataFrame:
    """One row per report region: processes, states, memberships, density, mean and median
    memberships per state, cross-regional processes."""
    G, flt = _prepare(dataset, filters)
    return metrics.region_summary(G, incidence_for(G, flt))


def bridges(dataset: Dataset | None = None, min_regions: int = 2, **filters: object) -> pd.DataFrame:
    """States in processes of at least `min_regions` of the report's regional chapters: ``iso3,
    name, continent, n_regions, regions, n_processes``, most regions first."""
    return metrics.bridge_states(graph(dataset, **filters), min_regions)


def membership_map(dataset: Dataset | None = None, title: str | None = None, **filters: object) -> go.Figure:
    """World map: how many processes each state belongs to under the filters.

    In Jupyter, plotly.js fetches the country shapes from its CDN; for offline use give
    ``fig.show(config={"topojsonURL": ...})`` a URL serving ``assets/topojson/``."""
    G, flt = _prepare(dataset, filters)
    frame = queries.map_counts(G, incidence_for(G, flt))
    return figures.world_map(frame, queries.shaped_codes(), title or "Processes each state belongs to")


def overlap_heatmap(
    dataset: Dataset | None = None, measure: str = "jaccard", title: str | None = None, **filters: object
) -> go.Figure:
    """Heatmap of :func:`overlaps` as the dashboard draws it: processes with at least three states
    (the 90 largest), ordered by hierarchical clustering so blocks sharing members sit together."""
    G, flt = _prepare(dataset, filters)
    matrix = heatmap_overlap(G, incidence_for(G, flt), measure)
    labels = {n[1]: d["name"] for n, d in G.nodes(data=True) if n[0] == "process"}
    label = figures.MEASURE_LABELS[measure]
    return figures.matrix_heatmap(
        matrix, labels, title or f"Process × process overlap: {label.lower()}", label
    )


def centrality_chart(
    dataset: Dataset | None = None,
    metric: str = "degree",
    side: str = "state",
    top: int = 15,
    title: str | None = None,
    **filters: object,
) -> go.Figure:
    """Bars of the `top` states (or processes) by `metric`, coloured by continent (or region)."""
    ranked = metrics.top_n(centralities(dataset, side, **filters), metric, top)
    label = figures.METRIC_LABELS[metric]
    return figures.centrality_bars(ranked, metric, side, title or f"Top {len(ranked)} by {label.lower()}")


def region_chart(dataset: Dataset | None = None, title: str | None = None, **filters: object) -> go.Figure:
    """Small multiples comparing the report's regional chapters (one panel per measure)."""
    G = graph(dataset, **filters)
    table = metrics.region_comparison(G)
    return figures.region_multiples(table, title or "The regions side by side")
