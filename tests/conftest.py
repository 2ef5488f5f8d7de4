from __future__ import annotations

import networkx as nx
import pytest

from rcpdash.data import Dataset, load_dataset, read_dataset
from rcpdash.network import build_graph

from .fixtures import tiny_tables


@pytest.fixture(scope="session")
def tiny() -> Dataset:
    return read_dataset(tiny_tables())


@pytest.fixture(scope="session")
def tiny_graph(tiny: Dataset) -> nx.Graph:
    return build_graph(tiny)


@pytest.fixture(scope="session")
def real() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def real_graph(real: Dataset) -> nx.Graph:
    return build_graph(real)
