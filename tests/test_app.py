"""The Flask test client fetches the page and Dash's endpoints: no browser needed."""

from __future__ import annotations

import json

from app import app


def test_index_and_layout():
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    response = client.get("/_dash-layout")
    assert response.status_code == 200
    assert "processes:    154" in json.dumps(response.get_json())
    assert client.get("/_dash-dependencies").status_code == 200
