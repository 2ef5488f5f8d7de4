"""What the Flask server under Dash needs to serve many people safely.

- security headers on every response (a Content-Security-Policy that Dash and plotly.js work under,
  no framing unless origins are named in ``RCPDASH_FRAME_ANCESTORS``, no MIME sniffing);
- gzip for HTML, JSON, JS and CSS (the callback payloads compress ~10x);
- ``/healthz`` for load balancers and monitors;
- one JSON log line per request, and JSON for the app's own log records;
- a cache of rendered views shared by all workers through Redis when ``REDIS_URL`` is set, otherwise
  a bounded in-process cache (nothing unbounded, nothing per user). Values are stored as JSON text
  (never pickles: whoever can write to Redis cannot make a worker run code), Redis calls time out
  after ``RCPDASH_REDIS_TIMEOUT`` seconds, and after a failure a circuit breaker serves from the
  local cache for ``RCPDASH_REDIS_RETRY_S`` seconds before trying Redis again;
- a request-size limit with a clear message.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

import redis
from flask import Flask, Response, abort, g, jsonify, request
from flask_compress import Compress
from plotly.io.json import to_json_plotly
from redis.backoff import NoBackoff
from redis.retry import Retry

#: Largest request body accepted (callbacks are small; uploads will stay well under this).
MAX_REQUEST_BYTES = 8 * 1024 * 1024
#: Entries kept by the in-process cache (least recently used evicted beyond this).
LOCAL_CACHE_ENTRIES = 256
CACHE_TIMEOUT_S = 3600
#: Seconds a Redis connect or reply may take before the cache gives up on it (Redis on the same
#: network answers in well under a millisecond; a rendered view is at most a few hundred kB).
REDIS_TIMEOUT_S = 0.5
#: After Redis failed, seconds the local cache stands in before Redis is tried again.
REDIS_RETRY_S = 30.0
#: Prefix of every Redis key; "json" marks the format (entries pickled by earlier versions are not read).
REDIS_KEY_PREFIX = "rcpdash:json:"

#: Headers every response carries, besides its Content-Security-Policy.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Same-origin: the page's own address reaches its layout request (rcpdash.ui.callbacks.
    # page_layout draws the linked view from it); no other site ever sees it.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
#: An origin another site's page may frame the app from: scheme, host (a leading ``*.`` allowed) and
#: optional port, nothing else (a path, quote, space or semicolon could change the policy).
_ORIGIN = re.compile(r"https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?")
#: The policy of a page that is only text (gunicorn's own error pages, see gunicorn.conf.py).
ERROR_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'"

log = logging.getLogger("rcpdash")


class LocalCache:
    """A bounded in-process cache of JSON texts: least recently used out first, entries expire."""

    def __init__(self, entries: int = LOCAL_CACHE_ENTRIES, timeout_s: float = CACHE_TIMEOUT_S) -> None:
        self.entries = entries
        self.timeout_s = timeout_s
        self._items: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires, text = item
            if expires < time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return text

    def set(self, key: str, text: str) -> None:
        with self._lock:
            self._items[key] = (time.monotonic() + self.timeout_s, text)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class RenderCache:
    """Rendered views as JSON text: in Redis when configured (shared by every worker), in a
    bounded local cache otherwise, or while Redis is failing.

    Circuit breaker: the first Redis call that fails or times out opens it; for ``retry_s`` seconds
    every call goes to the local cache without touching Redis; then one call (one thread) tries
    Redis again, which closes the breaker if it answers and keeps it open another ``retry_s`` if not.
    """

    def __init__(self) -> None:
        self.local = LocalCache()
        self.redis: redis.Redis | None = None
        self.timeout_s = REDIS_TIMEOUT_S
        self.retry_s = REDIS_RETRY_S
        self._lock = threading.Lock()
        self._open_until = 0.0  # monotonic time the breaker stays open until; 0: closed
        self._probing = False

    def configure(
        self, redis_url: str | None, timeout_s: float = REDIS_TIMEOUT_S, retry_s: float = REDIS_RETRY_S
    ) -> None:
        self.local.clear()
        self.timeout_s, self.retry_s = timeout_s, retry_s
        self._open_until, self._probing = 0.0, False
        self.redis = None
        if redis_url:
            self.redis = redis.Redis.from_url(
                redis_url,
                socket_connect_timeout=timeout_s,
                socket_timeout=timeout_s,
                retry=Retry(NoBackoff(), 0),  # one attempt: a retry would double the wait
            )

    @property
    def kind(self) -> str:
        """``redis``, ``local`` (no Redis configured) or ``local (redis unavailable)``."""
        if self.redis is None:
            return "local"
        return "local (redis unavailable)" if self._open_until else "redis"

    def _use_redis(self) -> bool:
        """Whether this call should go to Redis (closed breaker, or this thread's retry)."""
        if self.redis is None:
            return False
        if not self._open_until:
            return True
        with self._lock:
            if self._probing or time.monotonic() < self._open_until:
                return False
            self._probing = True
            return True

    def _succeeded(self) -> None:
        if self._open_until:
            with self._lock:
                if self._open_until:
                    log.warning("redis is back: the shared cache is in use again")
                self._open_until, self._probing = 0.0, False

    def _failed(self, action: str) -> None:
        with self._lock:
            was_closed = not self._open_until
            self._open_until = time.monotonic() + self.retry_s
            self._probing = False
        if was_closed:
            log.warning(
                f"redis {action} failed: serving from the local cache, retrying in {self.retry_s:g} s",
                exc_info=True,
            )

    def get(self, key: str) -> Any | None:
        """The value stored under `key` (decoded from JSON), or None."""
        text: str | bytes | None = None
        if self._use_redis():
            try:
                text = self.redis.get(REDIS_KEY_PREFIX + key)  # type: ignore[union-attr]
            except redis.RedisError:
                self._failed("read")
            else:
                self._succeeded()
        else:
            text = self.local.get(key)
        if text is None:
            return None
        try:
            return json.loads(text)
        except ValueError:  # not ours (or truncated): a miss, never code to run
            log.warning("cache entry is not JSON; ignored", extra={"fields": {"key": key}})
            return None

    def set(self, key: str, text: str) -> None:
        """Store the JSON text `text` under `key`."""
        if self._use_redis():
            try:
                self.redis.set(REDIS_KEY_PREFIX + key, text.encode(), ex=int(self.local.timeout_s))  # type: ignore[union-attr]
            except redis.RedisError:
                self._failed("write")
            else:
                self._succeeded()
                return
        self.local.set(key, text)

    def check(self) -> str:
        """:attr:`kind` after asking Redis (PING) whether it answers, unless the breaker says not to."""
        if self._use_redis():
            try:
                self.redis.ping()  # type: ignore[union-attr]
            except redis.RedisError:
                self._failed("ping")
            else:
                self._succeeded()
        return self.kind

    def clear(self) -> None:
        """Forget every entry (the local ones, and this app's keys in Redis if it answers)."""
        self.local.clear()
        if self._use_redis():
            try:
                keys = list(self.redis.scan_iter(REDIS_KEY_PREFIX + "*"))  # type: ignore[union-attr]
                if keys:
                    self.redis.delete(*keys)  # type: ignore[union-attr]
            except redis.RedisError:
                self._failed("clear")
            else:
                self._succeeded()


cache = RenderCache()
#: The app's path prefix (set by :func:`configure`). Rendered views hold URLs built from it (the map
#: shapes'), so two deployments sharing one Redis under different prefixes keep separate entries.
_url_prefix = "/"


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


def frame_ancestors(setting: str | Iterable[str] | None) -> tuple[str, ...]:
    """The origins allowed to frame the app, from a setting such as ``RCPDASH_FRAME_ANCESTORS``:
    origins separated by spaces or commas (``https://uni.example https://*.uni.example``), and
    ``'self'`` (or ``self``) for this server's own pages. Empty or None: framing is denied.

    >>> frame_ancestors("https://uni.example, self")
    ("'self'", 'https://uni.example')
    >>> frame_ancestors("https://uni.example/page")
    Traceback (most recent call last):
    ...
    ValueError: frame ancestors: 'https://uni.example/page' is not an origin such as https://uni.example or https://uni.example:8443 (scheme, host and optional port only), nor 'self'
    """
    if not setting:
        return ()
    items = re.split(r"[\s,]+", setting.strip()) if isinstance(setting, str) else list(setting)
    allowed: set[str] = set()
    for item in filter(None, items):
        if item in ("self", "'self'"):
            allowed.add("'self'")
        elif _ORIGIN.fullmatch(item):
            allowed.add(item)
        else:
            raise ValueError(
                f"frame ancestors: {item!r} is not an origin such as https://uni.example or "
                "https://uni.example:8443 (scheme, host and optional port only), nor 'self'"
            )
    return tuple(sorted(allowed))


def security_headers(ancestors: tuple[str, ...] = ()) -> dict[str, str]:
    """:data:`SECURITY_HEADERS` with an X-Frame-Options that agrees with the policy's frame-ancestors:
    ``DENY`` when no one may frame the app, ``SAMEORIGIN`` for ``'self'`` alone, and none when other
    origins may (X-Frame-Options cannot name them; browsers follow frame-ancestors)."""
    headers = dict(SECURITY_HEADERS)
    if ancestors == ("'self'",):
        headers["X-Frame-Options"] = "SAMEORIGIN"
    elif ancestors:
        del headers["X-Frame-Options"]
    return headers


def content_security_policy(script_hashes: list[str], ancestors: tuple[str, ...] = ()) -> str:
    """A policy Dash and plotly.js work under: scripts only from this server (plus Dash's one inline
    bootstrap script, by hash); plotly.js sets inline styles, so styles allow them. Other sites may
    frame the page only from `ancestors` (see :func:`frame_ancestors`)."""
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
        "frame-ancestors": list(ancestors) or ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def cached(key: Callable[..., str]) -> Callable:
    """Memoise a function's result in the shared cache under ``key(*args)``; marks the response
    ``X-Cache: hit`` or ``miss`` so operators (and tests) can see the cache work.

    The result (Dash components, lists, figures) is kept as the JSON Dash would send, and the
    wrapper returns that JSON decoded (plain dicts and lists; Dash serialises them to the same
    text as the components), on a miss as on a hit, so both answers are the same."""

    def decorate(function: Callable) -> Callable:
        def wrapper(*args: Any) -> Any:
            name = f"{function.__module__}.{function.__name__}:{key(*args)}"
            if _url_prefix != "/":
                name = _url_prefix + name
            try:
                value = cache.get(name)
            except Exception:  # a cache outage must not take the app down
                log.warning("cache read failed", exc_info=True)
                value = None
            if value is not None:
                g.cache_status = "hit"
                return value
            text = to_json_plotly(function(*args))
            g.cache_status = "miss"
            try:
                cache.set(name, text)
            except Exception:
                log.warning("cache write failed", exc_info=True)
            return json.loads(text)

        wrapper.__wrapped__ = function  # type: ignore[attr-defined]
        wrapper.__doc__ = function.__doc__
        return wrapper

    return decorate


def configure(
    server: Flask,
    script_hashes: list[str],
    health: Callable[[], dict],
    ancestors: tuple[str, ...] = (),
    prefix: str = "/",
) -> None:
    """Install headers, compression, ``{prefix}healthz``, logging, the cache and the size limit on
    `server`; `prefix` is Dash's routes prefix (``/`` unless the app is served under a sub-path)."""
    global _url_prefix
    _url_prefix = prefix
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
    cache.configure(
        os.environ.get("REDIS_URL") or None,
        timeout_s=float(os.environ.get("RCPDASH_REDIS_TIMEOUT", REDIS_TIMEOUT_S)),
        retry_s=float(os.environ.get("RCPDASH_REDIS_RETRY_S", REDIS_RETRY_S)),
    )
    _configure_logging()
    # Flask logs a request's unhandled exception (the 500's traceback) to its own logger: one JSON
    # line too, the traceback in its "error" field, instead of many lines of text.
    server.logger.handlers[:] = log.handlers
    server.logger.propagate = False
    policy = content_security_policy(script_hashes, ancestors)
    headers = security_headers(ancestors)

    @server.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @server.before_request
    def _limit_streamed_body() -> None:
        # A chunked body has no Content-Length to check up front, and Werkzeug silently cuts it at
        # MAX_CONTENT_LENGTH (the cut JSON then fails to parse: a 400). Read it here, one byte past
        # the limit, to answer 413 like for a body that declares its length.
        environ = request.environ
        if request.content_length is None and environ.get("wsgi.input_terminated"):
            body = environ["wsgi.input"].read(MAX_REQUEST_BYTES + 1)
            if len(body) > MAX_REQUEST_BYTES:
                abort(413)
            environ["wsgi.input"] = io.BytesIO(body)

    @server.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers.update(headers)
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

    @server.route(f"{prefix}healthz")
    def _healthz() -> Response:
        # "degraded" (still 200: the app answers, only slower) while Redis is configured but not
        # answering; a load balancer should not take every instance out because Redis is down.
        kind = cache.check()
        status = "degraded" if kind == "local (redis unavailable)" else "ok"
        return jsonify(status=status, cache=kind, pid=os.getpid(), **health())


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
