"""Measure the network figures as a browser draws them: overlapping labels, fill, legend, screenshots.

    .venv/bin/python benchmarks/network_labels.py [--shots DIR] [--only NAME]

Serves the app in this process, opens each case in headless Debian Chromium at its viewport and reads
from the drawn plotly graph:

- **labels**: the node labels drawn (``.scatterlayer .textpoint text``) and how many pairs of their
  ``getBoundingClientRect()`` boxes overlap (by more than half a pixel);
- **fill**: the box around the drawn nodes (``.scatterlayer .point``) over the plot area (the drag
  layer, ``.nsewdrag``), both clipped to the plot area;
- **legend over graph**: whether the legend box meets the plot area.

With ``--shots DIR`` it also saves a screenshot of each case as ``DIR/<name>.png`` (the screen) and
``DIR/<name>-graph.png`` (the whole graph).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("RCPDASH_CHROMIUM", "/usr/bin/chromium")

#: name, query, viewport (width, height), which graph on the page (0: the first cartesian one)
CASES = [
    ("default-1366", "/?view=network", (1366, 768)),
    ("present-1920", "/?view=network&present=1", (1920, 1080)),
    ("tour-canada-1920", "/?view=network&focus=state%3ACAN&present=1&tour=default&step=9", (1920, 1080)),
    ("canada-1366", "/?view=network&focus=state%3ACAN", (1366, 768)),
    ("phone-390", "/?view=network", (390, 844)),
    ("state-canada-1366", "/?view=state&state=CAN", (1366, 768)),
    ("processes-1366", "/?view=network&graph=processes", (1366, 768)),
    ("communities-multilateral-1366", "/?view=network&colour=community&multilateral=1", (1366, 768)),
]

MEASURE = """
gd => {
  const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
  const boxes = [...gd.querySelectorAll('.scatterlayer .textpoint text')]
    .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none'
                 && getComputedStyle(t.parentNode).display !== 'none')
    .map(t => [t.textContent, t.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0);
  let overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i][1], b = boxes[j][1];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 0.5 && h > 0.5) overlaps.push([boxes[i][0], boxes[j][0]]);
  }
  const pts = [...gd.querySelectorAll('.scatterlayer .point')]
    .map(p => p.getBoundingClientRect()).filter(r => r.width > 0);
  const clip = (lo, hi, v) => Math.max(lo, Math.min(hi, v));
  let fill = 0;
  if (pts.length) {
    const l = clip(plot.left, plot.right, Math.min(...pts.map(r => r.left)));
    const r = clip(plot.left, plot.right, Math.max(...pts.map(r => r.right)));
    const t = clip(plot.top, plot.bottom, Math.min(...pts.map(r => r.top)));
    const b = clip(plot.top, plot.bottom, Math.max(...pts.map(r => r.bottom)));
    fill = ((r - l) * (b - t)) / (plot.width * plot.height);
  }
  const legend = gd.querySelector('.legend');
  let legendOver = false, legendCut = false;
  if (legend) {
    const g = legend.getBoundingClientRect();
    legendOver = g.width > 0 && g.left < plot.right && g.right > plot.left && g.top < plot.bottom && g.bottom > plot.top;
    const page = gd.getBoundingClientRect();
    legendCut = g.bottom > page.bottom + 1 || g.right > page.right + 1 || g.left < page.left - 1;
  }
  return {labels: boxes.length, overlaps: overlaps.length, pairs: overlaps.slice(0, 8),
          fill: Math.round(fill * 1000) / 1000, plot: [Math.round(plot.width), Math.round(plot.height)],
          legend_over_graph: legendOver, legend_cut: legendCut, names: boxes.map(b => b[0])};
}
"""


def serve_app() -> str:
    from werkzeug.serving import make_server

    import app
    from rcpdash import analysis

    for name in ("werkzeug", "rcpdash"):
        logging.getLogger(name).setLevel(logging.ERROR)
    analysis.warm_up()
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}"


def measure(shots: Path | None, only: str | None) -> list[dict]:
    """Open every case (or only `only`) and return what :data:`MEASURE` reads, with the case's name."""
    from playwright.sync_api import sync_playwright

    base = serve_app()
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9"],
        )
        for name, query, (width, height) in CASES:
            if only and only != name:
                continue
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + query)
            graph = page.locator(".js-plotly-plot:has(.cartesianlayer .scatterlayer .point)").first
            graph.wait_for(timeout=30_000)
            page.wait_for_timeout(800)  # let plotly finish its relayout after the fonts settle
            result = {"case": name, **graph.evaluate(MEASURE)}
            results.append(result)
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shots / f"{name}.png"))
                graph.screenshot(path=str(shots / f"{name}-graph.png"))
            page.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="save a screenshot of each case in this folder")
    parser.add_argument("--only", help="measure only this case")
    parser.add_argument("--names", action="store_true", help="list the labels drawn")
    args = parser.parse_args()
    for r in measure(args.shots, args.only):
        names = r.pop("names")
        print(json.dumps(r, ensure_ascii=False))
        if args.names:
            print("   ", ", ".join(names))


if __name__ == "__main__":
    main()
