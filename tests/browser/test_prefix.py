"""Served under a path prefix (a proxy sub-path, a hosting platform): `rcpdash serve --prefix /rcpdash/`
under gunicorn, as deployed. The map draws, and every request the page makes stays under the prefix."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/rcpdash/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def prefixed() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "RCPDASH_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    env.pop("RCPDASH_DATA", None)
    serve = ["serve", "--port", str(port), "--prefix", PREFIX, "--workers", "1"]
    command = [sys.executable, "-m", "rcpdash", *serve]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}{PREFIX}healthz", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"rcpdash serve did not start: {server.stderr.read()[-3000:]}")
            time.sleep(0.3)
    yield base
    server.terminate()
    _out, log = server.communicate(timeout=30)
    # gunicorn's workers warm up on the prefixed page (rcpdash/gunicorn_conf.py); a 404 there is logged.
    assert "warm-up request" not in log


def test_the_map_draws_under_a_path_prefix(page: Page, prefixed):
    base = prefixed
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + PREFIX + "?view=map")
    map_graph = page.locator('#map-graph .js-plotly-plot, [id*=\'"name":"map"\'] .js-plotly-plot')
    expect(map_graph).to_be_visible()
    page.wait_for_function("() => document.querySelectorAll('path.choroplethlocation').length >= 100")
    assert any(url.endswith(PREFIX + "assets/topojson/world_110m.json") for url in requests)
    outside = [url for url in requests if not url.startswith(base + PREFIX)]
    assert outside == []
    assert errors == []
    # Another view, through the in-page links: still under the prefix.
    page.locator(".view-link", has_text="Centrality").click()
    expect(page).to_have_url(base + PREFIX + "?view=centrality")
    expect(page.locator(".gtitle")).to_contain_text("Top 15 states by weighted degree")
    assert [url for url in requests if not url.startswith(base + PREFIX)] == []
    assert errors == []
