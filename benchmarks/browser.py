"""Browser benchmark: what a person waits for, next to a bare Dash page doing the same.

    make bench-browser      # or: .venv/bin/python benchmarks/browser.py [--rounds 5] [--only NAME]

Headless Debian Chromium (Playwright, never a downloaded browser), 1366×768, a fresh browser context
(empty cache) for every page load. Two servers run side by side: the app (in this process, as the
browser tests serve it) and the floor (``benchmarks/floor_app.py``: one checklist and the same world
map, in its own process). Rounds alternate app and floor, so both meet the same machine.

Measured:

- **first map**: navigation start → ``path.choroplethlocation`` drawn (≥ 100 countries);
- **click → settled**: the click → the last DOM change before 700 ms without one (a MutationObserver
  on the whole page), for a region tick on every view, a view switch, a heatmap cell, a bar of the compare view, a what-if edit
  and each step of the default tour; the floor's is a region tick redrawing its map;
- **long tasks**: the longest main-thread task (Long Tasks API) during each measurement.

Prints medians over the rounds and the ratio to the floor (budgets: first map ≤ 1.3×, every click
≤ 2× the floor's redraw, every tour step ≤ 1 s).
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("RCPDASH_CHROMIUM", "/usr/bin/chromium")
QUIET_MS = 700
CAP_MS = 60_000
VIEWPORT = {"width": 1366, "height": 768}

# Installed before any page script: the time of the last DOM change, and every long task.
PROBE = """
(() => {
  window.__lastChange = performance.now();
  window.__longTasks = [];
  const start = () => new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  start();
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
})();
"""

COUNTRIES_DRAWN = "() => document.querySelectorAll('path.choroplethlocation').length >= 100"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_app() -> str:
    from werkzeug.serving import make_server

    import app
    from rcpdash import analysis

    for name in ("werkzeug", "rcpdash"):  # one log line per request would drown the figures
        logging.getLogger(name).setLevel(logging.ERROR)
    analysis.warm_up()
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}"


def serve_floor() -> tuple[str, subprocess.Popen]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "floor_app.py"), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return url, proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the floor app did not start")


class Probe:
    """One page with the probe installed, and the measurements made on it."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(PROBE)
        self.page = self.context.new_page()
        self.page.set_default_timeout(CAP_MS)

    def close(self) -> None:
        self.context.close()

    def load(self, url: str) -> float:
        """Navigation start → first map drawn, in ms."""
        self.page.goto(url, wait_until="commit")
        self.page.wait_for_function(COUNTRIES_DRAWN, polling=50, timeout=CAP_MS)
        return self.page.evaluate("() => performance.now()")

    def settle(self, since: float) -> float:
        """Wait until the page has not changed for QUIET_MS; the last change − `since`, in ms."""
        while True:
            now, last = self.page.evaluate("() => [performance.now(), window.__lastChange]")
            if now - last >= QUIET_MS or now - since > CAP_MS:
                return max(0.0, last - since)
            time.sleep(0.05)

    def open(self, url: str, ready: str | None = None) -> None:
        """Load `url` and wait until it is settled (and `ready` is attached, if given)."""
        self.page.goto(url)
        if ready:
            self.page.locator(ready).first.wait_for(state="attached")
        self.settle(self.page.evaluate("() => performance.now()"))

    def timed(self, action: Callable[[], None]) -> tuple[float, float]:
        """Do `action` (a click); (click → settled, longest task meanwhile), in ms."""
        start = self.page.evaluate("() => performance.now()")
        action()
        self.page.mouse.move(2, 2)  # no hover label left over the figure that was clicked
        settled = self.settle(start)
        longest = self.page.evaluate(
            "t0 => Math.max(0, ...window.__longTasks.filter(t => t[0] + t[1] >= t0).map(t => t[1]))", start
        )
        return settled, longest


def uncheck(label: str) -> Callable[[Probe], Callable[[], None]]:
    def action(p: Probe) -> Callable[[], None]:
        # The filters are folded to one line when a page opens: unfold them (not timed), then click.
        panel = p.page.locator("#filter-panel")
        if panel.count() and not panel.evaluate("d => d.open"):  # the floor page has no panel
            p.page.locator("#filter-panel > summary").click()
        return lambda: p.page.get_by_role("checkbox", name=label, exact=True).uncheck()

    return action


def click(selector: str) -> Callable[[Probe], Callable[[], None]]:
    return lambda p: lambda: p.page.locator(selector).first.click()


def heatmap_cell(p: Probe) -> Callable[[], None]:
    def act() -> None:
        box = p.page.locator('[id*=\'"name":"overlap"\'] .js-plotly-plot').evaluate(
            """gd => {
                const xs = gd.data[0].x, L = gd._fullLayout;
                const i = xs.indexOf('apc'), j = xs.indexOf('bali_process');
                const drag = gd.querySelector('.nsewdrag');
                // Scroll the cell to the middle of the window (it may lie below the fold).
                const top = drag.getBoundingClientRect().top + L.yaxis.l2p(i);
                window.scrollBy(0, top - window.innerHeight / 2);
                const r = drag.getBoundingClientRect();
                return {x: r.left + L.xaxis.l2p(j), y: r.top + L.yaxis.l2p(i)};
            }"""
        )
        p.page.mouse.click(box["x"], box["y"])

    return act


