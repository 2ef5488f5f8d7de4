"""Dash's development tools stay off whatever DASH_* variables the environment sets, and the page
does not tell which versions of Dash, plotly or Python run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Everything Dash reads from the environment to switch a development tool on.
DEV_ENV = {
    "DASH_DEBUG": "true",
    "DASH_UI": "true",
    "DASH_PROPS_CHECK": "true",
    "DASH_SERVE_DEV_BUNDLES": "true",
    "DASH_HOT_RELOAD": "true",
    "DASH_VALIDATE_CALLBACKS": "true",
    "DASH_MCP_ENABLED": "true",
    "DASH_PRUNE_ERRORS": "false",
    "DASH_DISABLE_VERSION_CHECK": "false",
}

#: Run in a fresh interpreter (Dash reads the variables when the app is created, as under gunicorn).
PROBE = """
import json, re
import app
client = app.server.test_client()
page = client.get("/").get_data(as_text=True)
config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page).group(1))
mcp = client.post("/_mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                  headers={"Accept": "application/json, text/event-stream"})
print(json.dumps({
    "config": {k: config.get(k, "absent") for k in (
        "ui", "props_check", "hot_reload", "validate_callbacks", "disable_version_check",
        "dash_version", "python_version", "plotly_version", "dash_version_url")},
    "reload_hash": client.get("/_reload-hash").status_code,
    "mcp_status": mcp.status_code,
    "mcp_lists_callbacks": "receive_upload" in mcp.get_data(as_text=True),
    "page": page,
}))
"""


def test_dev_tools_stay_off_when_served_whatever_the_environment():
    env = {**os.environ, **DEV_ENV, "RCPDASH_LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["config"] == {
        "ui": False,
        "props_check": False,
        "hot_reload": "absent",
        "validate_callbacks": False,
        "disable_version_check": True,
        "dash_version": "absent",
        "python_version": "absent",
        "plotly_version": "absent",
        "dash_version_url": "absent",
    }
    assert result["reload_hash"] == 404
    assert result["mcp_status"] == 405 and result["mcp_lists_callbacks"] is False
    page = result["page"]
    import dash
    import plotly

    for version in (dash.__version__, plotly.__version__, "v" + dash.__version__.replace(".", "_")):
        assert version not in page, version
    assert sys.version.split()[0] not in page


def test_make_run_keeps_dev_tools_off_whatever_the_environment(monkeypatch):
    """`make run` (app.main through Dash's app.run, only Flask's server.run replaced)."""
    import app as app_module
    from rcpdash import analysis

    for name, value in DEV_ENV.items():
        monkeypatch.setenv(name, value)
    calls = {}
    monkeypatch.setattr(app_module.server, "run", lambda **kw: calls.update(kw))
    monkeypatch.setattr(analysis, "warm_up", lambda: None)
    app_module.main()
    tools = app_module.app._dev_tools
    assert calls["debug"] is False
    assert (tools.ui, tools.props_check, tools.serve_dev_bundles, tools.hot_reload) == (False,) * 4
    assert (tools.validate_callbacks, tools.disable_version_check) == (False, True)
    assert app_module.app._hot_reload.watch_thread is None
    # Werkzeug's Server header names no versions either.
    assert calls["request_handler"].version_string(None) == "rcpdash"
