"""rcpdash: the Dash app. `make run` serves it on HOST:PORT (default 127.0.0.1:8050).

WSGI servers import `server` from here (``gunicorn app:server``).
"""

from __future__ import annotations

import hashlib
import os
import re

from dash import Dash
from werkzeug.serving import WSGIRequestHandler

from rcpdash import analysis, datasets
from rcpdash import server as rcpdash_server

# Every callback lives in a rcpdash/ui/*callbacks.py module and is registered here, by importing it.
from rcpdash.ui import callbacks, dataset_callbacks, tour_callbacks  # noqa: F401
from rcpdash.ui.callbacks import page_layout

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


app = RcpDash(
    __name__,
    title="rcpdash · interstate cooperation on migration",
    serve_locally=True,  # every script and stylesheet comes from this server: it must work offline
    update_title=None,
    suppress_callback_exceptions=True,  # views add their figures and tables after the first render
    compress=False,  # rcpdash.server compresses (DASH_COMPRESS would add a second Flask-Compress)
    enable_mcp=False,  # never an /_mcp endpoint listing every callback (DASH_MCP_ENABLED)
)
app.enable_dev_tools(**DEV_TOOLS_OFF)
# Dash's default page without its <footer> around the scripts (a second "contentinfo" landmark for
# screen readers) and with the page's language: assets/a11y.js (setDocumentLanguage) keeps `lang`
# in step with the interface language.
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
_preloads = "\n".join(
    f'<link rel="preload" as="script" href="{app.config.requests_pathname_prefix}_dash-component-suites/{path}">'
    for path in PRELOADED_SCRIPTS
)
app.index_string = (
    """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        """
    + _preloads
    + """
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>
"""
)
server = app.server
app.layout = page_layout
rcpdash_server.configure(server, app.csp_hashes(), health=lambda: datasets.dataset().summary())


def _not_found():
    return "Not Found", 404


# Dash always routes /_reload-hash (hot reload's poll, which also lists the component packages).
server.view_functions[app.config.routes_pathname_prefix + "_reload-hash"] = _not_found


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    analysis.warm_up()
    # Never the debug server: no Werkzeug debugger, no version check fetched from the internet.
    # Every dev tool is named here (app.run switches on from the environment what it is not told).
    app.run(host=host, port=port, request_handler=QuietRequestHandler, **DEV_TOOLS_OFF)


if __name__ == "__main__":
    main()
