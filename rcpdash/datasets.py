"""Which dataset a request sees, and caches keyed by it.

The configured dataset (``data/`` or ``RCPDASH_DATA``) is loaded once; an uploaded one is kept parsed
per process by fingerprint and chosen per request with :func:`using` (a context variable, so two
users on two datasets never see each other's). :func:`per_dataset` caches a function's results per
dataset. Pure: no Dash.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, TypeVar

from .config import EDITION_LAST_YEARS, LAST_YEAR
from .data import Dataset, load_dataset, with_edition, with_reference_memberships

#: Results each :func:`per_dataset` cache keeps (least recently used dropped first).
CACHE_SIZE = 64
T = TypeVar("T")

#: Uploaded datasets this process keeps parsed, by fingerprint (least recently used dropped first).
#: A forgotten one is parsed again from what the user's session holds (see rcpdash.upload).
KEPT_DATASETS = 8

_serving: Dataset | None = None  # set only through serving(), for tests and tools
_data_dir: Path | None = None  # set by configure(); None: data/ (or RCPDASH_DATA)
#: The dataset of the request being served; None: the configured one. Per thread and per task, so
#: two users on two datasets never see each other's.
_active: ContextVar[Dataset | None] = ContextVar("rcpdash_dataset", default=None)
#: Which memberships this request's views count (rcpdash.config.SOURCE_CHOICES). Outside a view ("report")
#: the dataset is served as its files hold it, so exports and lists read the files' own rows.
_sources: ContextVar[str] = ContextVar("rcpdash_sources", default="report")
#: Which edition this request's views count (rcpdash.config.EDITION_CHOICES); outside a view the report's.
_edition: ContextVar[str] = ContextVar("rcpdash_edition", default=str(LAST_YEAR))
_kept: OrderedDict[str, Dataset] = OrderedDict()
_kept_lock = threading.Lock()


def dataset() -> Dataset:
    """The dataset of this request: an uploaded one chosen with :func:`using`, else ``data/`` (or
    ``RCPDASH_DATA``), validated and cached."""
    active = _active.get()
    if active is None:
        active = _serving if _serving is not None else _configured()
    edition = _edition.get()
    if edition != "both" and edition != str(LAST_YEAR):
        # A later edition alone: only what it lists (the reference lists speak for other years).
        return with_edition(active, edition)
    # "all": the report's rows plus the reference memberships, one membership per state (data.py).
    merged = with_reference_memberships(active) if _sources.get() == "all" else active
    return with_edition(merged, edition)


def edition() -> str:
    """The edition this request's views count (rcpdash.config.EDITION_CHOICES)."""
    return _edition.get()


def last_year() -> int:
    """The last year the edition in use speaks for: where the timeline and the year filter end."""
    return EDITION_LAST_YEARS.get(_edition.get(), LAST_YEAR)


@contextmanager
def sources_in_use(choice: str, edition: str = str(LAST_YEAR)) -> Iterator[None]:
    """Count the memberships `choice` names inside the block: "all" (report and reference sources)
    or "report" (only what the report names), in `edition` ("2005", "2013" or "both")."""
    token = _sources.set(choice)
    edition_token = _edition.set(edition)
    try:
        yield
    finally:
        _edition.reset(edition_token)
        _sources.reset(token)


@lru_cache(maxsize=1)
def _configured() -> Dataset:
    # load_dataset() resolves its folder on every call: once here, not on every cached lookup.
    return load_dataset() if _data_dir is None else load_dataset(_data_dir)


def configure(data_dir: Path | str | None) -> Dataset:
    """Serve the dataset in `data_dir` (None: ``data/`` or ``RCPDASH_DATA``) to every request without
    an upload of its own; loaded and validated now, so a bad folder fails here with every problem
    listed (:class:`~rcpdash.data.DataValidationError`) rather than on the first request."""
    global _data_dir
    _data_dir = None if data_dir is None else Path(data_dir)
    _configured.cache_clear()
    _clear_every_cache()
    return _configured()


def _key() -> str:
    """What the caches below are keyed by: the current dataset's fingerprint."""
    ds = dataset()
    # A dataset built in memory without a fingerprint is still told apart from any other.
    return ds.fingerprint or f"id:{id(ds)}"


@contextmanager
def using(other: Dataset | None) -> Iterator[None]:
    """Serve `other` to this thread (or task) inside the block; None: the configured dataset."""
    token = _active.set(other)
    try:
        yield
    finally:
        _active.reset(token)


def keep(ds: Dataset) -> Dataset:
    """Remember a parsed dataset under its fingerprint (bounded: the oldest is forgotten)."""
    with _kept_lock:
        _kept[ds.fingerprint] = ds
        _kept.move_to_end(ds.fingerprint)
        while len(_kept) > KEPT_DATASETS:
            _kept.popitem(last=False)
    return ds


def kept(fingerprint: str) -> Dataset | None:
    """The dataset parsed earlier under `fingerprint`, or None when this process does not have it."""
    with _kept_lock:
        ds = _kept.get(fingerprint)
        if ds is not None:
            _kept.move_to_end(fingerprint)
        return ds


def forget_kept() -> None:
    """Forget every uploaded dataset (tests: a restarted or another worker)."""
    with _kept_lock:
        _kept.clear()


@contextmanager
def serving(other: Dataset) -> Iterator[None]:
    """Serve `other` instead of the configured dataset inside the block (tests, tools), then restore.

    Not for per-user data (that is :func:`using`): it swaps what the whole process serves.
    """
    global _serving
    previous = _serving
    _serving = other
    _clear_every_cache()  # a dataset built in memory has no fingerprint: keyed by id(), reusable
    try:
        yield
    finally:
        _serving = previous
        _clear_every_cache()


#: Every cache made by :func:`per_dataset`, so :func:`serving` can empty them all.
_caches: list[Callable[..., Any]] = []


def _clear_every_cache() -> None:
    for cache in _caches:
        cache.cache_clear()


def per_dataset(maxsize: int = CACHE_SIZE) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """An LRU cache of `function`'s results keyed by the current dataset's fingerprint and the
    arguments: a result computed for one dataset is never served for another."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=maxsize)
        def by_key(_fingerprint: str, *args: Any) -> T:
            return function(*args)

        @wraps(function)
        def wrapper(*args: Any) -> T:
            return by_key(_key(), *args)

        wrapper.cache_clear = by_key.cache_clear  # type: ignore[attr-defined]
        wrapper.cache_info = by_key.cache_info  # type: ignore[attr-defined]
        _caches.append(by_key)
        return wrapper

    return decorate
