"""The Dash app: :func:`create_app` builds it (the root ``app.py``, ``rcpdash serve`` and notebooks call
it), :func:`run` serves it with Flask's development server (``make run``).

One app per process: callbacks registered with ``dash.callback`` go to the first app that serves a
request, so a second app would have none; :func:`create_app` refuses to build one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from dash import Dash
from werkzeug.serving import WSGIRequestHandler

from .. import analysis, datasets
from .. import server as rcpdash_server
from ..config import ASSETS_DIR

# Every callback lives in a rcpdash/ui/*callbacks.py module and is registered by importing it.
from . import callback_guard, callbacks, dataset_callbacks, tour_callbacks  # noqa: F401
from .callbacks import page_layout

#: Dash's development tools, all off: Dash would otherwise switch them on from DASH_UI,
#: DASH_HOT_RELOAD, DASH_PROPS_CHECK... in the environment, under gunicorn as under `make run`.
#: (No version check either: it would have browsers ask plotly's server for Dash's latest version.)
DEV_TOOLS_OFF = {
    "debug": False,
    "dev_tools_ui": False,
    "dev_tools_props_check": False,
    "dev_tools_serve_dev_bundles": False,
    "dev_tools_hot_reload": False,
    "dev_tools_hot_reload_interval": 3,
    "dev_tools_hot_reload_watch_interval": 0.5,
    "dev_tools_hot_reload_max_retry": 8,
    "dev_tools_silence_routes_logging": False,
    "dev_tools_disable_version_check": True,
    "dev_tools_prune_errors": True,
    "dev_tools_validate_callbacks": False,
}
#: What Dash's page config tells about the software behind it; the page works without them.
VERSION_KEYS = ("dash_version", "python_version", "plotly_version", "ddk_version", "dash_version_url")
_FINGERPRINT = re.compile(r"\.v[\w-]+?m[0-9a-fA-F]+\.")
_FAVICON_VERSION = re.compile(r"(_favicon\.ico\?v=)[^\"&]+")
#: Scripts Dash loads only once a component needs them (plotly.js when the first figure mounts, the
#: dropdown and slider code when the first dropdown or slider does). Preloading them lets the browser
#: fetch them while it still runs the page's own scripts: measured, the first map came 0.15-0.2 of
#: the floor's time sooner (benchmarks/browser.py).
PRELOADED_SCRIPTS = (
    "plotly/package_data/plotly.min.js",
    "dash/dcc/async-graph.js",
    "dash/dcc/async-dropdown.js",
    "dash/dcc/async-slider.js",
)
#: Dash's default page without its <footer> around the scripts (a second "contentinfo" landmark for
#: screen readers) and with the page's language: assets/a11y.js (setDocumentLanguage) keeps `lang`
#: in step with the interface language. ``{preloads}`` becomes the preload links.
INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        {preloads}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>
"""
#: Where the Flask config keeps Dash's routes prefix (gunicorn's worker warm-up requests it).
ROUTES_PREFIX_KEY = "RCPDASH_ROUTES_PREFIX"


