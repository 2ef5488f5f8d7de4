"""Malformed ``/_dash-update-component`` bodies for every callback an app declares.

Built from what ``/_dash-dependencies`` returns, so a callback added later is forged too without
touching this file. A forged body is what a hostile client (not a browser running the page) can send:
unknown keys, wrong types, lists of the wrong length, huge lists, a pattern-matching input that is
not a list. Pure: no Dash import.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

from .callback_requests import split_outputs

#: Items in a "huge" list: far more than any list the page holds (tests/test_forged_requests.py also
#: sends 60,000 what-if edits in one body).
HUGE = 5_000

#: Values no browser would send for most properties: wrong types, empty and huge containers.
HOSTILE_VALUES: tuple[Any, ...] = (
    True,
    0,
    -1,
    2**70,
    1.5e308,
    "",
    "<a href='x'>y</a>",
    "x" * 100_000,
    [],
    [None],
    [1, {"a": 2}],
    ["map"] * HUGE,
    {},
    {"a": [1, 2]},
    {"points": "x", "table": ["map"], "lang": 3},
    [[[["deep"]]]],
)


def _concrete(pattern: str, index: int) -> dict:
    """An id a pattern-matching input (``{"name":["ALL"],"type":"pick"}``) could match."""
    spec = json.loads(pattern)
    return {key: (f"forged-{index}" if isinstance(value, list) else value) for key, value in spec.items()}


def _slot(dep: dict) -> dict | list:
    """One input or state of a valid-looking body, its value None (a pattern: two matches)."""
    if dep["id"].startswith("{"):
        return [{"id": _concrete(dep["id"], i), "property": dep["property"], "value": None} for i in range(2)]
    return {"id": dep["id"], "property": dep["property"], "value": None}


def _output(output: dict) -> dict | list:
    """An output as the page names it: a dict id parsed, a pattern as two matches."""
    component, prop = output["id"], output["property"]  # "disabled@<hash>" for a duplicate output
    if not component.startswith("{"):
        return {"id": component, "property": prop}
    if '["' not in component:
        return {"id": json.loads(component), "property": prop}
    return [{"id": _concrete(component, i), "property": prop} for i in range(2)]


def _prop_id(slot: dict | list) -> str:
    first = slot[0] if isinstance(slot, list) else slot
    component = first["id"]
    name = (
        json.dumps(component, separators=(",", ":"), sort_keys=True)
        if isinstance(component, dict)
        else component
    )
    return f"{name}.{first['property']}"


def template(dep: dict) -> dict:
    """A body a browser could send for the callback `dep` (every value None, the first input changed)."""
    inputs = [_slot(d) for d in dep["inputs"]]
    outputs = [_output(o) for o in split_outputs(dep["output"])]
    return {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": [_prop_id(inputs[0])] if inputs else [],
        "state": [_slot(d) for d in dep.get("state", [])],
    }


def _with_value(body: dict, part: str, index: int, value: Any) -> dict:
    """`body` with the value of its `part` (inputs or state) number `index` set to `value`."""
    forged = copy.deepcopy(body)
    slot = forged[part][index]
    if isinstance(slot, list):
        for match in slot:
            match["value"] = value
    else:
        slot["value"] = value
    if part == "inputs":
        forged["changedPropIds"] = [_prop_id(slot)]
    return forged


def _structural(body: dict) -> Iterator[tuple[str, Any]]:
    """The body's structure broken one way at a time."""
    yield "unknown output", {**body, "output": "no-such.children"}
    yield "output a number", {**body, "output": 12}
    yield "output a dict", {**body, "output": {"id": "x"}}
    yield "no output", {k: v for k, v in body.items() if k != "output"}
    yield "no outputs", {k: v for k, v in body.items() if k != "outputs"}
    yield "outputs a string", {**body, "outputs": "x"}
    yield "outputs too long", {**body, "outputs": [*_as_list(body["outputs"]), {"id": "x", "property": "y"}]}
    yield "outputs too short", {**body, "outputs": _as_list(body["outputs"])[:-1]}
    yield "outputs without ids", {**body, "outputs": [{"a": 1} for _ in _as_list(body["outputs"])]}
    yield "no inputs", {k: v for k, v in body.items() if k != "inputs"}
    yield "inputs a dict", {**body, "inputs": {"id": "x"}}
    yield "inputs null", {**body, "inputs": None}
    yield "one input short", {**body, "inputs": body["inputs"][:-1]}
    yield "one input extra", {**body, "inputs": [*body["inputs"], {"id": "x", "property": "y", "value": 1}]}
    yield "inputs as strings", {**body, "inputs": ["x" for _ in body["inputs"]]}
    yield "inputs without values", {**body, "inputs": [_strip_values(s) for s in body["inputs"]]}
    yield "inputs renamed", {**body, "inputs": [_renamed(s) for s in body["inputs"]]}
    yield "state null", {**body, "state": None}
    yield "one state extra", {**body, "state": [*body["state"], {"id": "x", "property": "y", "value": 1}]}
    if body["state"]:
        yield "one state short", {**body, "state": body["state"][:-1]}
    yield "changedPropIds a string", {**body, "changedPropIds": "url.search"}
    yield "changedPropIds numbers", {**body, "changedPropIds": [1, None]}
    yield "changedPropIds unknown", {**body, "changedPropIds": ["nothing.here"]}
    yield (
        "changedPropIds an undeclared pattern",
        {**body, "changedPropIds": ['{"type":"nowhere","name":1}.clickData']},
    )
    yield "changedPropIds huge", {**body, "changedPropIds": ["url.search"] * HUGE}
    yield "unknown keys", {**body, "extra": {"a": 1}, "inputs_extra": [1]}
    for name, value in (("list", []), ("string", "x"), ("number", 1), ("null", None)):
        yield f"body a {name}", value


