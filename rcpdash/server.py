"""What the Flask server under Dash needs to serve many people safely.

- security headers on every response (a Content-Security-Policy that Dash and plotly.js work under,
  no framing, no MIME sniffing);
- gzip for HTML, JSON, JS and CSS (the callback payloads compress ~10x);
- ``/healthz`` for load balancers and monitors;
- one JSON log line per request, and JSON for the app's own log records;
- a cache of rendered views shared by all workers through Redis when ``REDIS_URL`` is set, otherwise
  a bounded in-process cache (nothing unbounded, nothing per user);
- a request-size limit with a clear message.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, jsonify, request
from flask_caching import Cache
from flask_compress import Compress

#: Largest request body accepted (callbacks are small; uploads will stay well under this).
MAX_REQUEST_BYTES = 8 * 1024 * 1024
#: Entries kept by the in-process cache when there is no Redis (LRU-like eviction beyond this).
LOCAL_CACHE_ENTRIES = 256
CACHE_TIMEOUT_S = 3600

cache = Cache()
log = logging.getLogger("rcpdash")


class JsonFormatter(logging.Formatter):
    """One JSON object per log line: easy to ship, grep and count."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def cache_config(redis_url: str | None) -> dict[str, Any]:
    """Redis when a URL is given (shared by every worker), else a bounded in-process cache."""
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "rcpdash:",
            "CACHE_DEFAULT_TIMEOUT": CACHE_TIMEOUT_S,
        }
    return {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_THRESHOLD": LOCAL_CACHE_ENTRIES,
        "CACHE_DEFAULT_TIMEOUT": CACHE_TIMEOUT_S,
    }


def content_security_policy(script_hashes: list[str]) -> str:
    """A policy Dash and plotly.js work under: scripts only from this server (plus Dash's one inline
    bootstrap script, by hash); plotly.js sets inline styles, so styles allow them."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def cached(key: Callable[..., str]) -> Callable:
    """Memoise a function's result in the shared cache under ``key(*args)``; marks the response
    ``X-Cache: hit`` or ``miss`` so operators (and tests) can see the cache work."""

    def decorate(function: Callable) -> Callable:
        def wrapper(*args: Any) -> Any:
            name = f"{function.__module__}.{function.__name__}:{key(*args)}"
            try:
                value = cache.get(name)
            except Exception:  # a cache outage must not take the app down
                log.warning("cache read failed", exc_info=True)
                value = None
            if value is not None:
                g.cache_status = "hit"
                return value
            value = function(*args)
            g.cache_status = "miss"
            try:
                cache.set(name, value)
            except Exception:
                log.warning("cache write failed", exc_info=True)
            return value

        wrapper.__wrapped__ = function  # type: ignore[attr-defined]
        wrapper.__doc__ = function.__doc__
        return wrapper

    return decorate


def configure(server: Flask, script_hashes: list[str], health: Callable[[], dict]) -> None:
    """Install headers, compression, /healthz, logging, the cache and the size limit on `server`."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html",
        "text/css",
        "text/csv",
        "application/json",
        "application/javascript",
        "text/javascript",
    ]
    server.config["COMPRESS_ALGORITHM"] = ["gzip"]
    server.config["COMPRESS_MIN_SIZE"] = 500
    Compress(server)
    redis_url = os.environ.get("REDIS_URL") or None
    cache.init_app(server, config=cache_config(redis_url))
    server.extensions["rcpdash_cache_kind"] = "redis" if redis_url else "local"
    _configure_logging()
    policy = content_security_policy(script_hashes)

    @server.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @server.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        # Same-origin: the page's own address reaches its layout request (rcpdash.ui.callbacks.
        # page_layout draws the linked view from it); no other site ever sees it.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if status := g.get("cache_status"):
            response.headers["X-Cache"] = status
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round(elapsed, 1),
                    "bytes": response.calculate_content_length(),
                    "cache": g.get("cache_status"),
                    "pid": os.getpid(),
                }
            },
        )
        return response

    @server.errorhandler(413)
    def _too_large(_error: Exception) -> tuple[Response, int]:
        mb = MAX_REQUEST_BYTES // (1024 * 1024)
        return jsonify(error=f"The request is larger than the {mb} MB this server accepts."), 413

    @server.route("/healthz")
    def _healthz() -> Response:
        return jsonify(
            status="ok", cache=server.extensions["rcpdash_cache_kind"], pid=os.getpid(), **health()
        )


def _configure_logging() -> None:
    if getattr(log, "_rcpdash_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.setLevel(os.environ.get("RCPDASH_LOG_LEVEL", "INFO").upper())
    log.propagate = False
    log._rcpdash_configured = True  # type: ignore[attr-defined]
    # Werkzeug's own request lines would duplicate ours.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
