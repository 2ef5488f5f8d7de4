"""Build the POST a browser sends to run a callback, from the app's own dependency list."""

from __future__ import annotations

from dataclasses import asdict

from rcpdash.urlstate import ViewState


def _split(output: str) -> list[dict]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    out = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        out.append({"id": component, "property": prop})
    return out


def render_request(dependencies: list[dict], vs: ViewState) -> dict:
    """The body of a /_dash-update-component call that renders the view `vs`."""
    dep = next(d for d in dependencies if "view-content.children" in d["output"])
    return {
        "output": dep["output"],
        "outputs": _split(dep["output"]),
        "inputs": [{"id": "view-state", "property": "data", "value": asdict(vs)}],
        "changedPropIds": ["view-state.data"],
        "state": [],
    }
