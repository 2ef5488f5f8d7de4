"""Comparing several at once: exclusive intersections of processes (an UpSet chart's numbers) and
states side by side.

Pure (no Dash, no plotly): plain mappings and incidence matrices in, frames and sentences out. A
*set* here is a key (a process id, a state's ISO code) and the items it holds (the states of a
process, the processes of a state); the view feeds it the filtered, what-if-edited incidence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import numpy as np
import pandas as pd

from .i18n import _, count_text, format_number
from .network import PROCESS, STATE, Incidence

#: How many processes (states) a comparison takes: an UpSet of 8 sets has at most 255 bars; six
#: states side by side still fit a screen's width.
MIN_COMPARED = 2
MAX_PROCESSES = 8
MAX_STATES = 6
#: A sentence names at most this many processes, then says how many more (the table has them all).
MAX_NAMED = 10

INTERSECTION_COLUMNS = ["combination", "degree", "size", "members"]


def exclusive_intersections(sets: Mapping[str, Collection[str]]) -> pd.DataFrame:
    """The exclusive intersections of `sets`: for every combination of keys, the items in exactly
    those sets and in none of the others. Empty combinations are left out.

    Columns: ``combination`` (a tuple of keys, in the order of `sets`), ``degree`` (how many sets
    it combines), ``size`` and ``members`` (a sorted tuple). Largest first; ties: more sets first,
    then in the order of `sets` (the first key's combinations first).

    >>> exclusive_intersections({"a": {"x", "y", "z"}, "b": {"y", "z", "w"}}).to_dict("records")
    [{'combination': ('a', 'b'), 'degree': 2, 'size': 2, 'members': ('y', 'z')}, {'combination': ('a',), 'degree': 1, 'size': 1, 'members': ('x',)}, {'combination': ('b',), 'degree': 1, 'size': 1, 'members': ('w',)}]
    """
    keys = list(sets)
    position = {key: i for i, key in enumerate(keys)}
    held: dict[str, set[str]] = {}
    for key in keys:
        for item in sets[key]:
            held.setdefault(item, set()).add(key)
    groups: dict[tuple[str, ...], list[str]] = {}
    for item, owners in held.items():
        groups.setdefault(tuple(sorted(owners, key=position.__getitem__)), []).append(item)
    rows = [(combo, len(combo), len(items), tuple(sorted(items))) for combo, items in groups.items()]
    rows.sort(key=lambda r: (-r[2], -r[1], [position[k] for k in r[0]]))
    return pd.DataFrame(rows, columns=INTERSECTION_COLUMNS)


def set_sizes(sets: Mapping[str, Collection[str]]) -> dict[str, int]:
    """How many distinct items each set holds, in the order of `sets`.

    >>> set_sizes({"a": ["x", "y", "x"], "b": []})
    {'a': 2, 'b': 0}
    """
    return {key: len(set(items)) for key, items in sets.items()}


def members_of(inc: Incidence, process_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """The states (ISO codes) of each process in an incidence matrix, in the order given; a process
    the matrix does not hold (no member under the filters) has none."""
    columns = inc.matrix.tocsc()
    out: dict[str, frozenset[str]] = {}
    for process_id in process_ids:
        j = inc.process_index.get((PROCESS, process_id))
        rows = columns.indices[columns.indptr[j] : columns.indptr[j + 1]] if j is not None else ()
        out[process_id] = frozenset(inc.states[i][1] for i in rows)
    return out


def processes_of(inc: Incidence, iso3s: Iterable[str]) -> dict[str, frozenset[str]]:
    """The processes (ids) each state belongs to in an incidence matrix, in the order given."""
    out: dict[str, frozenset[str]] = {}
    for iso3 in iso3s:
        i = inc.state_index.get((STATE, iso3))
        columns = inc.matrix.indices[inc.matrix.indptr[i] : inc.matrix.indptr[i + 1]] if i is not None else ()
        out[iso3] = frozenset(inc.processes[j][1] for j in columns)
    return out


def side_by_side(
    sets: Mapping[str, Collection[str]], sort_key: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Every item of `sets` with the keys that hold it: the rows of a side-by-side table.

    Columns: ``item``, ``holders`` (a tuple of keys, in the order of `sets`) and ``count``. Items
    held by every key come first, then by how many hold them, then the first key's own before the
    second's; within that by `sort_key` (an item's label), else by the item itself.

    >>> side_by_side({"KEN": {"eac", "igad", "au"}, "UGA": {"eac", "au"}}).to_dict("records")
    [{'item': 'au', 'holders': ('KEN', 'UGA'), 'count': 2}, {'item': 'eac', 'holders': ('KEN', 'UGA'), 'count': 2}, {'item': 'igad', 'holders': ('KEN',), 'count': 1}]
    """
    keys = list(sets)
    labels = sort_key or {}
    items = sorted({i for key in keys for i in sets[key]})
    rows = [(item, tuple(k for k in keys if item in sets[k])) for item in items]
    rows.sort(key=lambda r: (-len(r[1]), [keys.index(k) for k in r[1]], labels.get(r[0], r[0]).casefold()))
    return pd.DataFrame(
        [(item, holders, len(holders)) for item, holders in rows], columns=["item", "holders", "count"]
    )


def own_items(sets: Mapping[str, Collection[str]]) -> dict[str, tuple[str, ...]]:
    """For each key, the items it holds and no other key does (sorted).

    >>> own_items({"KEN": {"eac", "igad"}, "UGA": {"eac"}, "TZA": {"sadc", "eac"}})
    {'KEN': ('igad',), 'UGA': (), 'TZA': ('sadc',)}
    """
    out = {}
    for key, items in sets.items():
        others = set().union(*(set(v) for k, v in sets.items() if k != key))
        out[key] = tuple(sorted(set(items) - others))
    return out


def shared_items(sets: Mapping[str, Collection[str]]) -> tuple[str, ...]:
    """The items every key holds (sorted); none for no keys.

    >>> shared_items({"KEN": {"eac", "igad"}, "UGA": {"eac", "au"}})
    ('eac',)
    """
    if not sets:
        return ()
    return tuple(sorted(set.intersection(*(set(v) for v in sets.values()))))


def ranks(table: pd.DataFrame, ids: Iterable[str], metrics: Iterable[str]) -> pd.DataFrame:
    """Each of `ids` on each of `metrics` of `table` (indexed by id): its value and its rank among all
    the table's rows (1 = highest; ties share the best rank), and how many rows were ranked.

    Columns: ``id, metric, value, rank, of``; an id not in the table gets NaN and no rank.

    >>> t = pd.DataFrame({"degree": [3.0, 5.0, 3.0]}, index=["A", "B", "C"])
    >>> ranks(t, ["C", "Z"], ["degree"]).to_dict("records")
    [{'id': 'C', 'metric': 'degree', 'value': 3.0, 'rank': 2, 'of': 3}, {'id': 'Z', 'metric': 'degree', 'value': nan, 'rank': None, 'of': 3}]
    """
    rows = []
    for metric in metrics:
        column = table[metric].to_numpy(dtype=float)
        for node in ids:
            if node not in table.index:
                rows.append((node, metric, np.nan, pd.NA, len(table)))
                continue
            value = float(table.at[node, metric])
            # A tolerance: float noise must not split a tie (as the what-if panel ranks).
            rows.append((node, metric, value, int((column > value + 1e-12).sum()) + 1, len(table)))
    return pd.DataFrame(rows, columns=["id", "metric", "value", "rank", "of"]).astype({"rank": "Int64"})


def _listing(items: Iterable[str], labels: Mapping[str, str]) -> str:
    """`items` by their labels, comma-separated, at most :data:`MAX_NAMED` then "and N more"."""
    names = sorted((labels.get(i, i) for i in items), key=str.casefold)
    shown = ", ".join(names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        shown += " " + _("and {n} more").format(n=format_number(len(names) - MAX_NAMED))
    return shown


def difference_sentences(
    sets: Mapping[str, Collection[str]], names: Mapping[str, str], labels: Mapping[str, str]
) -> list[str]:
    """The difference between states in words, in the interface language: what they share, then
    for each state the processes none of the others sits in ("Kenya sits in 4 processes Uganda does
    not: …"). `names`: the states' names; `labels`: the processes' labels."""
    keys = list(sets)
    shared = shared_items(sets)
    sentences = [
        count_text(
            "They share {n} process: {items}.",
            "They share {n} processes: {items}.",
            len(shared),
            items=_listing(shared, labels),
        )
        if shared
        else _("They share no process.")
    ]
    own = own_items(sets)
    for key in keys:
        name = names.get(key, key)
        items = own[key]
        if not sets[key]:
            sentences.append(_("{name} sits in no process under these filters.").format(name=name))
        elif len(keys) == 2:
            other = names.get(keys[1 - keys.index(key)], keys[1 - keys.index(key)])
            sentences.append(
                count_text(
                    "{name} sits in {n} process {other} does not: {items}.",
                    "{name} sits in {n} processes {other} does not: {items}.",
                    len(items),
                    name=name,
                    other=other,
                    items=_listing(items, labels),
                )
                if items
                else _("{name} sits in no process {other} does not.").format(name=name, other=other)
            )
        else:
            sentences.append(
                count_text(
                    "{name} sits in {n} process none of the others does: {items}.",
                    "{name} sits in {n} processes none of the others does: {items}.",
                    len(items),
                    name=name,
                    items=_listing(items, labels),
                )
                if items
                else _(
                    "{name} sits in no process of its own: each of its processes has another of them too."
                ).format(name=name)
            )
    return sentences
