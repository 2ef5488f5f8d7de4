"""Benchmark at Correlates-of-War scale: app start and every view's render time.

    .venv/bin/python benchmarks/scale.py [--calls 50] [--data DIR]

Generates ~200 states × 530 organizations × 60 years (rcpdash.synthetic) into a temporary folder
unless --data names one, starts the app on it in a fresh process (so start-up is measured as an
operator meets it), then renders every view --calls times with different filters, cold (per-filter
caches emptied) and warm (same filters again); then the what-if panel and the CSV download, cold.
Budgets (issue 6): start < 15 s, every callback p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, random, statistics, sys, time
from dataclasses import asdict
start = time.perf_counter()
import app  # noqa: F401
from rcpdash import analysis
from rcpdash import datasets
analysis.warm_up()
started = time.perf_counter() - start
from rcpdash.config import PROCESS_KINDS
from rcpdash.ui.callbacks import render_view
from rcpdash.urlstate import REGION_FILTERS, VIEWS, ViewState
calls = int(sys.argv[1])
ds = datasets.dataset()
rng = random.Random(5)
states, processes = sorted(set(ds.memberships.iso3)), sorted(set(ds.memberships.process_id))
out = {"start_s": started, "memberships": len(ds.memberships), "views": {}}
def p95(xs):
    xs = sorted(xs); return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
for view in VIEWS:
    cases = [ViewState(view=view, regions=tuple(r for r in REGION_FILTERS if rng.random() < 0.7) or ("africa",),
                       kinds=tuple(k for k in PROCESS_KINDS if rng.random() < 0.8) or ("rcp",),
                       roles=rng.choice(("members", "all")), year=rng.choice((None, *range(1990, 2006))),
                       state=rng.choice(states), process=rng.choice(processes)) for _ in range(calls)]
    cold, warm = [], []
    for vs in cases:
        analysis.clear_caches()
        t = time.perf_counter(); render_view(asdict(vs)); cold.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); render_view(asdict(vs)); warm.append((time.perf_counter() - t) * 1000)
    out["views"][view] = {"cold_median": statistics.median(cold), "cold_p95": p95(cold),
                          "warm_median": statistics.median(warm), "warm_p95": p95(warm)}
from rcpdash.ui.callbacks import download_csv, render_whatif
from dash._callback_context import context_value
from dash._utils import AttributeDict
extra = {"whatif": [], "csv": []}
for i in range(calls):
    vs = ViewState(view="state", state=rng.choice(states), year=rng.choice((None, 2000)),
                   edits=(("+", rng.choice(states), rng.choice(processes)),))
    vs = vs.with_changes(edits=((vs.edits[0][0], vs.state, vs.edits[0][2]),))
    analysis.clear_caches()
    t = time.perf_counter(); render_whatif(asdict(vs)); extra["whatif"].append((time.perf_counter() - t) * 1000)
    table = ("map", "centrality", "network-edges", "state-memberships", "co-members")[i % 5]
    analysis.clear_caches()
    t = time.perf_counter(); download_csv({"table": table}, asdict(vs)); extra["csv"].append((time.perf_counter() - t) * 1000)
for name, xs in extra.items():
    out["views"][name] = {"cold_median": statistics.median(xs), "cold_p95": p95(xs), "warm_median": float("nan"),
                          "warm_p95": float("nan")}
print(json.dumps(out))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--data", type=Path, help="an existing dataset folder (default: generate one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "scale"
        if args.data is None:
            subprocess.run([sys.executable, "-m", "rcpdash.synthetic", str(data)], cwd=ROOT, check=True)
        env = {
            **os.environ,
            "RCPDASH_DATA": str(data),
            "OPENBLAS_NUM_THREADS": "1",
            "RCPDASH_LOG_LEVEL": "WARNING",
        }
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(max(1, args.calls))],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            print(result.stderr[-3000:], file=sys.stderr)
            return 1
        report = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"dataset: {report['memberships']} membership rows; app start (load, graph, layout): "
        f"{report['start_s']:.1f} s (budget 15 s)"
    )
    print(
        f"{'view':<12} {'cold median':>12} {'cold p95':>10} {'warm median':>12} {'warm p95':>10}   (ms; budget p95 150)"
    )
    over = 0
    for view, t in report["views"].items():
        flag = "ok" if t["cold_p95"] < 150 else "over"
        over += flag == "over"
        print(
            f"{view:<12} {t['cold_median']:12.0f} {t['cold_p95']:10.0f} {t['warm_median']:12.1f} {t['warm_p95']:10.1f}   {flag}"
        )
    return 1 if over or report["start_s"] >= 15 else 0


if __name__ == "__main__":
    raise SystemExit(main())