def upset_bar(p: Probe) -> Callable[[], None]:
    """Click the compare view's second bar (ECOWAS + MIDWA of the West Africa comparison)."""

    def act() -> None:
        box = p.page.locator('[id*=\'"name":"compare-upset"\'] .js-plotly-plot').evaluate(
            """gd => {
                const L = gd._fullLayout, r = gd.querySelector('.xy .nsewdrag').getBoundingClientRect();
                return {x: r.left + L.xaxis.l2p(1), y: r.top + L.yaxis.l2p(1)};
            }"""
        )
        p.page.mouse.click(box["x"], box["y"])

    return act


def whatif_add(p: Probe) -> Callable[[], None]:
    def act() -> None:
        p.page.locator("#whatif-panel button.dash-dropdown").first.click()
        p.page.keyboard.type("MIDSA")
        p.page.locator(".dash-dropdown-option", has_text="MIDSA").first.click(timeout=10_000)

    return act


#: (name, page to open first, what to wait for there, the action): every click a person makes often.
GRAPH = ".js-plotly-plot"
CLICKS: list[tuple[str, str, str, Callable]] = [
    *[
        (f"tick a region · {view}", f"/?view={view}{extra}", GRAPH, uncheck("Africa"))
        for view, extra in (
            ("map", ""),
            ("overlaps", ""),
            ("centrality", ""),
            ("network", ""),
            ("regions", ""),
            ("timeline", ""),
            ("changes", ""),
            ("themes", ""),
            ("state", "&state=KEN"),
            ("process", "&process=budapest_process"),
            ("compare", "&processes=ecowas,uemoa,midwa&states=KEN,UGA"),
        )
    ],
    ("switch view · map → network", "/", GRAPH, click("#view-link-network")),
    ("switch view · network → overlaps", "/?view=network", GRAPH, click("#view-link-overlaps")),
    ("heatmap cell · APC × Bali", "/?view=overlaps", GRAPH, heatmap_cell),
    ("bar click · compare", "/?view=compare&processes=ecowas,uemoa,midwa", GRAPH, upset_bar),
    (
        "what-if · Kenya joins MIDSA",
        "/?view=state&state=KEN",
        "#whatif-panel button.dash-dropdown",
        whatif_add,
    ),
]


def tour_steps() -> int:
    from rcpdash import tours

    return len(tours.default_tour().steps)


def run(rounds: int, only: str | None) -> dict[str, list[tuple[float, float]]]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    app_url = serve_app()
    floor_url, floor = serve_floor()
    results: dict[str, list[tuple[float, float]]] = defaultdict(list)
    failures: dict[str, list[str]] = defaultdict(list)
    selected = [c for c in CLICKS if not only or only in c[0]]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--proxy-server=127.0.0.1:9",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
            # Warm both servers' per-process caches (first request builds the layout).
            for url in (app_url, floor_url):
                warm = Probe(browser)
                warm.load(url + "/")
                warm.close()
            for r in range(rounds):
                print(f"round {r + 1}/{rounds}", file=sys.stderr, flush=True)
                for name, url in (("first map · app", app_url), ("first map · floor", floor_url)):
                    if only and only not in name:
                        continue
                    p = Probe(browser)
                    results[name].append((p.load(url + "/"), 0.0))
                    p.close()
                for name, path, ready, action in selected:
                    p = Probe(browser)
                    try:
                        p.open(app_url + path, ready)
                        results[name].append(p.timed(action(p)))
                    except PlaywrightError as exc:  # report it and go on: one failure hides no figure
                        failures[name].append(str(exc).splitlines()[0])
                    p.close()
                    # The floor's redraw, alternating with every app measurement.
                    f = Probe(browser)
                    f.open(floor_url + "/", GRAPH)
                    results["tick a region · floor"].append(f.timed(uncheck("africa")(f)))
                    f.close()
                if not only or "tour" in only:
                    p = Probe(browser)
                    try:
                        p.open(app_url + "/?tour=default&step=1", GRAPH)
                        for step in range(2, tour_steps() + 1):
                            results[f"tour step {step}"].append(
                                p.timed(click(".tour-bar [data-tour-action='next']")(p))
                            )
                    except PlaywrightError as exc:
                        failures["tour"].append(str(exc).splitlines()[0])
                    p.close()
            browser.close()
    finally:
        floor.kill()
    for name, errors in failures.items():
        print(f"FAILED {name} ({len(errors)}×): {errors[0]}")
    return results


def report(results: dict[str, list[tuple[float, float]]]) -> None:
    def median(name: str, i: int = 0) -> float:
        return statistics.median(v[i] for v in results[name])

    floor_click = median("tick a region · floor") if results.get("tick a region · floor") else None
    floor_load = median("first map · floor") if results.get("first map · floor") else None
    print(f"\n{'measurement':<40}{'median':>10}{'max':>10}{'× floor':>10}{'longest task':>14}")
    for name, values in results.items():
        times = [v[0] for v in values]
        base = floor_load if name.startswith("first map") else floor_click
        ratio = f"{statistics.median(times) / base:.2f}" if base else "-"
        longest = max(v[1] for v in values)
        print(
            f"{name:<40}{statistics.median(times):>8.0f}ms{max(times):>8.0f}ms{ratio:>10}{longest:>12.0f}ms"
        )
    print(
        f"\n{len(next(iter(results.values())))} rounds, headless Chromium {VIEWPORT['width']}×{VIEWPORT['height']}, "
        f"{os.cpu_count()} cores. Budgets: first map ≤ 1.3× floor, clicks ≤ 2× the floor's tick, tour steps ≤ 1000 ms."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every measurement (default 5)")
    parser.add_argument("--only", help="only measurements whose name contains this text")
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        print(f"{CHROMIUM} not found: `make chromium` installs Debian's chromium", file=sys.stderr)
        return 2
    report(run(args.rounds, args.only))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
