"""Check a callback request against the callback it names before Dash runs it.

The page's script sends ``/_dash-update-component`` bodies that always fit the callback they name:
the declared inputs, state and outputs in order, values of the types their components hold. Any
other client can send anything, and Dash itself trusts the body (a missing key, a number where it
expects a list, an unknown output all end in a traceback and an HTTP 500; 60,000 pattern-matching
inputs in one body cost seconds of CPU). :func:`install` answers such a body with a 400 and a
message saying what does not fit, in one place, so no callback has to defend itself against the
protocol; callbacks still validate the *contents* of what they read (a store, a link), see
rcpdash.ui.scope.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from dash import Dash
from flask import Response, jsonify, request

log = logging.getLogger("rcpdash")

#: Most items a list anywhere in a value may hold, and most matches of one pattern-matching input.
#: The page's largest lists are far below: a tour's 100 steps (and their 3 buttons each, 300
#: matches), an upload's 20 files, the filters' few choices.
MAX_LIST_ITEMS = 1000
#: Deepest nesting of lists and objects in a value (the page's stores nest three or four levels).
MAX_DEPTH = 32


class Unfit(ValueError):
    """A callback request that does not fit the callback it names; the message says where."""


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _is_strings(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


#: The JSON type of each property a callback reads, by property name (the same across dcc and html
#: components). None is always allowed (a property not yet set). A property not named here may hold
#: any JSON within the size limits; its callback validates it (stores: rcpdash.ui.scope).
PROPERTY_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "search": ("a string", lambda v: isinstance(v, str)),
    "pathname": ("a string", lambda v: isinstance(v, str)),
    "n_clicks": ("a count", _is_count),
    "submit_n_clicks": ("a count", _is_count),
    "n_intervals": ("a count", _is_count),
    "disabled": ("true or false", lambda v: isinstance(v, bool)),
    "hidden": ("true or false", lambda v: isinstance(v, bool)),
    "clickData": ("an object", lambda v: isinstance(v, dict)),
    "contents": ("a string or a list of strings", _is_strings),
    "filename": ("a string or a list of strings", _is_strings),
    # Dropdowns, radio items, sliders and inputs hold one value; checklists and multi-dropdowns a list.
    "value": (
        "a value or a list of values",
        lambda v: _is_scalar(v) or (isinstance(v, list) and all(_is_scalar(x) for x in v)),
    ),
}


def _declared_id(text: str) -> str | dict:
    """A dependency's id as Dash lists it: a plain id, or a JSON object (a dict id, maybe a pattern)."""
    return json.loads(text) if text.startswith("{") else text


def _wildcards(component_id: str | dict) -> list[str]:
    if not isinstance(component_id, dict):
        return []
    return [key for key, value in component_id.items() if isinstance(value, list)]


def _fits_pattern(given: Any, component_id: dict) -> bool:
    """Whether the id `given` is one a pattern id matches: the same keys, its fixed values, and a
    plain value where the pattern has a wildcard."""
    wildcards = _wildcards(component_id)
    return (
        isinstance(given, dict)
        and set(given) == set(component_id)
        and all(given[k] == v for k, v in component_id.items() if k not in wildcards)
        and all(_is_scalar(given[k]) for k in wildcards)
    )


def _check_bounds(value: Any, where: str, depth: int = 0) -> None:
    """Refuse lists longer than :data:`MAX_LIST_ITEMS` and nesting deeper than :data:`MAX_DEPTH`."""
    if isinstance(value, list | dict):
        if depth >= MAX_DEPTH:
            raise Unfit(f"{where} nests deeper than {MAX_DEPTH} levels")
        if len(value) > MAX_LIST_ITEMS:
            raise Unfit(f"{where} has {len(value):,} items (at most {MAX_LIST_ITEMS:,})")
        for item in value.values() if isinstance(value, dict) else value:
            _check_bounds(item, where, depth + 1)


def _check_entry(entry: Any, component_id: str | dict, prop: str, where: str, *, has_value: bool) -> None:
    """One input, state or output of the body against its declared component id and property."""
    if not isinstance(entry, dict):
        raise Unfit(f"{where} is not an object")
    if entry.get("property") != prop:
        raise Unfit(f"{where} should be the property {prop!r}")
    given = entry.get("id")
    if _wildcards(component_id):
        if not _fits_pattern(given, component_id):
            raise Unfit(f"{where} has an id that does not match {json.dumps(component_id)}")
    elif given != component_id:
        raise Unfit(f"{where} should be the component {json.dumps(component_id)}")
    if not has_value or "value" not in entry or entry["value"] is None:
        return
    value = entry["value"]
    _check_bounds(value, where)
    kind = PROPERTY_TYPES.get(prop)
    if kind is not None and not kind[1](value):
        raise Unfit(f"{where} ({prop}) should be {kind[0]}, not {type(value).__name__}")


