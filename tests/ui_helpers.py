"""Helpers to read Dash component trees in tests, and to call callbacks as if Dash fired them."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

from dash._callback_context import context_value
from dash._utils import AttributeDict


def walk(component) -> Iterator:
    """Every component and string in a tree, depth first."""
    if isinstance(component, list | tuple):
        for item in component:
            yield from walk(item)
        return
    yield component
    children = getattr(component, "children", None)
    if children is not None:
        yield from walk(children)


def text_of(component) -> str:
    """All the text in a tree, space-joined."""
    return " ".join(str(c) for c in walk(component) if isinstance(c, str | int | float))


def find(component, component_id):
    """The first component with this id (string or pattern-matching dict), or None."""
    return next((c for c in walk(component) if getattr(c, "id", None) == component_id), None)


@contextlib.contextmanager
def triggered(component_id, prop: str, value):
    """Run a callback body as if `component_id.prop` had just changed to `value`."""
    key = (
        json.dumps(component_id, sort_keys=True, separators=(",", ":"))
        if isinstance(component_id, dict)
        else (component_id)
    )
    token = context_value.set(
        AttributeDict(
            triggered_inputs=[{"prop_id": f"{key}.{prop}", "value": value}], inputs_list=[], states_list=[]
        )
    )
    try:
        yield
    finally:
        context_value.reset(token)
