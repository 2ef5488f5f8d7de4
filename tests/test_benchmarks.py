"""The benchmark scripts still run against the current callbacks (their figures are printed by
`make bench`; nothing here looks at a timing)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from rcpdash.urlstate import VIEWS

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("rcpdash_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_callback_benchmark_runs(bench):
    rows = bench.bench_callbacks(2)
    names = [line.split(" n=")[0].strip() for line, _p95 in rows]
    assert names == [
        "sync_state (url or control)",
        *(f"render_view [{view}]" for view in VIEWS),
        "render_whatif (1-3 edits)",
        "download_csv",
    ]


def test_the_play_benchmark_steps_the_timeline_to_2005(bench):
    from rcpdash.ui.layout import first_year

    (line,) = bench.bench_play()
    assert line.startswith(f"timeline play: {2005 - first_year()} frames, server time per frame median ")