def _opaque(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class RcpDash(Dash):
    """Dash without version numbers in its page: none in the config, and the cache-busting
    fingerprints of its scripts (``react@18.v4_4_1m1796277726.3.1.min.js``) and of the favicon
    turned into hashes (``react@18.v0m4c1d….3.1.min.js``, which Dash still recognises and strips)."""

    def _config(self):
        config = super()._config()
        for key in VERSION_KEYS:
            config.pop(key, None)
        return config

    def interpolate_index(self, **kwargs):
        for part in ("css", "scripts"):
            kwargs[part] = _FINGERPRINT.sub(lambda m: f".v0m{_opaque(m.group(0))}.", kwargs.get(part, ""))
        kwargs["favicon"] = _FAVICON_VERSION.sub(
            lambda m: m.group(1) + _opaque(m.group(0)), kwargs.get("favicon", "")
        )
        return super().interpolate_index(**kwargs)


class QuietRequestHandler(WSGIRequestHandler):
    """`make run`'s server says ``Server: rcpdash``, not Werkzeug's and Python's versions."""

    def version_string(self) -> str:
        return "rcpdash"


_created: RcpDash | None = None


def create_app(
    data_dir: Path | str | None = None,
    *,
    frame_ancestors: str | Iterable[str] | None = None,
    **settings: object,
) -> RcpDash:
    """The rcpdash Dash app, ready to serve (``app.server`` is its WSGI application).

    Parameters
    ----------
    data_dir
        Folder of the dataset to serve; None: the shipped report data (or ``RCPDASH_DATA``).
        Validated now: a bad folder raises :class:`ValueError` (a
        :class:`~rcpdash.data.DataValidationError` lists every problem).
    frame_ancestors
        Origins whose pages may embed the app in a frame (``"https://uni.example"``, ``'self'``);
        None: ``RCPDASH_FRAME_ANCESTORS`` from the environment; empty: framing denied (the default).
    **settings
        Passed to :class:`dash.Dash`, e.g. ``url_base_pathname="/rcpdash/"`` to serve under a
        sub-path (``DASH_URL_BASE_PATHNAME`` does the same from the environment).
    """
    global _created
    if _created is not None:
        raise RuntimeError(
            "rcpdash.create_app() was already called in this process: Dash gives the callbacks to "
            "the first app only, so use that app (one app per process)"
        )
    if data_dir is not None:
        folder = Path(data_dir)
        if not folder.is_dir():
            raise ValueError(f"{folder} is not a folder (expected the dataset's CSV files in it)")
        datasets.configure(folder)
    if frame_ancestors is None:
        frame_ancestors = os.environ.get("RCPDASH_FRAME_ANCESTORS")
    ancestors = rcpdash_server.frame_ancestors(frame_ancestors)

    options: dict = {
        "title": "rcpdash · interstate cooperation on migration",
        # The shipped assets, wherever the package is installed (not a folder beside the caller).
        "assets_folder": str(ASSETS_DIR),
        "serve_locally": True,  # every script and stylesheet comes from this server: it must work offline
        "update_title": None,
        "suppress_callback_exceptions": True,  # views add their figures and tables after the first render
        "compress": False,  # rcpdash.server compresses (DASH_COMPRESS would add a second Flask-Compress)
        "enable_mcp": False,  # never an /_mcp endpoint listing every callback (DASH_MCP_ENABLED)
    }
    app = RcpDash("rcpdash", **{**options, **settings})
    app.enable_dev_tools(**DEV_TOOLS_OFF)
    preloads = "\n        ".join(
        f'<link rel="preload" as="script" href="{app.config.requests_pathname_prefix}_dash-component-suites/{path}">'
        for path in PRELOADED_SCRIPTS
    )
    app.index_string = INDEX_TEMPLATE.replace("{preloads}", preloads)
    app.layout = page_layout
    server = app.server
    prefix = app.config.routes_pathname_prefix
    server.config[ROUTES_PREFIX_KEY] = prefix
    rcpdash_server.configure(
        server,
        app.csp_hashes(),
        health=lambda: datasets.dataset().summary(),
        ancestors=ancestors,
        prefix=prefix,
    )
    # After the server's hooks: an oversized body is answered 413 before its JSON is read.
    callback_guard.install(app)  # a forged callback body gets a 400 that says why, never a 500
    # Dash always routes /_reload-hash (hot reload's poll, which also lists the component packages).
    server.view_functions[prefix + "_reload-hash"] = _not_found
    _created = app
    return app


def _not_found():
    return "Not Found", 404


def run(app: Dash, host: str = "127.0.0.1", port: int = 8050) -> None:
    """Serve `app` with Flask's development server, after loading what every request needs."""
    analysis.warm_up()
    # Never the debug server: no Werkzeug debugger, no version check fetched from the internet.
    # Every dev tool is named here (app.run switches on from the environment what it is not told).
    app.run(host=host, port=port, request_handler=QuietRequestHandler, **DEV_TOOLS_OFF)
