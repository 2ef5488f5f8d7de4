"""Serving concerns through the Flask test client: headers, gzip, /healthz, logs, cache, limits."""

from __future__ import annotations

import gzip
import json
import logging

import pytest

import app as app_module
from rcpdash import analysis, server
from rcpdash.urlstate import ViewState

from .callback_requests import render_request


@pytest.fixture(scope="module")
def client():
    return app_module.server.test_client()


@pytest.fixture(scope="module")
def dependencies(client):
    return client.get("/_dash-dependencies").get_json()


def test_security_headers_on_every_response(client):
    for path in ("/", "/_dash-layout", "/healthz", "/assets/style.css"):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy
        assert "script-src 'self' 'unsafe-inline'" not in policy


def test_csp_hash_matches_the_inline_bootstrap_script(client):
    import base64
    import hashlib
    import re

    html = re.sub(r"<!--.*?-->", "", client.get("/").get_data(as_text=True), flags=re.S)  # IE-only blocks
    inline = [s for s in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S) if s.strip()]
    policy = client.get("/").headers["Content-Security-Policy"]
    for script in inline:
        if script.lstrip().startswith("{"):
            continue  # type="application/json" config: data, not code
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_gzip(client):
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.data))["type"] == "Div"
    assert "Content-Encoding" not in client.get("/_dash-layout").headers


def test_healthz(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["cache"] == "local"
    assert body["processes"] == len(analysis.dataset().processes)
    assert body["memberships"] == len(analysis.dataset().memberships)


def test_oversized_request_gets_a_clear_413(client):
    response = client.post(
        "/_dash-update-component", data=b"x" * (server.MAX_REQUEST_BYTES + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "The request is larger than the 8 MB this server accepts."}


def test_one_json_log_line_per_request(client):
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(server.JsonFormatter().format(record))

    handler = Collect()
    server.log.addHandler(handler)
    level = server.log.level
    server.log.setLevel(logging.INFO)
    try:
        client.get("/healthz")
    finally:
        server.log.removeHandler(handler)
        server.log.setLevel(level)
    entry = json.loads(records[-1])
    assert entry["message"] == "request" and entry["path"] == "/healthz" and entry["status"] == 200
    assert set(entry) >= {"time", "level", "method", "ms", "bytes", "pid"}


def test_rendered_views_are_cached_and_marked(client, dependencies):
    server.cache.clear()
    body = render_request(dependencies, ViewState(view="centrality", metric="closeness", top=20))
    first = client.post("/_dash-update-component", json=body)
    second = client.post("/_dash-update-component", json=body)
    assert first.status_code == second.status_code == 200
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    assert first.get_json() == second.get_json()
    assert "Top 20 states by closeness" in json.dumps(first.get_json())


def test_local_cache_is_bounded():
    assert server.cache_config(None) == {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_THRESHOLD": server.LOCAL_CACHE_ENTRIES,
        "CACHE_DEFAULT_TIMEOUT": server.CACHE_TIMEOUT_S,
    }
    assert server.cache_config("redis://127.0.0.1:6379/0")["CACHE_TYPE"] == "RedisCache"


def test_debug_cannot_be_switched_on_from_the_environment(monkeypatch):
    calls = {}
    monkeypatch.setenv("DASH_DEBUG", "true")
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setattr(app_module.app, "run", lambda **kw: calls.update(kw))
    monkeypatch.setattr(analysis, "warm_up", lambda: None)
    app_module.main()
    assert calls["debug"] is False and calls["host"] == "127.0.0.1"
    assert calls["dev_tools_disable_version_check"] is True
