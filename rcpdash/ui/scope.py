"""The scope a callback runs in: the session's dataset, the page's language, a validated view state.

Every callback that reads data or writes words runs inside its request's scope. Most say so with
:func:`request_scope`, which reads it from the callback's own arguments by name:

- ``record``: the session's dataset record (rcpdash.upload.session_record), served to this request
  only (:func:`active`);
- ``language``: the page's language; or else ``view_state``: the view-state store, whose validated
  ``lang`` is used.

Callbacks live in the ``*callbacks.py`` modules of rcpdash.ui and are registered by importing those
modules in the app factory (rcpdash.ui.app_factory), and nowhere else.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from functools import wraps
from typing import Any, TypeVar

from .. import datasets, i18n, upload
from ..urlstate import DEFAULT, ViewState, parse_query, to_query

T = TypeVar("T")


@contextmanager
def active(record: dict | None) -> Iterator[bool]:
    """Serve the session's dataset inside the block; yields False when it could not be restored
    (the report's data is served then, and the dataset bar says so)."""
    try:
        ds = upload.restore(record)
        restored = True
    except upload.DatasetUnavailable:
        ds, restored = None, False
    with datasets.using(ds):
        yield restored


def known_ids() -> tuple[frozenset[str], frozenset[str]]:
    """The states and processes of the request's dataset, that links and stores are checked against."""
    ds = datasets.dataset()
    return frozenset(ds.states.iso3), frozenset(ds.processes.process_id)


#: Longest list field read from a store before validation (the parser's own limits apply after).
_MAX_STORED_ITEMS = 64


def stored_state(data: object) -> ViewState:
    """The view state kept in the store, validated exactly as a link is (the default before the
    first sync, or for anything malformed).

    The browser sends the store back with every callback, so a forged one can hold anything: it is
    turned into its query string and read back by :func:`parse_query`, against the states and
    processes of the active dataset. What is rendered and the cache key it is stored under
    (rcpdash.ui.callbacks.render_key) both come from that validated state, so no request can put one view's
    content under another view's key.
    """
    if not isinstance(data, dict) or not data:
        return DEFAULT
    fields = {
        key: _bounded(value) for key, value in data.items() if key in _STATE_FIELDS and value is not None
    }
    return checked_state(ViewState(**fields))


def checked_state(vs: ViewState, fallback: ViewState = DEFAULT) -> ViewState:
    """`vs` validated exactly as a link is: written as its query string and read back against the
    active dataset (values a link could not hold dropped); `fallback` if it cannot even be written.

    For states built from what a request sent (a store, the controls' values): their fields can hold
    anything the client chose.
    """
    try:
        query = to_query(vs)
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
        return fallback
    states, processes = known_ids()
    return parse_query(query, states, processes)[0]


_STATE_FIELDS = frozenset(asdict(DEFAULT))


def _bounded(value: object) -> object:
    """A stored value back to ViewState's types (JSON turned tuples into lists), lists cut short."""
    if isinstance(value, list):
        return tuple(_bounded(v) for v in value[:_MAX_STORED_ITEMS])
    return value


def request_scope(callback: Callable[..., T]) -> Callable[..., T]:
    """Run `callback` with its request's dataset and language, read from its arguments named
    ``record``, ``language`` and ``view_state`` (see the module's docstring)."""
    signature = inspect.signature(callback)
    names = set(signature.parameters)

    @wraps(callback)
    def scoped(*args: Any, **kwargs: Any) -> T:
        arguments = signature.bind_partial(*args, **kwargs).arguments
        with active(arguments.get("record")):
            language = arguments.get("language")
            if language is None and "view_state" in names:
                language = stored_state(arguments.get("view_state")).lang
            with i18n.using(language):
                return callback(*args, **kwargs)

    return scoped
