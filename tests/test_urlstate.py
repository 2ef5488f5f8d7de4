"""URL state: every view restores from its query string; bad links give messages, not errors."""

from __future__ import annotations

import pytest

from rcpdash.network import GraphFilter
from rcpdash.urlstate import DEFAULT, MAX_PARAM_LENGTH, ViewState, parse_query, to_query

STATES, PROCESSES = {"KEN", "THA"}, {"apc", "midsa", "bali_process"}


@pytest.mark.parametrize(
    "state",
    [
        DEFAULT,
        ViewState(view="centrality", metric="betweenness", side="process", top=30),
        ViewState(view="overlaps", measure="overlap", cregion="africa", pair=("apc", "bali_process")),
        ViewState(view="state", state="KEN", regions=("africa", "other"), roles="all", year=2002),
        ViewState(view="network", focus="process:midsa", kinds=("rcp",)),
        ViewState(view="map", regions=(), kinds=()),
        ViewState(view="themes", themes=("visas", "health"), process="apc"),
    ],
)
def test_round_trip(state):
    query = to_query(state)
    assert parse_query(query, STATES, PROCESSES) == (state, [])


def test_default_is_the_empty_query():
    assert to_query(DEFAULT) == ""
    assert parse_query("", STATES, PROCESSES) == (DEFAULT, [])
    assert parse_query(None) == (DEFAULT, [])


def test_query_is_short_and_readable():
    assert to_query(ViewState(view="state", state="KEN", year=2000)) == "?view=state&year=2000&state=KEN"
    assert to_query(ViewState(view="network", focus="state:KEN")) == "?view=network&focus=state:KEN"


def test_bad_values_are_dropped_with_messages():
    state, messages = parse_query(
        "?view=galaxy&year=3000&top=7&state=XXX&process=nope&regions=africa,mars&metric=fame&zzz=1",
        STATES,
        PROCESSES,
    )
    assert state == ViewState(regions=("africa",))
    assert messages == [
        "Ignored the view 'galaxy' in the link: expected one of map, overlaps, centrality, network, regions, timeline, themes, compare, state, process.",
        "Ignored the year '3000' in the link: expected a year from 1900 to 2005.",
        "Ignored top '7' in the link: expected one of (10, 15, 20, 30, 50).",
        "Ignored the unknown state 'XXX' in the link.",
        "Ignored the unknown process 'nope' in the link.",
        "Ignored unknown regions in the link: mars.",
        "Ignored the metric 'fame' in the link: expected one of degree, weighted_degree, betweenness, "
        "eigenvector, closeness, bipartite_degree, bipartite_betweenness, bipartite_closeness.",
        "Ignored the unknown parameter 'zzz' in the link.",
    ]


def test_huge_and_hostile_values():
    huge = "x" * (MAX_PARAM_LENGTH + 1)
    state, messages = parse_query(f"?state={huge}&view=<script>alert(1)</script>", STATES, PROCESSES)
    assert state == DEFAULT
    assert messages == [
        "Ignored the state in the link: the value is too long.",
        "Ignored the view '<script>alert(1)</script>' in the link: expected one of map, overlaps, "
        "centrality, network, regions, timeline, themes, compare, state, process.",
    ]
    _, messages = parse_query("?" + "&".join(f"a{i}=1" for i in range(60)))
    assert messages == ["The link has too many parameters; showing the default view."]


def test_pair_and_focus_validation():
    assert parse_query("?pair=apc~nope", STATES, PROCESSES)[1] == [
        "Ignored the pair 'apc~nope' in the link: unknown processes."
    ]
    assert parse_query("?focus=planet:earth", STATES, PROCESSES)[1] == [
        "Ignored the focus 'planet:earth' in the link: unknown state or process."
    ]


def test_theme_filter():
    vs, messages = parse_query("?themes=health,visas,poetry", STATES, PROCESSES)
    assert vs.themes == ("visas", "health")  # canonical order
    assert messages == ["Ignored unknown themes in the link: poetry."]
    assert vs.graph_filter().themes == ("visas", "health")
    assert DEFAULT.graph_filter().themes is None


def test_graph_filter():
    assert DEFAULT.graph_filter() == GraphFilter()
    flt = ViewState(regions=("africa", "other"), kinds=("rcp",), roles="all", year=1999).graph_filter()
    assert flt == GraphFilter(
        regions=("africa", "interregional", "global"), kinds=("rcp",), role_class="all", year=1999
    )


def test_only_ascii_digits_are_numbers():
    for search in ("?year=²", "?top=①", "?year=١٩٩٥"):
        state, messages = parse_query(search)
        assert state == DEFAULT and len(messages) == 1


def test_every_field_of_the_state_is_declared_once_in_the_field_table():
    from dataclasses import fields

    from rcpdash.urlstate import FIELDS

    assert list(FIELDS) == [f.name for f in fields(ViewState)]


def test_each_field_round_trips_through_its_own_link_form():
    vs = ViewState(
        view="overlaps",
        regions=("americas", "africa"),  # canonical order
        kinds=("rcp",),
        roles="all",
        year=1999,
        metric="closeness",
        side="process",
        top=30,
        measure="overlap",
        cregion="africa",
        state="KEN",
        process="apc",
        pair=("apc", "bali_process"),
        focus="state:KEN",
        themes=("return_readmission",),
        edits=(("+", "KEN", "apc"),),
        present=True,
        tour="default",
        step=3,
        lang="fr",
    )
    query = to_query(vs)
    assert query == (
        "?view=overlaps&regions=americas,africa&kinds=rcp&roles=all&year=1999&metric=closeness"
        "&side=process&top=30&measure=overlap&cregion=africa&state=KEN&process=apc&pair=apc~bali_process"
        "&focus=state:KEN&themes=return_readmission&edits=%2BKEN:apc&present=1&tour=default&step=3&lang=fr"
    )
    assert parse_query(query) == (vs, [])
