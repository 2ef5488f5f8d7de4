"""The Flask test client fetches the page, Dash's endpoints and the offline assets: no browser."""

from __future__ import annotations

import json
import re

import pytest

from app import app, server


@pytest.fixture(scope="module")
def client():
    return server.test_client()


def test_index_serves_only_local_scripts_and_styles(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, "the page loads no script at all?"
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []


def test_layout_and_dependencies(client):
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    text = json.dumps(layout.get_json(), ensure_ascii=False)
    for component_id in ("url", "view-state", "region-filter", "kind-filter", "role-filter", "year-filter"):
        assert f'"id": "{component_id}"' in text
    assert (
        "177 arrangements · 170 states and territories · 680 cited memberships (38 as observers or partners)"
        in text
    )
    deps = client.get("/_dash-dependencies").get_json()
    outputs = " ".join(d["output"] for d in deps)
    assert "url.search" in outputs and "view-content.children" in outputs and "csv-download.data" in outputs


@pytest.mark.parametrize("name", ["world_110m.json", "world_50m.json"])
def test_map_shapes_are_served_locally(client, name):
    response = client.get(f"/assets/topojson/{name}")
    assert response.status_code == 200
    assert json.loads(response.get_data())["type"] == "Topology"


def test_plotly_bundle_is_local(client):
    html = client.get("/").get_data(as_text=True)
    assert "cdn.plot.ly" not in html
    deps = client.get("/_dash-component-suites/dash/dcc/async-graph.js")
    assert deps.status_code == 200


def test_debug_is_off():
    assert app.server.debug is False


def test_files_outside_assets_are_not_served(client):
    assert client.get("/assets/../app.py").status_code == 404
    assert client.get("/assets/%2e%2e/app.py").status_code == 404
