"""rcpdash: the Dash app. `make run` serves it on HOST:PORT (default 127.0.0.1:8050).

WSGI servers import `server` from here (``gunicorn app:server``).
"""

from __future__ import annotations

import os

from dash import Dash

from rcpdash import analysis
from rcpdash import server as rcpdash_server
from rcpdash.ui import callbacks, tour_callbacks  # noqa: F401  (registers the callbacks)
from rcpdash.ui.layout import build_layout

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
app.index_string = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>
"""
server = app.server
app.layout = build_layout
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
