"""gunicorn settings for serving rcpdash to many people: `make serve` and `rcpdash serve` (see
docs/deploy.md); the repository's gunicorn.conf.py reads them from here (``-c python:rcpdash.gunicorn_conf``).

Every value can be overridden from the environment (HOST, PORT, WEB_CONCURRENCY) or the command line.
"""

import os

from gunicorn import util as gunicorn_util

from rcpdash.server import ERROR_PAGE_POLICY, SECURITY_HEADERS

# Loopback by default: put a reverse proxy in front to publish it (docs/deploy.md).
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
# Two sync workers use both cores; more gained nothing on 2 cores (measured: docs/deploy.md).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("RCPDASH_THREADS", "4"))
timeout = 60
# Idle keep-alive connections stay open this long: people pause a few seconds between clicks.
keepalive = 5
graceful_timeout = 20
# Load the app (and the dataset, graph and layout, through warm_up) once, before forking.
preload_app = True
# Small BLAS calls stalled 10-260 ms with 2 OpenBLAS threads per worker here.
raw_env = ["OPENBLAS_NUM_THREADS=1"]
# The app logs one JSON line per request itself; gunicorn's access log would duplicate it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("RCPDASH_LOG_LEVEL", "info")
# gunicorn's own log lines (workers booting, bad requests, a worker's traceback) as JSON too, in
# the app's format (rcpdash.server.JsonFormatter), so every line on stderr is one JSON object.
logconfig_dict = {
    "root": {"level": "WARNING", "handlers": ["json"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
    },
    "handlers": {
        "json": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    },
    "formatters": {"json": {"()": "rcpdash.server.JsonFormatter"}},
}
limit_request_line = 8190  # long links (many what-if edits) still fit; longer lines get a 414
limit_request_fields = 100  # headers per request; more get a 431
limit_request_field_size = 8190  # bytes per header line; longer get a 431


def _write_error(sock, status_int, reason, mesg):
    """gunicorn's own error answers (400 bad request line, 414, 431...: the request never reached
    the app) with the app's security headers, as plain text. gunicorn offers no setting for these
    headers, so this replaces gunicorn.util.write_error (gunicorn is pinned; tests/test_workers.py
    checks the headers)."""
    body = f"{status_int} {reason}\n{mesg}\n".encode("latin-1", "replace")
    headers = {
        "Connection": "close",
        "Content-Type": "text/plain; charset=latin-1",
        "Content-Length": str(len(body)),
        "Content-Security-Policy": ERROR_PAGE_POLICY,
        **SECURITY_HEADERS,
    }
    head = f"HTTP/1.1 {status_int} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    gunicorn_util.write_nonblock(sock, head.encode("latin-1") + b"\r\n" + body)


gunicorn_util.write_error = _write_error


def on_starting(server):
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def post_worker_init(worker):
    # Dash finishes setting up on a process's first request (copies the registered callbacks into
    # its map, builds the script tags); the threads of a fresh worker that take their first requests
    # together race it and answer "Callback function not found" (500). So each worker makes its
    # first requests itself, before it accepts any connection.
    client = worker.wsgi.test_client()
    prefix = worker.wsgi.config.get("RCPDASH_ROUTES_PREFIX", "/")  # set by rcpdash.create_app
    for path in (prefix, prefix + "_dash-layout"):
        status = client.get(path).status_code
        if status != 200:
            worker.log.error("warm-up request %s answered %s", path, status)


def when_ready(server):
    # Runs in the master after preload: warm everything workers share, then freeze it out of GC.
    from rcpdash import analysis

    analysis.warm_up()
