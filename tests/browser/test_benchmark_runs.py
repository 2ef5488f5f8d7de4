"""The browser benchmark still drives the app (its figures are printed by `make bench-browser`;
nothing here looks at a timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BROWSER_BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "browser.py"


def test_the_browser_benchmark_measures_a_click_and_the_floor():
    # Its own process: Playwright's sync API runs one instance per process, and the tests hold one.
    run = subprocess.run(
        [sys.executable, str(BROWSER_BENCH), "--rounds", "1", "--only", "heatmap cell"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    rows = {line[:40].strip(): line[40:].split() for line in run.stdout.splitlines() if " · " in line[:40]}
    assert sorted(rows) == ["heatmap cell · APC × Bali", "tick a region · floor"], run.stdout
    assert "FAILED" not in run.stdout
    assert rows["tick a region · floor"][2] == "1.00"  # the floor is its own unit
