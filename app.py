"""rcpdash: the Dash app. `make run` serves it on HOST:PORT (default 127.0.0.1:8050).

WSGI servers import `server` from here (``gunicorn app:server``).
"""

from __future__ import annotations

import os

from dash import Dash, html

from rcpdash.config import SOURCE_CITATION
from rcpdash.data import format_summary, load_dataset

app = Dash(
    __name__,
    title="rcpdash · interstate cooperation on migration",
    serve_locally=True,  # every script and stylesheet comes from this server: it must work offline
    update_title=None,
)
server = app.server


def layout() -> html.Div:
    """The page: for now, the dataset summary."""
    dataset = load_dataset()
    return html.Div(
        [
            html.H1("rcpdash"),
            html.P("Who cooperates with whom on migration, from " + SOURCE_CITATION),
            html.Pre(format_summary(dataset), id="dataset-summary"),
        ]
    )


app.layout = layout


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    # Never the debug server: no Werkzeug debugger, no version check fetched from the internet.
    app.run(host=host, port=port, debug=False)


if __name__ == "__main__":
    main()
