"""The app with one route that fails: for the test that a 500's traceback is logged as one JSON line
(a forged callback request no longer makes one: rcpdash.ui.callback_guard answers it with a 400)."""

from app import app, server

__all__ = ["app", "server"]


@server.route("/_test-crash")
def crash():
    raise RuntimeError("a deliberate failure for the log test")