def _as_list(outputs: Any) -> list:
    return outputs if isinstance(outputs, list) else [outputs]


def _strip_values(slot: dict | list) -> dict | list:
    if isinstance(slot, list):
        return [{k: v for k, v in m.items() if k != "value"} for m in slot]
    return {k: v for k, v in slot.items() if k != "value"}


def _renamed(slot: dict | list) -> dict | list:
    if isinstance(slot, list):
        return [{**m, "id": {**m["id"], "type": "forged"}} for m in slot]
    return {**slot, "id": "forged-" + slot["id"]}


def _pattern_forgeries(body: dict, part: str, index: int) -> Iterator[tuple[str, dict]]:
    """A pattern-matching input or state that is not a list of matches, or far too many of them."""
    slot = body[part][index]
    for name, value in (
        ("a dict", slot[0]),
        ("null", None),
        ("a string", "x"),
        ("strings", ["x", "y"]),
        ("matches without ids", [{"property": slot[0]["property"], "value": 1}]),
        ("ids of the wrong shape", [{**slot[0], "id": "flat"}, {**slot[0], "id": {"type": 1}}]),
        ("5,000 matches", [{**slot[0], "id": {**slot[0]["id"], "x": i}, "value": 1} for i in range(HUGE)]),
    ):
        forged = copy.deepcopy(body) if name != "5,000 matches" else {**body, part: list(body[part])}
        forged[part][index] = value
        if part == "inputs":
            forged["changedPropIds"] = [_prop_id(slot)]
        yield f"{part}[{index}] {name}", forged


def _special(dep: dict, body: dict) -> Iterator[tuple[str, dict]]:
    """Forgeries aimed at particular properties: uploads, stores with what-if edits, searches."""
    names = [(d["id"], d["property"]) for d in dep["inputs"] + dep.get("state", [])]
    parts = [("inputs", i) for i in range(len(dep["inputs"]))] + [
        ("state", i) for i in range(len(dep.get("state", [])))
    ]

    def setting(*changes: tuple[str, str, Any]) -> dict:
        forged = copy.deepcopy(body)
        for component, prop, value in changes:
            part, index = parts[names.index((component, prop))]
            forged[part][index]["value"] = value
            if part == "inputs":
                forged["changedPropIds"] = [f"{component}.{prop}"]
        return forged

    for component, prop in names:
        if prop == "contents":
            filename = (component, "filename")
            if filename in names:
                yield (
                    f"{component}: three files, one name",
                    setting((component, prop, ["data:,a"] * 3), (*filename, ["a.csv"])),
                )
                yield (
                    f"{component}: one file, two names",
                    setting((component, prop, "data:,a"), (*filename, ["a", "b"])),
                )
                yield (
                    f"{component}: names are numbers",
                    setting((component, prop, ["data:,a"]), (*filename, [1])),
                )
                yield (
                    f"{component}: not base64",
                    setting((component, prop, ["data:x;base64,@@@@"]), (*filename, ["a.zip"])),
                )
                yield (
                    f"{component}: 5,000 files",
                    setting((component, prop, ["data:,a"] * HUGE), (*filename, ["a"] * HUGE)),
                )
        if prop == "data":
            edits = [["+", "KEN", "apc"]] * HUGE
            yield (
                f"{component}: 5,000 edits",
                setting((component, prop, {"view": "state", "state": "KEN", "edits": edits})),
            )
            yield (
                f"{component}: edits of numbers",
                setting((component, prop, {"view": "state", "edits": [[1, 2, 3], 4]})),
            )
            yield (
                f"{component}: 5,000 steps",
                setting((component, prop, {"steps": [{"query": "?view=map"}] * HUGE})),
            )
            yield (
                f"{component}: tables forged",
                setting((component, prop, {"fingerprint": 5, "tables": ["x"]})),
            )
        if prop == "search":
            edits = ",".join(["+KEN:apc"] * HUGE)
            yield (
                f"{component}: 5,000 edits in the link",
                setting((component, prop, f"?view=state&state=KEN&edits={edits}")),
            )
            yield (
                f"{component}: 10,000 parameters",
                setting((component, prop, "?" + "&".join(["a=1"] * 10_000))),
            )


def forged_bodies(dependencies: list[dict]) -> Iterator[tuple[str, Any]]:
    """``(description, body)`` for every forgery of every callback in `dependencies` (those that run
    in the browser too: a client can post them to the server all the same)."""
    for dep in dependencies:
        body = template(dep)
        name = dep["output"][:60]
        yield f"{name}: as a browser sends it", body
        for what, forged in _structural(body):
            yield f"{name}: {what}", forged
        for part in ("inputs", "state"):
            for index, slot in enumerate(body[part]):
                if isinstance(slot, list):
                    for what, forged in _pattern_forgeries(body, part, index):
                        yield f"{name}: {what}", forged
                for value in HOSTILE_VALUES:
                    shown = repr(value)[:30]
                    yield f"{name}: {part}[{index}] = {shown}", _with_value(body, part, index, value)
        for what, forged in _special(dep, body):
            yield f"{name}: {what}", forged
