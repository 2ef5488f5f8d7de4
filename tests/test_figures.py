"""Figure builders, checked without a browser."""

from __future__ import annotations

import pandas as pd
import pytest

from rcpdash import figures
from rcpdash.network import filter_graph, layout_positions
from rcpdash.queries import map_counts, map_process, shaped_codes
from rcpdash.theme import CONTINENT_COLOURS, MEMBER_COLOUR, OBSERVER_COLOUR, REGION_COLOURS


@pytest.fixture(scope="module")
def members(tiny_graph):
    return filter_graph(tiny_graph)


SHAPED = frozenset({"AAA", "CCC", "DDD"})  # BBB and EEE have no shape at this "resolution"


def test_world_map_draws_shapeless_states_as_markers(members):
    frame = map_counts(members)
    fig = figures.world_map(frame, SHAPED, "Title")
    choropleth, markers = fig.data
    assert choropleth.type == "choropleth" and list(choropleth.locations) == ["AAA", "CCC", "DDD"]
    # Colours are count classes (1 → class 0, 2 → class 1); the hover shows the count itself.
    assert list(choropleth.z) == [0, 1, 1] and [c[3] for c in choropleth.customdata] == ["1", "2", "2"]
    assert markers.type == "scattergeo" and list(markers.lat) == [47.0] and list(markers.marker.color) == [1]
    assert markers.customdata[0][3] == "2" and "%{customdata[3]}" in markers.hovertemplate
    assert markers.marker.coloraxis == choropleth.coloraxis == "coloraxis"
    assert fig.layout.geo.fitbounds is False and fig.layout.geo.resolution == 110
    assert fig.layout.coloraxis.cmin == -0.5 and fig.layout.coloraxis.cmax == 4.5
    assert list(markers.customdata[0][:2]) == ["BBB", "Borduria"]
    assert "P1, O3" in choropleth.customdata[0][2] or "O3, P1" in markers.customdata[0][2]


def test_world_map_highlight_and_empty():
    empty = figures.world_map(
        pd.DataFrame(columns=["iso3", "name", "lat", "lon", "value", "processes"]), SHAPED, "T"
    )
    assert empty.data == () and empty.layout.annotations[0].text == "No state matches these filters."
    frame = pd.DataFrame(
        [("AAA", "Aland", 60.0, 20.0, 3, "P1")], columns=["iso3", "name", "lat", "lon", "value", "processes"]
    )
    fig = figures.world_map(frame, SHAPED, "T", highlight=("Aland", 60.0, 20.0))
    assert fig.data[-1].marker.symbol == "star" and list(fig.data[-1].lat) == [60.0]


def test_process_map_colours_members_and_observers(tiny_graph):
    all_roles = filter_graph(
        tiny_graph, __import__("rcpdash.network", fromlist=["GraphFilter"]).GraphFilter(role_class="all")
    )
    frame = map_process(all_roles, "p1")
    assert frame[["iso3", "status"]].values.tolist() == [
        ["AAA", "member"],
        ["BBB", "member"],
        ["CCC", "observer"],
    ]
    fig = figures.process_map(frame, SHAPED, "T")
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["Members"].locations) == ["AAA"]
    assert by_name["Members"].colorscale[0][1] == MEMBER_COLOUR
    assert list(by_name["Members (small states)"].lat) == [47.0]
    assert list(by_name["Observers"].locations) == ["CCC"]
    assert by_name["Observers"].colorscale[0][1] == OBSERVER_COLOUR
    assert fig.layout.geo.fitbounds is False


def test_real_shapes_leave_out_small_and_historical_states():
    shaped = shaped_codes("110m")
    assert {"KEN", "FRA", "AUS"} <= shaped
    assert not {"MLT", "NRU", "TUV", "SUN", "CSK", "YUG"} & shaped
    assert {"MLT", "NRU", "TUV"} <= shaped_codes("50m")


