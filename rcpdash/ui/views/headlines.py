"""One line at the top of each view that answers the question it is opened for.

"Which state sits in the most processes?", "Which processes share the most states?": every headline is
computed from the data the view shows (under the same filters), written with real plurals and numbers
in the interface language, and names things as the chart labels them. The functions take plain
frames, series and names, so the tests can give them a hand-made dataset; the views pass theirs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from dash import html

from ...i18n import _, count_text, format_number
from ...names import sort_key

#: Names a headline lists before it says "and N more".
MAX_NAMED = 3


def name_list(names: Sequence[str], limit: int = MAX_NAMED) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 more", in the interface language."""
    names = list(names)
    if len(names) > limit:
        shown, rest = names[:limit], len(names) - limit
        return _("{names} and {n} more").format(names=", ".join(shown), n=format_number(rest))
    if len(names) == 1:
        return names[0]
    return _("{a} and {b}").format(a=", ".join(names[:-1]), b=names[-1])


def _leaders(values: Mapping[str, float] | pd.Series) -> tuple[list[str], float]:
    """The names with the largest value (in the language's alphabetical order) and that value."""
    series = pd.Series(values, dtype=float)
    top = series.max()
    return sorted((str(name) for name, value in series.items() if value == top), key=sort_key), float(top)


def map_headline(processes_per_state: Mapping[str, int] | pd.Series) -> str:
    """Which state sits in the most processes: `processes_per_state` maps state names (as shown) to
    their number of processes under the filters.

    >>> map_headline({"Mexico": 7, "Chile": 3})
    'Mexico sits in 7 processes, more than any other state.'
    """
    if len(processes_per_state) == 0:
        return ""
    names, top = _leaders(processes_per_state)
    n = int(top)
    if len(names) == len(processes_per_state) and len(names) > 1:
        return count_text(
            "Every state shown sits in {n} process.", "Every state shown sits in {n} processes.", n
        )
    if len(names) == 1:
        return count_text(
            "{state} sits in {n} process, more than any other state.",
            "{state} sits in {n} processes, more than any other state.",
            n,
            state=names[0],
        )
    return count_text(
        "{states} sit in {n} process each, more than any other state.",
        "{states} sit in {n} processes each, more than any other state.",
        n,
        states=name_list(names),
    )


def process_map_headline(name: str, members: int, observers: int | None) -> str:
    """Who is in the process `name` on the map: its members (and observers, when they are shown)."""
    text = count_text(
        "{name} has {n} member state under these filters.",
        "{name} has {n} member states under these filters.",
        members,
        name=name,
    )
    if observers:
        text += " " + count_text("{n} more state observes it.", "{n} more states observe it.", observers)
    return text