def _check_slot(slot: Any, declared: dict, where: str, *, has_value: bool = True) -> None:
    """A declared dependency in the body: one entry, or a list of matches for an ALL pattern."""
    component_id = _declared_id(declared["id"])
    prop = declared["property"]
    wildcards = _wildcards(component_id)
    if any(component_id[k] != ["MATCH"] for k in wildcards):  # ALL, ALLSMALLER: a list of matches
        if not isinstance(slot, list):
            raise Unfit(f"{where} should be a list of matching components")
        if len(slot) > MAX_LIST_ITEMS:
            raise Unfit(f"{where} has {len(slot):,} matches (at most {MAX_LIST_ITEMS:,})")
        for i, entry in enumerate(slot):
            _check_entry(entry, component_id, prop, f"{where}[{i}]", has_value=has_value)
    else:
        _check_entry(slot, component_id, prop, where, has_value=has_value)


def _declared_outputs(output: str) -> list[dict]:
    """The outputs a callback's key names, as the page receives them in ``/_dash-dependencies``:
    ``..a.b...c.d..`` (several) or ``a.b``; a duplicate output's property keeps its ``@<hash>``."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    declared = []
    for part in parts:
        component, _dot, prop = part.rpartition(".")
        declared.append({"id": component, "property": prop})
    return declared


def _prop_id(entry: dict) -> tuple[str, str]:
    component = entry["id"]
    return (json.dumps(component, sort_keys=True) if isinstance(component, dict) else component), entry[
        "property"
    ]


def _parse_prop_id(text: str) -> tuple[str, str] | None:
    """``'{"lang":"fr","type":"language-button"}.n_clicks'`` → its id (normalised) and property."""
    component, dot, prop = text.rpartition(".")
    if not dot:
        return None
    if component.startswith("{"):
        try:
            parsed = json.loads(component)
        except ValueError:
            return None
        if not isinstance(parsed, dict):
            return None
        component = json.dumps(parsed, sort_keys=True)
    return component, prop


def check_body(body: Any, callback_map: dict) -> None:
    """Raise :class:`Unfit` unless `body` fits the callback it names in `callback_map` (Dash's)."""
    if not isinstance(body, dict):
        raise Unfit("the body is not a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        raise Unfit("'output' names no callback of this page")
    callback = callback_map[output]
    if "callback" not in callback:
        raise Unfit("'output' names a callback that runs in the browser")
    for part in ("inputs", "state"):
        declared = callback[part]
        given = body.get(part, [] if part == "state" and not declared else None)
        if not isinstance(given, list) or len(given) != len(declared):
            raise Unfit(f"'{part}' should be a list of {len(declared)}")
        for i, (slot, dep) in enumerate(zip(given, declared, strict=True)):
            _check_slot(slot, dep, f"{part}[{i}]")
    if not callback.get("no_output"):
        declared_out = _declared_outputs(output)
        outputs = body.get("outputs")
        multi = output.startswith("..")
        listed = outputs if multi else [outputs]
        if not isinstance(listed, list) or len(listed) != len(declared_out):
            raise Unfit(f"'outputs' should list {len(declared_out)}")
        for i, (slot, dep) in enumerate(zip(listed, declared_out, strict=True)):
            _check_slot(slot, dep, f"outputs[{i}]", has_value=False)
    changed = body.get("changedPropIds", [])
    inputs = {
        _prop_id(entry) for slot in body["inputs"] for entry in (slot if isinstance(slot, list) else [slot])
    }
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise Unfit("'changedPropIds' should be a list of strings")
    patterns = [dep for dep in callback["inputs"] if _wildcards(_declared_id(dep["id"]))]
    if len(changed) > len(inputs) + len(patterns):
        raise Unfit(f"'changedPropIds' names {len(changed):,} changes of {len(inputs):,} inputs")
    for text in changed:
        parsed = _parse_prop_id(text)
        if parsed not in inputs and not _matches_a_pattern(parsed, patterns):
            raise Unfit(f"'changedPropIds' names {text[:80]!r}, which is not one of the inputs")


def _matches_a_pattern(prop_id: tuple[str, str] | None, patterns: list[dict]) -> bool:
    """Whether a changed ``(id, property)`` fits one of the callback's pattern inputs (an ALL input).

    The browser reports a pattern-matched component as changed even when a re-render removed it
    before the request was sent (what-if rows replaced after a dataset switch): it is then missing
    from the input's list of matches, yet the request is the page's own.
    """
    if prop_id is None or not prop_id[0].startswith("{"):
        return False
    given, prop = json.loads(prop_id[0]), prop_id[1]
    return any(dep["property"] == prop and _fits_pattern(given, _declared_id(dep["id"])) for dep in patterns)


def install(app: Dash) -> None:
    """Check every callback request `app` receives; answer one that does not fit with a 400."""
    path = app.config.routes_pathname_prefix + "_dash-update-component"

    @app.server.before_request
    def _check_callback_request() -> tuple[Response, int] | None:
        if request.path != path or request.method != "POST":
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested deeper than Python's parser goes
            body = None
        try:
            if body is None:
                raise Unfit("the body is not JSON")
            check_body(body, app.callback_map)
        except Unfit as unfit:
            message = f"This callback request does not fit the page: {unfit}. Reload the page."
            log.info("callback request refused", extra={"fields": {"reason": str(unfit)}})
            return jsonify(error=message), 400
        return None
