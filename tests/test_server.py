"""Serving concerns through the Flask test client: headers, gzip, /healthz, logs, cache, limits."""

from __future__ import annotations

import gzip
import json
import logging

import pytest

import app as app_module
from rcpdash import analysis, datasets, server
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
    assert body["processes"] == len(datasets.dataset().processes)
    assert body["memberships"] == len(datasets.dataset().memberships)


def test_oversized_request_gets_a_clear_413(client):
    response = client.post(
        "/_dash-update-component", data=b"x" * (server.MAX_REQUEST_BYTES + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "The request is larger than the 8 MB this server accepts."}


def test_an_oversized_chunked_request_gets_the_same_413(client):
    """A chunked body declares no length; over the limit it is refused as one that does.
    (``wsgi.input_terminated``: gunicorn and Werkzeug's server say they end a chunked body.)"""
    import io

    response = client.post(
        "/_dash-update-component",
        input_stream=io.BytesIO(b"x" * (server.MAX_REQUEST_BYTES + 1)),
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "The request is larger than the 8 MB this server accepts."}


def test_a_chunked_request_under_the_limit_is_served(client, dependencies):
    import io

    body = json.dumps(render_request(dependencies, ViewState(view="themes"))).encode()
    response = client.post(
        "/_dash-update-component",
        input_stream=io.BytesIO(body),
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 200 and "view-content" in response.get_json()["response"]


def test_a_500_is_logged_as_one_json_line_with_its_traceback():
    import io

    from flask import Flask

    flask_app = Flask("crashing")
    server.configure(flask_app, [], health=dict)

    @flask_app.route("/crash")
    def crash():
        return 1 / 0

    stream = io.StringIO()
    handlers = [h for h in server.log.handlers if isinstance(h.formatter, server.JsonFormatter)]
    previous = [h.setStream(stream) for h in handlers]
    try:
        assert flask_app.test_client().get("/crash").status_code == 500
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setStream(old)
    lines = stream.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is JSON
    errors = [e for e in entries if e["level"] == "error"]
    assert [e["message"] for e in errors] == ["Exception on /crash [GET]"]
    assert "ZeroDivisionError: division by zero" in errors[0]["error"]
    assert errors[0]["error"].startswith("Traceback (most recent call last):")


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


def test_local_cache_is_bounded_and_least_recently_used_goes_first():
    local = server.LocalCache(entries=3)
    for key in "abc":
        local.set(key, f'"{key}"')
    assert local.get("a") == '"a"'  # "a" is now the most recently used
    local.set("d", '"d"')
    assert len(local) == 3 and local.get("b") is None
    assert [local.get(k) for k in "acd"] == ['"a"', '"c"', '"d"']
    assert server.cache.local.entries == server.LOCAL_CACHE_ENTRIES == 256


def test_cache_entries_are_json_and_a_foreign_entry_is_a_miss():
    """Nothing read from the cache is unpickled: an entry that is not JSON (say, a pickle someone
    wrote into Redis) is ignored, never run."""
    import pickle

    cache = server.RenderCache()
    cache.configure(None)
    cache.set("view", '[{"type": "Div", "namespace": "dash_html_components", "props": {"children": "x"}}]')
    assert cache.get("view") == [
        {"type": "Div", "namespace": "dash_html_components", "props": {"children": "x"}}
    ]
    cache.local.set("evil", pickle.dumps(print).decode("latin1"))
    assert cache.get("evil") is None


def test_a_cached_view_is_the_json_dash_sends_for_the_components(client, dependencies):
    """The cache keeps the JSON form of the rendered components; Dash sends the same answer for it
    as for the components themselves (miss and hit alike)."""
    from plotly.io.json import to_json_plotly

    from rcpdash.ui import views

    server.cache.clear()
    vs = ViewState(view="map", regions=("africa",))
    body = render_request(dependencies, vs)
    miss, hit = (client.post("/_dash-update-component", json=body) for _ in range(2))
    assert (miss.headers["X-Cache"], hit.headers["X-Cache"]) == ("miss", "hit")
    with_components = json.loads(to_json_plotly(views.render(vs)))
    assert miss.get_json()["response"]["view-content"]["children"] == with_components
    assert hit.get_json() == miss.get_json()


def test_debug_cannot_be_switched_on_from_the_environment(monkeypatch):
    calls = {}
    monkeypatch.setenv("DASH_DEBUG", "true")
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setattr(app_module.app, "run", lambda **kw: calls.update(kw))
    monkeypatch.setattr(analysis, "warm_up", lambda: None)
    app_module.main()
    assert calls["debug"] is False and calls["host"] == "127.0.0.1"
    assert calls["dev_tools_disable_version_check"] is True