def overlap_headline(shared: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """Which two processes share the most states: `shared` is the process × process matrix of shared
    members (its diagonal, a process with itself, is left aside), `labels` the processes' names.

    >>> m = pd.DataFrame([[5, 3, 1], [3, 4, 0], [1, 0, 2]], index=list("abc"), columns=list("abc"))
    >>> overlap_headline(m, {"a": "Alpha", "b": "Beta", "c": "Gamma"})
    'Alpha and Beta share 3 states, more than any other pair of processes.'
    """
    if len(shared) < 2:
        return ""
    best, pairs = 0, []
    keys = list(shared.index)
    values = shared.to_numpy()
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            value = int(values[i, j])
            if value > best:
                best, pairs = value, [(keys[i], keys[j])]
            elif value == best and best > 0:
                pairs.append((keys[i], keys[j]))
    if best == 0:
        return _("No two of the processes shown share a state.")
    a, b = (labels.get(key, key) for key in pairs[0])
    text = count_text(
        "{a} and {b} share {n} state, more than any other pair of processes.",
        "{a} and {b} share {n} states, more than any other pair of processes.",
        best,
        a=a,
        b=b,
    )
    if len(pairs) > 1:  # a tie: the first pair named, the others counted
        text = " ".join(
            [
                count_text("{a} and {b} share {n} state.", "{a} and {b} share {n} states.", best, a=a, b=b),
                count_text(
                    "{n} other pair shares as many.", "{n} other pairs share as many.", len(pairs) - 1
                ),
            ]
        )
    return text


def centrality_headline(ranked: pd.DataFrame, metric: str, metric_label: str, states: bool) -> str:
    """Who ranks first: `ranked` is the ranking shown (``name`` and the `metric` column, best first).

    >>> frame = pd.DataFrame({"name": ["A", "B", "C"], "degree": [9.0, 7.0, 5.0]})
    >>> centrality_headline(frame, "degree", "degree", True)
    'By degree, A ranks first among the states, ahead of B and C.'
    """
    if ranked.empty:
        return ""
    values = ranked[metric].round(9).tolist()
    names = ranked["name"].astype(str).tolist()
    tied = [name for name, value in zip(names, values, strict=True) if value == values[0]]
    if len(tied) > 1:
        template = (
            _("By {metric}, {names} share first place among the states.")
            if states
            else _("By {metric}, {names} share first place among the processes.")
        )
        return template.format(metric=metric_label, names=name_list(tied))
    if len(names) == 1:
        template = (
            _("By {metric}, {first} ranks first among the states.")
            if states
            else _("By {metric}, {first} ranks first among the processes.")
        )
        return template.format(metric=metric_label, first=names[0])
    template = (
        _("By {metric}, {first} ranks first among the states, ahead of {next}.")
        if states
        else _("By {metric}, {first} ranks first among the processes, ahead of {next}.")
    )
    return template.format(metric=metric_label, first=names[0], next=name_list(names[1:3]))


def network_headline(
    process_states: Mapping[str, int] | pd.Series, state_processes: Mapping[str, int] | pd.Series
) -> str:
    """The hubs of the two-mode network: the process with the most member states and the state in
    the most processes (names as drawn → how many links)."""
    parts = []
    if len(process_states):
        names, top = _leaders(process_states)
        parts.append(
            count_text(
                "{process} gathers the most states: {n}.",
                "{process} gathers the most states: {n}.",
                int(top),
                process=names[0],
            )
            if len(names) == 1
            else count_text(
                "{processes} gather the most states: {n} each.",
                "{processes} gather the most states: {n} each.",
                int(top),
                processes=name_list(names),
            )
        )
    if len(state_processes):
        names, top = _leaders(state_processes)
        parts.append(
            count_text(
                "{state} sits in the most processes: {n}.",
                "{state} sits in the most processes: {n}.",
                int(top),
                state=names[0],
            )
            if len(names) == 1
            else count_text(
                "{states} sit in the most processes: {n} each.",
                "{states} sit in the most processes: {n} each.",
                int(top),
                states=name_list(names),
            )
        )
    return " ".join(parts)


def process_network_headline(linked: Mapping[str, int] | pd.Series) -> str:
    """The hub of the process–process network: the process sharing states with the most others."""
    if len(linked) == 0:
        return ""
    names, top = _leaders(linked)
    return count_text(
        "{process} shares states with more processes than any other: {n}.",
        "{process} shares states with more processes than any other: {n}.",
        int(top),
        process=name_list(names),
    )


def regions_headline(processes_per_region: Mapping[str, int] | pd.Series) -> str:
    """Which region has the most processes (region names as shown → processes).

    >>> regions_headline({"Africa": 17, "Americas": 12})
    'Africa has 17 processes, more than any other region.'
    """
    if len(processes_per_region) == 0:
        return ""
    names, top = _leaders(processes_per_region)
    n = int(top)
    if len(processes_per_region) == 1:
        return count_text(
            "{region}: {n} process under these filters.",
            "{region}: {n} processes under these filters.",
            n,
            region=names[0],
        )
    if len(names) > 1:
        return count_text(
            "{regions} have {n} process each, more than the other regions.",
            "{regions} have {n} processes each, more than the other regions.",
            n,
            regions=name_list(names),
        )
    return count_text(
        "{region} has {n} process, more than any other region.",
        "{region} has {n} processes, more than any other region.",
        n,
        region=names[0],
    )


def timeline_headline(processes_by_year: Mapping[int, int] | pd.Series, year: int | None) -> str:
    """When cooperation grew: `processes_by_year` counts the processes standing each year (all regions
    shown). For one year, how many stood then; for all years, the decade that added the most.

    >>> timeline_headline({1989: 1, 1990: 2, 1995: 6, 2001: 9}, None)
    'The 1990s added the most processes: 5 of the 9 standing in 2001.'
    """
    counts = pd.Series(processes_by_year, dtype=float).sort_index()
    if counts.empty:
        return ""
    if year is not None:
        n = int(counts.get(year, 0))
        return count_text(
            "In {year}, {n} process existed.", "In {year}, {n} processes existed.", n, year=year
        )
    # New processes per decade: the count at the decade's last year minus the count before it began.
    added: dict[int, int] = {}
    before = 0
    for decade in range(int(counts.index.min()) // 10 * 10, int(counts.index.max()) + 1, 10):
        upto = counts[counts.index <= decade + 9]
        total = int(upto.iloc[-1]) if len(upto) else 0
        added[decade] = total - before
        before = total
    best = max(added, key=lambda d: (added[d], -d))
    last = int(counts.index.max())
    return count_text(
        "The {decade}s added the most processes: {n} of the {total} standing in {last}.",
        "The {decade}s added the most processes: {n} of the {total} standing in {last}.",
        added[best],
        decade=best,
        total=format_number(int(counts.iloc[-1])),
        last=last,
    )


def themes_headline(processes_per_theme: Mapping[str, int] | pd.Series) -> str:
    """Which theme the most processes work on (theme names as shown → processes)."""
    if len(processes_per_theme) == 0:
        return ""
    names, top = _leaders(processes_per_theme)
    return count_text(
        "Most processes work on {theme}: {n}.",
        "Most processes work on {theme}: {n}.",
        int(top),
        theme=name_list(names),
    )


def process_headline(name: str, members: int, closest: Mapping[str, int] | pd.Series) -> str:
    """A process's profile: its members under the filters, and the processes it shares the most
    states with (names as shown → shared states)."""
    text = count_text(
        "{name} has {n} member state under these filters.",
        "{name} has {n} member states under these filters.",
        members,
        name=name,
    )
    if len(closest):
        names, top = _leaders(closest)
        if top > 0:
            text += " " + count_text(
                "It shares the most with {processes}: {n} state.",
                "It shares the most with {processes}: {n} states.",
                int(top),
                processes=name_list(names),
            )
    return text


def headline(text: str) -> html.P | None:
    """The headline under the view's title (nothing when there is nothing to say)."""
    return html.P(text, id="view-headline", className="headline") if text else None
