"""The HTTP body a browser sends to run the render callback, built from the app's dependency list.

For tools that talk to a running server without a browser: the load test, and the tests that
check workers and caches. Pure: no Dash import.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rcpdash.urlstate import ViewState


def split_outputs(output: str) -> list[dict[str, str]]:
    """The ``{"id", "property"}`` list of a Dash output string (``..a.b...c.d..`` or ``a.b``)."""
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    out = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        out.append({"id": component, "property": prop})
    return out


def render_request(
    dependencies: list[dict[str, Any]], vs: ViewState, dataset_record: dict | None = None
) -> dict[str, Any]:
    """The JSON body of the ``/_dash-update-component`` call that renders the view `vs`
    (`dependencies` is what ``/_dash-dependencies`` returns) on the report's data, or on the
    uploaded dataset a browser session keeps as `dataset_record`."""
    dep = next(d for d in dependencies if "view-content.children" in d["output"])
    values = {("view-state", "data"): asdict(vs), ("dataset-store", "data"): dataset_record}
    inputs = [{**i, "value": values.get((i["id"], i["property"]))} for i in dep["inputs"]]
    return {
        "output": dep["output"],
        "outputs": split_outputs(dep["output"]),
        "inputs": inputs,
        "changedPropIds": ["view-state.data"],
        "state": [{**s, "value": None} for s in dep.get("state", [])],
    }
