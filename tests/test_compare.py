"""Compare: exclusive intersections and side-by-side profiles (pure, on hand-made sets), the UpSet
figure, the compare view's links and URL fields, and the view on the report's data."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from rcpdash import analysis, compare, datasets, figures, i18n
from rcpdash.config import COMPARE_SELECTIONS
from rcpdash.network import incidence
from rcpdash.ui import ids, views
from rcpdash.ui.views.registry import pick_combination
from rcpdash.urlstate import ViewState, link, parse_query, to_query

from .ui_helpers import find, tables_in, text_of, walk

# Three processes: a holds 1–5, b holds 4–6, c holds 5 and 7. Worked by hand:
# only a: 1, 2, 3 · a+b: 4 · a+b+c: 5 · only b: 6 · only c: 7.
SETS = {"a": {"1", "2", "3", "4", "5"}, "b": {"4", "5", "6"}, "c": {"5", "7"}}


def test_exclusive_intersections_count_each_item_once_in_its_exact_combination():
    rows = compare.exclusive_intersections(SETS).to_dict("records")
    assert rows == [
        {"combination": ("a",), "degree": 1, "size": 3, "members": ("1", "2", "3")},
        # Ties of size 1: more sets first, then in the sets' order.
        {"combination": ("a", "b", "c"), "degree": 3, "size": 1, "members": ("5",)},
        {"combination": ("a", "b"), "degree": 2, "size": 1, "members": ("4",)},
        {"combination": ("b",), "degree": 1, "size": 1, "members": ("6",)},
        {"combination": ("c",), "degree": 1, "size": 1, "members": ("7",)},
    ]
    # Every item once: the sizes add up to the union.
    assert sum(r["size"] for r in rows) == len(set().union(*SETS.values())) == 7


def test_exclusive_intersections_follow_the_order_of_the_sets_and_leave_out_empty_ones():
    rows = compare.exclusive_intersections({"c": SETS["c"], "a": SETS["a"], "b": SETS["b"]})
    assert [r for r in rows["combination"]] == [("a",), ("c", "a", "b"), ("a", "b"), ("c",), ("b",)]
    assert compare.exclusive_intersections({"a": set(), "b": set()}).empty
    assert compare.exclusive_intersections({"a": {"x"}, "b": set()}).to_dict("records") == [
        {"combination": ("a",), "degree": 1, "size": 1, "members": ("x",)}
    ]
    assert compare.set_sizes(SETS) == {"a": 5, "b": 3, "c": 2}


def _tiny_incidence():
    G = nx.Graph()
    edges = [
        ("KEN", "eac"),
        ("KEN", "igad"),
        ("UGA", "eac"),
        ("UGA", "igad"),
        ("TZA", "eac"),
        ("TZA", "sadc"),
    ]
    for iso3, process in edges:
        G.add_node(("state", iso3), bipartite=0)
        G.add_node(("process", process), bipartite=1)
        G.add_edge(("state", iso3), ("process", process))
    return incidence(G)


def test_sets_come_from_an_incidence_matrix_in_the_order_asked():
    inc = _tiny_incidence()
    assert compare.members_of(inc, ["sadc", "eac", "apc"]) == {
        "sadc": frozenset({"TZA"}),
        "eac": frozenset({"KEN", "TZA", "UGA"}),
        "apc": frozenset(),  # not in the matrix: no member under the filters
    }
    assert compare.processes_of(inc, ["TZA", "KEN", "XXX"]) == {
        "TZA": frozenset({"eac", "sadc"}),
        "KEN": frozenset({"eac", "igad"}),
        "XXX": frozenset(),
    }


def test_side_by_side_puts_shared_items_first_then_each_keys_own():
    sets = {"KEN": {"eac", "igad", "au"}, "UGA": {"eac", "igad", "au"}, "TZA": {"eac", "sadc", "au", "midsa"}}
    rows = compare.side_by_side(sets, {"au": "African Union", "midsa": "MIDSA", "sadc": "SADC"})
    assert rows.to_dict("records") == [
        {"item": "au", "holders": ("KEN", "UGA", "TZA"), "count": 3},
        {"item": "eac", "holders": ("KEN", "UGA", "TZA"), "count": 3},
        {"item": "igad", "holders": ("KEN", "UGA"), "count": 2},
        {"item": "midsa", "holders": ("TZA",), "count": 1},  # by label: MIDSA before SADC
        {"item": "sadc", "holders": ("TZA",), "count": 1},
    ]
    assert compare.own_items(sets) == {"KEN": (), "UGA": (), "TZA": ("midsa", "sadc")}
    assert compare.shared_items(sets) == ("au", "eac")
    assert compare.shared_items({}) == ()


def test_ranks_share_the_best_rank_on_ties_and_mark_the_absent():
    table = pd.DataFrame(
        {"degree": [3.0, 5.0, 3.0, 1.0], "closeness": [0.5, 0.25, 0.75, 0.1]}, index=list("ABCD")
    )
    out = compare.ranks(table, ["C", "A", "Z"], ["degree", "closeness"])
    assert out[["id", "metric", "value", "of"]].to_dict("records")[:4] == [
        {"id": "C", "metric": "degree", "value": 3.0, "of": 4},
        {"id": "A", "metric": "degree", "value": 3.0, "of": 4},
        {"id": "Z", "metric": "degree", "value": pytest.approx(float("nan"), nan_ok=True), "of": 4},
        {"id": "C", "metric": "closeness", "value": 0.75, "of": 4},
    ]
    assert out["rank"].tolist() == [2, 2, pd.NA, 1, 2, pd.NA]


def test_the_difference_reads_in_words_with_real_plurals():
    names = {"KEN": "Kenya", "UGA": "Uganda"}
    labels = {"au": "AU", "eac": "EAC", "igad": "IGAD", "oau": "OAU", "pta": "PTA"}
    two = {"KEN": {"au", "eac", "igad", "oau", "pta"}, "UGA": {"au"}}
    assert compare.difference_sentences(two, names, labels) == [
        "They share 1 process: AU.",
        "Kenya sits in 4 processes Uganda does not: EAC, IGAD, OAU, PTA.",
        "Uganda sits in no process Kenya does not.",
    ]
    with i18n.using("fr"):
        french = compare.difference_sentences({"KEN": {"au", "eac"}, "UGA": {"au", "igad"}}, names, labels)
    assert french == [
        "Ils ont 1 processus en commun : AU.",
        "Kenya siège dans 1 processus dont Uganda est absent : EAC.",
        "Uganda siège dans 1 processus dont Kenya est absent : IGAD.",
    ]
    three = {"KEN": {"au", "igad"}, "UGA": {"au", "igad"}, "TZA": set()}
    with i18n.using("es"):
        spanish = compare.difference_sentences(three, {**names, "TZA": "Tanzania"}, labels)
    assert spanish == [
        "No comparten ningún proceso.",
        "Kenya no tiene ningún proceso propio: en cada uno de sus procesos está también alguno de los otros.",
        "Uganda no tiene ningún proceso propio: en cada uno de sus procesos está también alguno de los otros.",
        "Tanzania no participa en ningún proceso con estos filtros.",
    ]


def test_a_long_list_names_ten_and_counts_the_rest():
    many = {f"p{i:02d}" for i in range(13)}
    sentences = compare.difference_sentences({"A": many, "B": set()}, {"A": "Aland", "B": "Bland"}, {})
    assert sentences[1] == (
        "Aland sits in 13 processes Bland does not: p00, p01, p02, p03, p04, p05, p06, p07, p08, p09 and 3 more."
    )


# --------------------------------------------------------------------------------------------------
# The figure
# --------------------------------------------------------------------------------------------------


def test_upset_chart_draws_bars_largest_first_the_matrix_and_the_set_sizes():
    inter = compare.exclusive_intersections(SETS)
    fig = figures.upset_chart(
        inter, compare.set_sizes(SETS), {"a": "Alpha", "b": "Beta", "c": "Gamma"}, "T", picked=("a", "b")
    )
    bars, lines, dots, sizes = fig.data
    assert list(bars.y) == [3, 1, 1, 1, 1] and list(bars.x) == [0, 1, 2, 3, 4]
    assert [c[0] for c in bars.customdata] == ["a", "a~b~c", "a~b", "b", "c"]
    assert [c[1] for c in bars.customdata] == [
        "Alpha",
        "Alpha + Beta + Gamma",
        "Alpha + Beta",
        "Beta",
        "Gamma",
    ]
    # The picked bar (a + b, the third) and its dots stand out.
    assert [c == figures._UPSET_PICKED for c in bars.marker.color] == [False, False, True, False, False]
    assert len(dots.x) == 5 * 3
    held = [
        (x, y)
        for x, y, c in zip(dots.x, dots.y, dots.marker.color, strict=True)
        if c != figures._UPSET_EMPTY_DOT
    ]
    assert held == [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (3, 1), (4, 2)]
    # One line per bar of two or more sets, from its first row to its last.
    assert list(lines.x) == [1, 1, None, 2, 2, None] and list(lines.y) == [0, 2, None, 0, 1, None]
    assert list(sizes.x) == [5, 3, 2] and list(fig.layout.yaxis2.ticktext) == ["Alpha", "Beta", "Gamma"]
    assert [c[0] for c in sizes.customdata] == ["", "", ""]  # a set's own bar picks nothing


def test_upset_chart_of_nothing_says_so():
    fig = figures.upset_chart(compare.exclusive_intersections({"a": set()}), {"a": 0}, {}, "T")
    assert fig.layout.annotations[0].text == "No state belongs to any of these processes under these filters."


def test_a_click_on_a_bar_picks_its_combination_and_a_second_clears_it():
    vs = ViewState(view="compare", processes=("ecowas", "uemoa", "midwa"))
    picked = pick_combination(vs, {"customdata": ["ecowas~midwa", "ECOWAS + MIDWA", "6 states"]})
    assert picked.combination == ("ecowas", "midwa")
    assert pick_combination(picked, {"customdata": ["ecowas~midwa", "", ""]}).combination == ()
    assert pick_combination(vs, {"customdata": ["", "ECOWAS", "16 states"]}) == vs  # a set-size bar
    assert views.apply_pick(vs, "compare-upset", {"points": [{"customdata": ["uemoa"]}]}).combination == (
        "uemoa",
    )


# --------------------------------------------------------------------------------------------------
# The link
# --------------------------------------------------------------------------------------------------

STATES, PROCESSES = (
    {"KEN", "UGA", "TZA", "MEX"},
    {"ecowas", "uemoa", "midwa", "eac", "a", "b", "c", "d", "e", "f"},
)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(view="compare", processes=("midwa", "ecowas", "uemoa"), combination=("ecowas", "midwa")),
        ViewState(view="compare", states=("UGA", "KEN"), edits=(("+", "KEN", "ecowas"),)),
        ViewState(view="compare", processes=("eac",)),
    ],
)
def test_compare_links_round_trip_in_the_order_picked(state):
    assert parse_query(to_query(state), STATES, PROCESSES) == (state, [])


def test_compare_links_read_well_and_bad_ones_say_why():
    vs = ViewState(view="compare", processes=("ecowas", "midwa"), combination=("ecowas", "midwa"))
    assert to_query(vs) == "?view=compare&processes=ecowas,midwa&combination=ecowas~midwa"
    vs, messages = parse_query(
        "?view=compare&processes=ecowas,mars,ecowas,midwa&states=ken, uga ,XYZ", STATES, PROCESSES
    )
    assert (vs.processes, vs.states) == (("ecowas", "midwa"), ("KEN", "UGA"))
    assert messages == [
        "Ignored unknown processes in the link: mars.",
        "Ignored unknown states in the link: XYZ.",
    ]
    vs, messages = parse_query("?view=compare&processes=a,b,c,d,e,f,ecowas,midwa,uemoa", STATES, PROCESSES)
    assert vs.processes == ("a", "b", "c", "d", "e", "f", "ecowas", "midwa")
    assert messages == ["A comparison takes at most 8 processes; kept the first 8."]
    vs, messages = parse_query(
        "?view=compare&states=KEN,UGA,TZA,MEX,KEN&combination=ecowas~pluto", STATES, PROCESSES
    )
    assert vs.states == ("KEN", "UGA", "TZA", "MEX") and vs.combination == ()
    assert messages == ["Ignored the combination 'ecowas~pluto' in the link: unknown processes."]
    # The link's own language; one state alone (a profile's "compare with…") is no mistake.
    assert parse_query("?lang=fr&states=KEN,XYZ", STATES, PROCESSES)[1] == [
        "États inconnus ignorés dans le lien : XYZ."
    ]
    assert parse_query("?view=compare&states=KEN", STATES, PROCESSES)[1] == []
    assert parse_query("?processes=,,", STATES, PROCESSES) == (ViewState(), [])


def test_links_into_the_compare_view_keep_the_page_and_start_from_what_was_shown():
    page = ViewState(view="state", state="KEN", lang="fr", present=True, regions=("africa",))
    out = views.render(page)
    start = find(out, "compare-with")
    assert start.href == link(page, view="compare", states=("KEN",))
    assert start.href == "?view=compare&regions=africa&state=KEN&present=1&lang=fr&states=KEN"
    pair = ViewState(view="overlaps", pair=("ecowas", "midwa"))
    assert find(views.render(pair), "compare-pair").href == (
        "?view=compare&pair=ecowas~midwa&processes=ecowas,midwa"
    )
    process = find(views.render(ViewState(view="process", process="midwa")), "compare-with")
    assert process.href == "?view=compare&process=midwa&processes=midwa"


def test_every_ready_comparison_names_ids_in_the_data_within_the_limits():
    data = analysis.dataset()
    for key, (label, kind, chosen) in COMPARE_SELECTIONS.items():
        known = set(data.processes.process_id) if kind == "processes" else set(data.states.iso3)
        assert set(chosen) <= known, key
        most = compare.MAX_PROCESSES if kind == "processes" else compare.MAX_STATES
        assert compare.MIN_COMPARED <= len(chosen) <= most and len(set(chosen)) == len(chosen), key
        assert label and kind in ("processes", "states")


# --------------------------------------------------------------------------------------------------
# The view on the report's data
# --------------------------------------------------------------------------------------------------

WEST_AFRICA = ViewState(view="compare", processes=("ecowas", "uemoa", "midwa"))


def test_the_view_reads_the_intersections_and_lists_a_picked_bar_with_roles_and_sources():
    out = views.render(WEST_AFRICA.with_changes(combination=("ecowas", "uemoa", "midwa")))
    sentence = text_of(find(out, "compare-processes-sentence"))
    assert sentence == (
        "16 states belong to at least one of these processes under these filters. 7 belong to all of them: "
        "Burkina Faso, Côte d'Ivoire, Guinea-Bissau, Mali, Niger, Senegal, Togo."
    )
    fig = find(out, ids.pick("compare-upset")).figure
    assert list(fig.data[0].y) == [7, 6, 2, 1]
    assert [c[1] for c in fig.data[0].customdata] == [
        "ECOWAS + UEMOA + MIDWA",
        "ECOWAS + MIDWA",
        "ECOWAS",
        "ECOWAS + UEMOA",
    ]
    tables = tables_in(out)
    intersections = tables["compare-intersections-table"]
    assert [h for h, _s in intersections.headers] == ["Processes", "How many", "States", "Which"]
    assert intersections.rows[2] == ["ECOWAS", "1", "2", "Ghana, Mauritania"]
    listing = tables["compare-combination-table"]
    assert [h for h, _s in listing.headers] == ["State", "Process", "Role", "Source", "Source quote"]
    assert len(listing.rows) == 7 * 3  # each of the 7 states in each of the 3 processes
    assert listing.rows[1][:4] == ["Burkina Faso", "MIDWA", "participant", "Report, line 2841"]
    # The chart's accessible table is the intersections table.
    card = next(c for c in walk(out) if getattr(c, "className", None) == "figure-card")
    assert card.to_plotly_json()["props"]["aria-details"] == "compare-intersections-table"


def test_filters_and_what_if_edits_change_the_intersections():
    only_report = views.table_frame(WEST_AFRICA.with_changes(sources="report"), "compare-intersections")
    assert "UEMOA" not in " ".join(only_report["combination"])  # the report names no UEMOA member
    edited = WEST_AFRICA.with_changes(edits=(("+", "KEN", "ecowas"), ("-", "GHA", "ecowas")))
    frame = views.table_frame(edited, "compare-intersections")
    assert frame.set_index("combination").loc["ECOWAS", "iso3"] == "KEN, MRT"
    out = views.render(edited.with_changes(combination=("ecowas",)))
    listing = tables_in(out)["compare-combination-table"]
    assert listing.rows[0][:4] == ["Kenya", "ECOWAS", "what-if", "a what-if change, not in the data"]
    assert "These numbers include 2 what-if changes from a profile." in text_of(
        find(out, "compare-whatif-note")
    )


def test_states_side_by_side_with_the_difference_in_words():
    out = views.render(ViewState(view="compare", states=("KEN", "UGA")))
    assert [text_of(p) for p in find(out, "compare-states-sentence").children] == [
        "They share 6 processes: AU, COMESA, EAC, IGAD, PTA, "
        "Regional migration policy dialogue for East Africa, the Horn of Africa and the Great Lakes.",
        "Kenya sits in 1 process Uganda does not: OUA.",
        "Uganda sits in no process Kenya does not.",
    ]
    side = tables_in(out)["compare-states-table"]
    assert [h for h, _s in side.headers] == ["Process", "Kenya", "Uganda"]
    assert side.rows[-1] == ["OUA", "member", ""]
    measures = tables_in(out)["compare-state-measures-table"]
    assert measures.rows[2] == ["Processes", "7", "6"]
    with datasets.sources_in_use("all"):  # the view counts the reference sources' memberships too
        degree = analysis.centrality(ViewState().graph_filter(), "state").set_index("id")["degree"]
    assert (
        measures.rows[4][1]
        == f"{int(degree['KEN'])} (rank {int((degree > degree['KEN']).sum()) + 1} of {len(degree)})"
    )


def test_too_few_to_compare_asks_for_more_and_suggests_company():
    out = views.render(ViewState(view="compare", states=("KEN",), processes=("ecowas",)))
    text = text_of(out)
    assert "Pick at least one more state in “States to compare” above: a comparison needs two." in text
    assert "Pick at least one more process in “Processes to compare” above: a comparison needs two." in text
    panels = [c for c in walk(out) if getattr(c, "className", None) == "compare-suggestions"]
    hrefs = [[c.href for c in walk(p) if type(c).__name__ == "Link"] for p in panels]
    # Five each: the one picked and one more (ECOWAS's largest overlaps; Kenya's closest co-members).
    assert [len(h) for h in hrefs] == [5, 5]
    assert all("processes=ecowas," in h and h.count(",") == 1 for h in hrefs[0])
    assert all(h.split("states=")[1].startswith("KEN,") and h.count(",") == 1 for h in hrefs[1])
    assert "?view=compare&processes=ecowas&states=KEN,UGA" in hrefs[1]


def test_the_multi_selects_and_a_bar_click_set_the_link():
    from dataclasses import asdict

    from rcpdash.ui.callbacks import reduce_state
    from rcpdash.ui.controls import CONTROLS, control_values

    before = ViewState(view="compare", processes=("ecowas", "uemoa"))
    values = {c.id: v for c, v in zip(CONTROLS, control_values(before), strict=True)}
    assert values[ids.COMPARE_PROCESSES] == ["ecowas", "uemoa"] and values[ids.COMPARE_STATES] == []
    # A ninth pick is not taken; states keep the order picked.
    picked = ["ecowas", "uemoa", "midwa", "sadc", "comesa", "eac", "igad", "eccas", "uma"]
    values = {**values, ids.COMPARE_PROCESSES: picked, ids.COMPARE_STATES: ["UGA", "KEN"]}
    vs, _messages = reduce_state(ids.COMPARE_PROCESSES, to_query(before), values, asdict(before), None)
    assert vs.processes == tuple(picked[:8]) and vs.states == ("UGA", "KEN")
    click = {"points": [{"customdata": ["ecowas~uemoa", "ECOWAS + UEMOA", "1 state"]}]}
    trigger = {"type": ids.PICK, "name": "compare-upset"}
    vs, _messages = reduce_state(trigger, to_query(before), {}, asdict(before), click)
    assert to_query(vs) == "?view=compare&processes=ecowas,uemoa&combination=ecowas~uemoa"


def test_a_tour_step_and_presenter_mode_can_show_a_comparison():
    from rcpdash import tours

    known = (frozenset(analysis.dataset().states.iso3), frozenset(analysis.dataset().processes.process_id))
    raw = {
        "steps": [{"title": "West Africa", "query": "view=compare&processes=ecowas,uemoa,midwa&present=1"}]
    }
    step = tours.tour_from_dict(raw, *known).steps[0]
    assert step.query == "?view=compare&processes=ecowas,uemoa,midwa"
    # In presenter mode the chart is redrawn for a projector: larger type, at most the presenter height.
    out = views.render(WEST_AFRICA.with_changes(present=True))
    fig = find(out, ids.pick("compare-upset")).figure
    plain = find(views.render(WEST_AFRICA), ids.pick("compare-upset")).figure
    from rcpdash.theme import PRESENT_HEIGHT_SCALE, register_present_template

    assert fig["layout"]["template"] == register_present_template()
    expected = min(round(plain.layout.height * PRESENT_HEIGHT_SCALE), views.PRESENT_MAX_FIGURE_HEIGHT)
    assert fig["layout"]["height"] == expected
