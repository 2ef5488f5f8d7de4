"""Guided tours: the pure model (rcpdash.tours), the shipped tour checked against the real data, and
the presenter theme (rcpdash.theme)."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from rcpdash import analysis, datasets, i18n, tours
from rcpdash.theme import HIGH_CONTRAST, OKABE_ITO, contrast_ratio, presenter_figure, register_template
from rcpdash.tours import Tour, TourError, TourStep
from rcpdash.urlstate import DEFAULT, ViewState, parse_query, to_query

KNOWN = (("KEN", "THA", "CAN"), ("apc", "midsa", "bali_process"))
TWO = Tour("Two", (TourStep("?view=map", "Map", "The map."), TourStep("?view=regions", "Regions", "")))


def _problems(raw, known=KNOWN) -> list[str]:
    with pytest.raises(TourError) as info:
        tours.tour_from_json(raw, *known)
    return info.value.problems


def _data_url(raw: bytes) -> str:
    return "data:application/json;base64," + base64.b64encode(raw).decode()


# --------------------------------------------------------------------------------------------------
# URL parameters
# --------------------------------------------------------------------------------------------------


def test_present_tour_and_step_travel_in_the_url():
    vs, messages = parse_query("?view=regions&present=1&tour=default&step=3")
    assert (vs, messages) == (ViewState(view="regions", present=True, tour="default", step=3), [])
    assert to_query(vs) == "?view=regions&present=1&tour=default&step=3"
    assert vs.without_tour() == ViewState(view="regions")
    assert parse_query("?present=0")[0] == DEFAULT


def test_bad_present_tour_and_step_are_ignored_with_a_message():
    vs, messages = parse_query("?present=yes&tour=mine&step=0")
    assert vs == DEFAULT
    assert messages == [
        "Ignored the present 'yes' in the link: expected one of 0, 1.",
        "Ignored the tour 'mine' in the link: expected one of default, own.",
        "Ignored the step '0' in the link: expected a number from 1 to 100.",
    ]


# --------------------------------------------------------------------------------------------------
# Stepping and editing
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "current", "count", "expected"),
    [
        ("next", 3, 8, 4),
        ("next", 8, 8, 8),  # the end stops, no wrap
        ("previous", 3, 8, 2),
        ("previous", 1, 8, 1),
        ("first", 5, 8, 1),
        ("last", 2, 8, 8),
        ("next", None, 8, 1),  # a tour named without a step starts at the first
        ("next", 12, 8, 8),  # a step beyond the end (a shorter tour since) stays on the last
        ("previous", 12, 8, 7),
        ("next", 1, 0, None),
    ],
)
def test_target_step(action, current, count, expected):
    assert tours.target_step(action, current, count) == expected


def test_step_query_carries_presenter_mode_tour_and_step():
    around = ViewState(view="centrality", metric="closeness", present=True, tour="own", step=1)
    assert tours.step_query(TWO, 2, around) == "?view=regions&present=1&tour=own&step=2"
    assert tours.step_query(TWO, 1, ViewState(tour="own")) == "?tour=own&step=1"
    # A French presentation stays French; a step saved from it carries no language.
    assert (
        tours.step_query(TWO, 2, ViewState(lang="fr", tour="own")) == "?view=regions&tour=own&step=2&lang=fr"
    )
    saved = tours.step_from_view(ViewState(view="regions", lang="es", present=True), "Regiones", "")
    assert saved.query == "?view=regions"


def test_a_link_naming_only_a_default_tour_step_opens_that_steps_view():
    step2 = ViewState(regions=("europe_central_asia",), process="budapest_process", sources="report")
    bare = ViewState(tour="default", step=2, present=True, lang="fr")
    opened = tours.open_bare_step(bare, ("CAN",), ("budapest_process",))
    assert opened == step2.with_changes(tour="default", step=2, present=True, lang="fr")
    assert to_query(opened) == (
        "?regions=europe_central_asia&process=budapest_process&present=1&tour=default&step=2&lang=fr&sources=report"
    )
    # A step beyond the end opens the last one; a link that sets a view keeps its own view.
    last = tours.open_bare_step(ViewState(tour="default", step=99))
    assert last.step == len(tours.default_tour().steps) and last.view != DEFAULT.view
    own_view = ViewState(view="regions", tour="default", step=2)
    assert tours.open_bare_step(own_view) is own_view
    # The presenter's own tour lives in the browser: the server cannot open its steps.
    own = ViewState(tour="own", step=2)
    assert tours.open_bare_step(own) is own


def test_add_remove_and_move_steps():
    vs = ViewState(view="centrality", metric="betweenness", present=True, tour="default", step=4)
    step = tours.step_from_view(vs, "  Bridges  between ", " Who  brokers. ")
    assert step == TourStep("?view=centrality&metric=betweenness", "Bridges between", "Who brokers.")
    three = tours.add_step(TWO, step)
    assert [s.title for s in three.steps] == ["Map", "Regions", "Bridges between"]
    assert [s.title for s in tours.move_step(three, 2, -1).steps] == ["Map", "Bridges between", "Regions"]
    assert [s.title for s in tours.move_step(three, 0, 1).steps] == ["Regions", "Map", "Bridges between"]
    assert tours.move_step(three, 0, -1) == three  # already first
    assert tours.move_step(three, 2, 1) == three  # already last
    assert [s.title for s in tours.remove_step(three, 1).steps] == ["Map", "Bridges between"]
    assert tours.remove_step(three, 7) == three
    assert tours.step_from_view(DEFAULT, "", "").query == "?"


def test_a_tour_holds_at_most_100_steps():
    full = Tour("Full", tuple(TourStep("?", f"Step {i}") for i in range(100)))
    with pytest.raises(TourError) as info:
        tours.add_step(full, TourStep("?", "One more"))
    assert info.value.problems == ["A tour holds at most 100 steps."]


# --------------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------------


def test_save_then_load_gives_the_same_tour():
    text = tours.tour_to_json(TWO)
    assert json.loads(text) == {
        "format": "rcpdash-tour",
        "version": 1,
        "title": "Two",
        "steps": [
            {"title": "Map", "caption": "The map.", "query": "?view=map"},
            {"title": "Regions", "caption": "", "query": "?view=regions"},
        ],
    }
    loaded = tours.tour_from_json(text.encode(), *KNOWN)
    # Queries come back canonical: "?view=map" is the default view, written "?".
    assert loaded == Tour("Two", (TourStep("?", "Map", "The map."), TourStep("?view=regions", "Regions", "")))
    assert tours.tour_from_json(tours.tour_to_json(loaded), *KNOWN) == loaded


def test_load_strips_tour_parameters_and_whitespace_from_steps():
    raw = {"steps": [{"title": " Kenya\n", "query": "view=state&state=KEN&present=1&tour=own&step=9"}]}
    assert tours.tour_from_dict(raw, *KNOWN) == Tour("", (TourStep("?view=state&state=KEN", "Kenya", ""),))


def test_bad_json_says_where():
    assert _problems(b'{"steps": [\n  {"title": "x",}\n]}') == [
        "The file is not valid JSON (line 2, column 17)."
    ]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (
            b"[1, 2]",
            'A tour file holds one JSON object with a list of "steps" (save a tour to see an example).',
        ),
        (
            b'{"steps": "map"}',
            'A tour file holds one JSON object with a list of "steps" (save a tour to see an example).',
        ),
        (
            b'{"format": "slides", "steps": []}',
            'This is not an rcpdash tour file: its "format" should be "rcpdash-tour".',
        ),
        (b'{"version": 2, "steps": []}', "This tour file has version 2; this app reads version 1."),
        (b'{"steps": []}', "The tour has no steps."),
        (b"\xff\xfe{}", "The file is not text (UTF-8), so it cannot be a tour file."),
        (
            b"[" * 5000 + b"]" * 5000,
            "The file is nested too deeply to be a tour file.",
        ),
    ],
)
def test_wrong_shapes_are_refused_with_one_clear_message(raw, problem):
    problems = _problems(raw)
    assert problems[0] == problem
    assert len(problems) == 1


def test_every_bad_step_is_listed():
    raw = json.dumps(
        {
            "title": "Bad",
            "steps": [
                {"title": "Fine", "query": "?view=map"},
                "?view=map",
                {"title": "", "caption": 3, "query": "?view=slides"},
                {"title": "Who", "query": "?view=state&state=ATLANTIS&metric=luck"},
                {"title": "No query"},
            ],
        }
    )
    assert _problems(raw) == [
        "Step 2 is not an object with a title, a caption and a query.",
        "Step 3: the title must be text of 1 to 80 characters.",
        "Step 3: the caption must be text of at most 240 characters.",
        "Step 3: Ignored the view 'slides' in the link: expected one of map, overlaps, centrality, network, "
        "regions, timeline, themes, compare, state, process.",
        "Step 4: Ignored the unknown state 'ATLANTIS' in the link.",
        "Step 4: Ignored the metric 'luck' in the link: expected one of degree, weighted_degree, betweenness, "
        "eigenvector, closeness, bipartite_degree, bipartite_betweenness, bipartite_closeness.",
        'Step 5: the query must be text such as "?view=map".',
    ]


def test_many_problems_are_cut_short():
    raw = json.dumps({"steps": [{"title": "x", "query": "?view=nope"}] * 11})
    problems = _problems(raw)
    assert len(problems) == 9
    assert problems[-1] == "… and 3 more problems."


def test_size_limits():
    big = json.dumps({"steps": [{"title": "x", "caption": "y" * 200, "query": "?"}] * 330}).encode()
    assert len(big) > 64 * 1024
    assert _problems(big) == [f"The file is {round(len(big) / 1024)} KB; a tour file may be at most 64 KB."]
    many = json.dumps({"steps": [{"title": "x", "query": "?"}] * 101})
    assert _problems(many) == ["The tour has 101 steps; a tour holds at most 100."]
    long_title = json.dumps({"steps": [{"title": "x" * 81, "query": "?"}]})
    assert _problems(long_title) == ["Step 1: the title must be text of 1 to 80 characters."]


def test_decode_upload():
    assert tours.decode_upload(_data_url(b'{"a": 1}')) == b'{"a": 1}'
    for bad in ("", "hello", "data:application/json;base64,@@@", "data:text/plain,abc"):
        with pytest.raises(TourError) as info:
            tours.decode_upload(bad)
        assert info.value.problems == ["The file could not be read; please choose it again."]
    with pytest.raises(TourError) as info:
        tours.decode_upload(_data_url(b" " * (200 * 1024)))
    assert info.value.problems == ["The file is 200 KB; a tour file may be at most 64 KB."]


def test_the_default_tour_is_shown_in_the_current_language(monkeypatch):
    from rcpdash.ui.presenter import tour_bar_content

    step = tours.default_tour().steps[5]
    french = {
        step.title: "Les quatre régions côte à côte",
        "Step {step} of {count}": "Étape {step} sur {count}",
    }
    monkeypatch.setitem(i18n.CATALOGS, "fr", french)
    with i18n.using("fr"):
        bar = tour_bar_content(ViewState(tour="default", step=6), None)
    assert (bar["counter"], bar["title"], bar["caption"]) == (
        "Étape 6 sur 9",
        "Les quatre régions côte à côte",
        step.caption,  # untranslated text falls back to English
    )


def test_messages_are_translated_when_made(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGS, "fr", {"The tour has no steps.": "La visite n'a aucune étape."})
    with i18n.using("fr"):
        assert _problems(b'{"steps": []}') == ["La visite n'a aucune étape."]


# --------------------------------------------------------------------------------------------------
# The shipped tour, against the real data
# --------------------------------------------------------------------------------------------------


def _known_ids():
    ds = datasets.dataset()
    return frozenset(ds.states.iso3), frozenset(ds.processes.process_id)


def test_the_default_tour_reads_against_the_real_data():
    tour = tours.tour_from_json(tours.DEFAULT_TOUR_FILE.read_bytes(), *_known_ids())
    assert tour == tours.default_tour()
    assert tour.title == "A walk through the report"
    # The tour tells the report's story: every step counts only the memberships the report names.
    assert [s.query for s in tour.steps] == [
        "?sources=report",
        "?regions=europe_central_asia&process=budapest_process&sources=report",
        "?view=centrality&regions=asia_pacific&sources=report",
        "?regions=americas&process=rcm&sources=report",
        "?regions=africa&process=midsa&sources=report",
        "?view=regions&sources=report",
        "?view=overlaps&measure=overlap&sources=report",
        "?view=centrality&metric=betweenness&sources=report",
        "?view=network&focus=state:CAN&sources=report",
    ]
    texts = tours.default_tour_texts()
    assert len(texts) == 19 and texts[0] == "A walk through the report"
    assert all(s.caption for s in tour.steps)


def _members(process_id: str) -> set[str]:
    G = analysis.graph(DEFAULT.graph_filter())
    return {n[1] for n in G.neighbors(("process", process_id))}


def test_the_default_tour_quotes_the_data_right():
    """Every number a caption quotes, computed from the data."""
    captions = [s.caption for s in tours.default_tour().steps]
    summary = datasets.dataset().summary()
    assert (summary["processes"], summary["memberships"], summary["states_with_memberships"]) == (
        177,
        680,
        170,
    )
    assert "177 arrangements and 680 cited memberships of 170 states" in captions[0]

    regions = analysis.region_comparison(DEFAULT.graph_filter()).set_index("region")
    assert regions.loc[
        ["europe_central_asia", "asia_pacific", "americas", "africa"], "processes"
    ].tolist() == [
        27,
        29,
        21,
        17,
    ]
    assert regions.loc["americas", "states"] == 24 and regions.loc["africa", "states"] == 40
    assert round(regions.loc["africa", "mean_memberships"], 1) == 2.1
    assert regions["mean_memberships"].idxmin() == "africa"
    assert regions["processes"].idxmax() == "asia_pacific"
    assert [
        round(regions.loc[r, "mean_jaccard"], 2) for r in ("asia_pacific", "europe_central_asia", "africa")
    ] == [
        0.21,
        0.06,
        0.08,
    ]
    assert round(regions.loc["europe_central_asia", "outside_share"] * 100) == 37
    assert regions["mean_jaccard"].idxmin() == "europe_central_asia"
    assert "(mean Jaccard 0.21), Europe's the fewest (0.06), then Africa's (0.08); 37%" in captions[5]

    assert len(_members("budapest_process")) == 35 and {"CAN", "USA", "RUS"} <= _members("budapest_process")
    assert "27 European arrangements" in captions[1] and "35 member states" in captions[1]
    assert (
        len(_members("rcm")) == 11
        and "joins 11 states" in captions[3]
        and "21 arrangements among 24" in captions[3]
    )
    assert (
        len(_members("midsa")) == 14
        and {"COD", "TZA", "ZAF", "MUS"} <= _members("midsa")
        and "joins 14 states" in captions[4]
        and "17 arrangements among 40" in captions[4]
    )

    asia = analysis.centrality(
        ViewState(regions=("asia_pacific",)).graph_filter(), "state", "weighted_degree"
    )
    top = asia.sort_values("weighted_degree", ascending=False).head(2)
    assert top[["id", "weighted_degree"]].values.tolist() == [["NZL", 113.0], ["AUS", 108.0]]
    G = analysis.graph(DEFAULT.graph_filter())
    assert G.degree(("state", "NZL")) == G.degree(("state", "AUS")) == 19
    assert {"apc", "pidc", "apec", "bali_process"} <= {n[1] for n in G.neighbors(("state", "NZL"))}
    assert "(113 partner meetings) and Australia (108)" in captions[2] and "19 processes" in captions[2]

    overlap = analysis.overlap(DEFAULT.graph_filter(), "overlap").to_numpy()
    assert int((np.triu(overlap, k=1) >= 1 - 1e-9).sum()) == 50
    assert len(_members("colombo_process")) == 10 and _members("colombo_process") <= _members("apc")
    assert (
        "50 pairs" in captions[6]
        and "all 10 states of the Asian Migration Ministerial Consultations" in captions[6]
    )

    states = analysis.centrality(DEFAULT.graph_filter(), "state", "betweenness")
    top3 = states.sort_values("betweenness", ascending=False).head(3)
    assert [(i, round(b, 2)) for i, b in top3[["id", "betweenness"]].values] == [
        ("CAN", 0.18),
        ("NLD", 0.15),
        ("USA", 0.11),
    ]
    assert (
        "Canada ranks first (0.18), ahead of the Netherlands (0.15) and the United States (0.11)"
        in captions[7]
    )

    canada = {n[1]: G.nodes[n]["region"] for n in G.neighbors(("state", "CAN"))}
    assert canada == {
        "rcm": "americas",
        "nafta": "americas",
        "budapest_process": "europe_central_asia",
        "stability_pact": "europe_central_asia",
        "apec": "asia_pacific",
        "g8": "global",
        "zaf_can_consultations": "interregional",
    }
    assert "seven processes placed in three regions" in captions[8]


# --------------------------------------------------------------------------------------------------
# Presenter theme
# --------------------------------------------------------------------------------------------------


def test_high_contrast_colours_pass_wcag_aa_on_white():
    assert set(OKABE_ITO.values()) <= set(HIGH_CONTRAST)
    ratios = {colour: round(contrast_ratio(colour), 2) for colour in HIGH_CONTRAST.values()}
    assert min(ratios.values()) >= 4.5, ratios
    assert len({HIGH_CONTRAST[c] for c in OKABE_ITO.values()}) == len(OKABE_ITO)  # still eight colours
    assert round(contrast_ratio("#E69F00"), 2) == 2.25  # why: Okabe–Ito orange alone fails on white


def test_presenter_figure_enlarges_thickens_and_darkens():
    register_template()
    fig = go.Figure(
        [
            go.Scatter(
                x=[1, 2],
                y=[1, 2],
                line={"width": 1.5, "color": OKABE_ITO["orange"]},
                marker={"size": [10, 20], "color": ["#0072B2", "#123456"]},
                textfont={"size": 11},
            )
        ],
        layout={
            "template": "rcpdash",
            "annotations": [{"text": "n", "font": {"size": 17, "color": "#555555"}}],
            "legend": {"orientation": "v", "x": 1.0},
            "height": 600,
        },
    )
    out = presenter_figure(fig)
    trace, layout = out["data"][0], out["layout"]
    assert trace["line"] == {"width": 3.0, "color": "#986803"}  # orange, darker: the same hue
    assert trace["marker"]["size"] == [14.0, 28.0]
    assert trace["marker"]["color"] == ["#005A9C", "#123456"]
    assert trace["textfont"] == {"size": 16.5}
    assert layout["annotations"][0]["font"] == {
        "size": 19.55,
        "color": "#000000",
    }  # ×1.15: titles side by side
    assert layout["legend"] == {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top"}
    assert layout["template"]["layout"]["font"]["size"] == 22
    assert layout["height"] == 750
    assert fig.data[0].line.width == 1.5  # the original is untouched
