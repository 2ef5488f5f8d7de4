"""The WSGI application for servers outside a checkout: ``gunicorn rcpdash.wsgi:server`` (what
``rcpdash serve`` runs). The dataset comes from ``RCPDASH_DATA``, the path prefix from
``DASH_URL_BASE_PATHNAME``, embedding from ``RCPDASH_FRAME_ANCESTORS``."""

from __future__ import annotations

from .ui.app_factory import create_app

app = create_app()
server = app.server