def test_heatmap_keeps_order_and_labels():
    matrix = pd.DataFrame([[2, 1], [1, 3]], index=["b", "a"], columns=["b", "a"])
    fig = figures.matrix_heatmap(matrix, {"a": "Alpha", "b": "Beta"}, "T", "Shared")
    heat = fig.data[0]
    assert list(heat.x) == ["b", "a"] and list(heat.y) == ["b", "a"]
    assert list(fig.layout.xaxis.ticktext) == ["Beta", "Alpha"]
    assert heat.text.tolist() == [["2", "1"], ["1", "3"]]
    assert fig.layout.yaxis.autorange == "reversed"
    assert figures.matrix_heatmap(pd.DataFrame(), {}, "T", "S").layout.annotations[0].text == (
        "Nothing to compare under these filters."
    )


def test_centrality_bars_group_colours_and_order():
    table = pd.DataFrame(
        {
            "id": ["p3", "p2", "p1"],
            "name": ["Three", "Two", "One"],
            "group": ["africa", "africa", "europe_central_asia"],
            "betweenness": [1.0, 0.5, 0.0],
        }
    )
    fig = figures.centrality_bars(table, "betweenness", "process", "T")
    # As plotly receives it (it shows "&amp;" as "&"; see test_names_reach_plotly_as_literal_text).
    assert [t.name for t in fig.data] == ["Africa", "Europe &amp; Central Asia"]
    assert fig.data[0].marker.color == REGION_COLOURS["africa"]
    assert list(fig.layout.yaxis.categoryarray) == ["Three", "Two", "One"]
    assert list(fig.data[0].customdata) == ["p3", "p2"]


def test_network_highlights_neighbours(members):
    positions = layout_positions(members)
    fig = figures.network_figure(members, positions, "T", selected=("state", "BBB"))
    states, processes = (next(t for t in fig.data if t.name == name) for name in ("States", "Processes"))
    opacity = {c: o for t in (states, processes) for c, o in zip(t.customdata, t.marker.opacity, strict=True)}
    assert opacity == {
        "state:AAA": 0.18,
        "state:BBB": 1.0,
        "state:CCC": 0.18,
        "state:DDD": 0.18,
        "process:p1": 1.0,
        "process:p2": 0.18,
        "process:p3": 1.0,
    }
    assert list(states.marker.color) == [CONTINENT_COLOURS["Europe"]] * 2 + [CONTINENT_COLOURS["Africa"]] * 2
    assert states.marker.symbol == "circle" and processes.marker.symbol == "square"
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == [
        "Process links (cooperation the report describes)",
        "Africa (state)",
        "Europe (state)",
        "Africa (process)",
        "Europe &amp; Central Asia (process)",
    ]
    link = next(t for t in fig.data if t.name and t.name.startswith("Process links"))
    assert (link.x[0], link.x[1]) == (positions[("process", "p1")][0], positions[("process", "p2")][0])
    # Every edge in one path (one element, not one per edge), BBB's two memberships drawn again darker.
    every_edge, highlighted_edges = fig.layout.shapes
    assert every_edge.path.count("M") == len(members.edges()) and every_edge.layer == "below"
    assert highlighted_edges.path.count("M") == 2 and highlighted_edges.line.width == 1.6
    assert figures.network_figure(members.subgraph([]), {}, "T").layout.annotations[0].text == (
        "No membership matches these filters."
    )


def test_node_keys_round_trip():
    assert figures.parse_node_key(figures.node_key(("state", "KEN"))) == ("state", "KEN")
    assert figures.parse_node_key("galaxy:far") is None and figures.parse_node_key(None) is None


def test_layout_positions_are_deterministic(members):
    assert layout_positions(members) == layout_positions(members)
    xs = [x for x, _ in layout_positions(members).values()]
    assert min(xs) == 0.0 and max(xs) == 1.0


# --------------------------------------------------------------------------------------------------
# Colour scales and wording
# --------------------------------------------------------------------------------------------------


def _counts_frame(counts: list[int]) -> pd.DataFrame:
    codes = [f"S{i:02d}" for i in range(len(counts))]
    return pd.DataFrame(
        {"iso3": codes, "name": codes, "lat": 0.0, "lon": 0.0, "value": counts, "processes": "P"}
    )


