"""Browser tests: the real app served in-process, driven by Debian's headless Chromium.

Chromium is launched with ``--proxy-server=127.0.0.1:9``: loopback bypasses the proxy, every other
request goes to a dead port, so a stray CDN fetch fails loudly; each test also asserts that no request
left 127.0.0.1 and that the console logged no error.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

# CI machines are slower than a laptop, and the first figure of a session loads 4.8 MB of plotly.js.
expect.set_options(timeout=15_000)

CHROMIUM = os.environ.get("RCPDASH_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--proxy-server=127.0.0.1:9",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "accept_downloads": True}


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    from app import server
    from rcpdash import analysis

    analysis.warm_up()  # as `make run` and gunicorn do before the first request
    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


class Watch:
    """What the page did that it should not: console errors, requests to other hosts."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []
        self.failed: list[str] = []


@pytest.fixture
def app_page(page, base_url) -> Iterator:
    watch = Watch()
    page.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))

    def on_request(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host != "127.0.0.1":
            watch.external.append(request.url)

    page.on("request", on_request)

    def on_response(response):
        # Which request failed, and what it asked for: a bare "status of 400" in the console says neither.
        if response.status >= 400:
            asked = (response.request.post_data or "")[:400]
            watch.failed.append(f"{response.status} {response.url} {asked}")

    page.on("response", on_response)
    page.set_default_timeout(15_000)
    page.watch = watch
    page.base = base_url
    yield page
    assert watch.external == [], f"requests left the machine: {watch.external}"
    assert watch.errors == [], f"console errors: {watch.errors}; failed requests: {watch.failed}"
