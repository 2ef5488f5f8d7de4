"""rcpdash: the Dash app. `make run` serves it on HOST:PORT (default 127.0.0.1:8050).

WSGI servers import `server` from here (``gunicorn app:server``).
"""

from __future__ import annotations

import os

from dash import Dash

from rcpdash import analysis
from rcpdash import server as rcpdash_server
from rcpdash.ui import callbacks, tour_callbacks  # noqa: F401  (registers the callbacks)
from rcpdash.ui.callbacks import page_layout

app = Dash(
    __name__,
    title="rcpdash · interstate cooperation on migration",
    serve_locally=True,  # every script and stylesheet comes from this server: it must work offline
    update_title=None,
    suppress_callback_exceptions=True,  # views add their figures and tables after the first render
)
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
rcpdash_server.configure(server, app.csp_hashes(), health=lambda: analysis.dataset().summary())


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    analysis.warm_up()
    # Never the debug server: no Werkzeug debugger, no version check fetched from the internet.
    # debug=False here also overrides DASH_DEBUG=true in the environment.
    app.run(host=host, port=port, debug=False, dev_tools_disable_version_check=True)


if __name__ == "__main__":
    main()
