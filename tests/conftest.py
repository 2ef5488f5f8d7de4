from __future__ import annotations

import os

# The app logs a JSON line per request; tests that read the log raise the level themselves.
os.environ.setdefault("RCPDASH_LOG_LEVEL", "WARNING")

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
