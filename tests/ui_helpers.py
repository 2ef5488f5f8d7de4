"""Helpers to read Dash component trees in tests, and to call callbacks as if Dash fired them."""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace

from dash._callback_context import context_value
from dash._utils import AttributeDict

from rcpdash.ui.views.common import TABLE_MARKUP

#: A selection for every view at once (a profile's subject, a pair, a focus, processes and states to
#: compare), for tests that render each view with something selected.
SELECTED = {
    "state": "THA",
    "process": "apc",
    "pair": ("apc", "bali_process"),
    "focus": "state:THA",
    "processes": ("apc", "bali_process"),
    "states": ("THA", "AUS"),
}


def walk(component) -> Iterator:
    """Every component and string in a tree, depth first (a table's markup as a string).

    A component in Dash's JSON form (``{"type", "namespace", "props"}``: what the render cache
    returns, see rcpdash.server.cached) is yielded as an object with its props as attributes."""
    if isinstance(component, list | tuple):
        for item in component:
            yield from walk(item)
        return
    if isinstance(component, dict) and component.keys() == {"type", "namespace", "props"}:
        component = SimpleNamespace(**component["props"], _type=component["type"])
    yield component
    markup = getattr(component, TABLE_MARKUP, None)
    if isinstance(markup, str):
        yield markup
    children = getattr(component, "children", None)
    if children is not None:
        yield from walk(children)


def text_of(component) -> str:
    """All the text in a tree, space-joined (a table's markup read as its text)."""
    return " ".join(_plain(c) for c in walk(component) if isinstance(c, str | int | float))


def _plain(value) -> str:
    text = str(value)
    if text.startswith("<table"):
        return html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


@dataclass
class Table:
    """A table read back from the markup a view sends (rcpdash.ui.views.common.table_markup)."""

    id: str | None = None
    caption: str = ""
    headers: list[tuple[str, str | None]] = field(default_factory=list)  # (text, scope)
    rows: list[list[str]] = field(default_factory=list)
    row_headers: list[str] = field(default_factory=list)  # the scope="row" cells' text


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.where: list[str] = []
        self.cell: list[str] | None = None
        self.scope: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append(Table(id=attrs.get("id")))
        elif tag in ("thead", "tbody", "caption"):
            self.where.append(tag)
            if tag == "caption":
                self.cell = []
        elif tag == "tr" and self.where and self.where[-1] == "tbody":
            self.tables[-1].rows.append([])
        elif tag in ("th", "td"):
            self.cell, self.scope = [], attrs.get("scope")

    def handle_endtag(self, tag):
        table = self.tables[-1] if self.tables else None
        if tag == "caption":
            table.caption = "".join(self.cell).strip()
            self.cell = None
        if tag in ("thead", "tbody", "caption"):
            self.where.pop()
        elif tag in ("th", "td") and self.cell is not None:
            text = "".join(self.cell).strip()
            if self.where and self.where[-1] == "thead":
                table.headers.append((text, self.scope))
            else:
                table.rows[-1].append(text)
                if self.scope == "row":
                    table.row_headers.append(text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables_in(component) -> dict[str | None, Table]:
    """Every table a tree sends as markup, by its DOM id."""
    reader = _TableReader()
    for item in walk(component):
        if isinstance(item, str) and item.startswith("<table"):
            reader.feed(item)
    return {t.id: t for t in reader.tables}


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
