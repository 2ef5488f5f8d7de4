"""rcpdash: the Dash app. `make run` serves it on HOST:PORT (default 127.0.0.1:8050).

WSGI servers import `server` from here (``gunicorn app:server``). The app itself is built in the
package (:func:`rcpdash.create_app`), so an installed rcpdash serves the same app (``rcpdash serve``).
"""

from __future__ import annotations

import os

from rcpdash import create_app
from rcpdash.ui.app_factory import run

app = create_app()
server = app.server


def main() -> None:
    run(app, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")))


if __name__ == "__main__":
    main()