def test_world_map_classes_counts_1_2_to_3_4_to_6_7_to_10_and_more():
    counts = [1, 2, 3, 4, 6, 7, 10, 11, 19]
    frame = _counts_frame(counts)
    fig = figures.world_map(frame, frozenset(frame["iso3"]), "T")
    (choropleth,) = fig.data
    assert list(choropleth.z) == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert [c[3] for c in choropleth.customdata] == [str(n) for n in counts]
    axis = fig.layout.coloraxis
    assert list(axis.colorbar.ticktext) == ["1", "2–3", "4–6", "7–10", "11+"]
    assert list(axis.colorbar.tickvals) == [0, 1, 2, 3, 4]
    # Each class is one flat colour: the scale's two stops around class k both carry step k.
    scale = [tuple(stop) for stop in axis.colorscale]
    steps = ["#A1DAB4", "#41B6C4", "#1D91C0", "#225EA8", "#0C2C84"]
    assert scale == [(pos, colour) for k, colour in enumerate(steps) for pos in (k / 5, (k + 1) / 5)]
    assert (axis.cmin, axis.cmax) == (-0.5, 4.5)  # class k sits mid-way through its band


def test_world_map_class_labels_and_hover_counts_in_french():
    from rcpdash.i18n import using

    frame = _counts_frame([1234, 2])
    with using("fr"):
        fig = figures.world_map(frame, frozenset(frame["iso3"]), "T")
    assert fig.layout.coloraxis.colorbar.ticktext[-1] == "11+"
    assert fig.data[0].customdata[0][3] == "1\u202f234"
    assert fig.layout.separators == ",\u202f"


def test_heatmap_scale_comes_from_the_pairs_not_the_diagonal():
    ids = ["a", "b", "c"]
    matrix = pd.DataFrame([[30, 4, 0], [4, 12, 2], [0, 2, 9]], index=ids, columns=ids)
    fig = figures.matrix_heatmap(matrix, {"a": "A", "b": "B", "c": "C"}, "T", "Shared members")
    pairs, diagonal = fig.data
    assert pairs.zmin == 0 and pairs.zmax == 4  # not 30, the size of "a"
    z = [[None if v != v else v for v in row] for row in pairs.z]
    assert z == [[None, 4, 0], [4, None, 2], [0, 2, None]]
    # The diagonal is its own, neutral trace, its value in the hover.
    assert [[v == v for v in row] for row in diagonal.z] == [
        [True, False, False],
        [False, True, False],
        [False, False, True],
    ]
    assert diagonal.showscale is False and {c for _p, c in diagonal.colorscale} == {"#F3F3F3"}
    assert [row[i] for i, row in enumerate(diagonal.text)] == ["30", "12", "9"]
    assert "With itself" in diagonal.hovertemplate and pairs.hoverongaps is False


def test_heatmap_of_fractions_shows_two_decimals_in_the_language():
    from rcpdash.i18n import using

    ids = ["a", "b"]
    matrix = pd.DataFrame([[1.0, 0.4167], [0.4167, 1.0]], index=ids, columns=ids)
    with using("es"):
        fig = figures.matrix_heatmap(matrix, {}, "T", "Jaccard")
    assert fig.data[0].text[0][1] == "0,42" and fig.data[0].zmax == pytest.approx(0.4167)


def test_growth_chart_hovers_say_1_process_and_2_processes():
    frame = pd.DataFrame(
        {"year": [1990, 1991], "region": ["africa", "africa"], "processes": [1, 2], "memberships": [1, 1234]}
    )
    fig = figures.growth_chart(frame, 1991, "T")
    processes, memberships = fig.data
    assert list(processes.hovertext) == ["1 process", "2 processes"]
    assert list(memberships.hovertext) == ["1 membership", "1,234 memberships"]
    assert list(processes.x) == [1990, 1991] and "%{x}" in processes.hovertemplate


def test_region_multiples_write_numbers_in_the_language():
    from rcpdash.i18n import using

    table = pd.DataFrame(
        [
            {"region": "africa", "processes": 17, "states": 40, "density": 0.0802, "mean_memberships": 2.126,
             "median_memberships": 2.0, "mean_jaccard": 0.15, "outside_share": 0.2, "links_across": 3},
        ]
    )  # fmt: skip
    with using("fr"):
        fig = figures.region_multiples(table, "T")
    texts = {t.yaxis: t.text[0] for t in fig.data if t.text is not None}
    assert texts == {
        "y": "17",
        "y2": "40",
        "y3": "0,08",
        "y4": "2,13",
        "y5": "2",
        "y6": "0,15",
        "y7": "0,20",
        "y8": "3",
    }
